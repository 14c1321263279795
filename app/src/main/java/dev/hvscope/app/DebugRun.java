package dev.hvscope.app;

import dev.hvscope.core.debug.Debuggee;
import dev.hvscope.core.debug.FullSystemDebuggee;
import dev.hvscope.core.machine.GdbEndpoint;
import dev.hvscope.core.machine.MachineException;
import dev.hvscope.core.machine.MachineConfig;
import dev.hvscope.core.machine.VirtMachine;
import dev.hvscope.gdb.GdbServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * A run under the GDB stub (full-system or hosted) ({@code -s}, {@code -S}, {@code -gdb}): the machine runs on
 * its own thread (from the start, or from gdb's first continue with {@code -S}) until it powers off
 * or gdb kills it.
 */
final class DebugRun {
    /** Time for the last stop reply (W) to reach gdb before the process exits. */
    private static final long LINGER_MILLIS = 200;

    private DebugRun() {
    }

    static int run(VirtMachine machine, MachineConfig config, PrintWriter err) throws InterruptedException {
        FullSystemDebuggee target = new FullSystemDebuggee(machine);
        return serve(target, config.gdb(), config.waitForGdb(), err, machine::exitStatus);
    }

    /** The stub on {@code at}; an address it cannot listen on is one line naming it. */
    private static GdbServer listen(Debuggee target, GdbEndpoint at, CountDownLatch killed) throws InterruptedException {
        if (at.isUnix()) {
            return startUnix(target, at, killed::countDown);
        }
        try {
            return GdbServer.start(target, at.host(), at.port(), killed::countDown);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) { // netty rethrows the bind's IOException unchecked
            String why = e instanceof java.nio.channels.UnresolvedAddressException ? "no such host"
                    : e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            throw new MachineException("-gdb tcp:" + (at.host() == null ? "" : at.host()) + ":" + at.port()
                    + ": cannot listen (" + why + ")");
        }
    }

    /**
     * Serves any Debuggee (full-system or hosted) until it powers off or gdb kills it; returns the
     * exit status {@code status} gives after power-off, 0 after a kill.
     */
    static int serve(Debuggee target, GdbEndpoint at, boolean waitForGdb, PrintWriter err, IntSupplier status)
            throws InterruptedException {
        CountDownLatch killed = new CountDownLatch(1);
        try (GdbServer server = listen(target, at, killed)) {
            err.println("hvscope: gdb stub listening on "
                    + (at.isUnix() ? "unix:" + server.socket() : server.host() + ":" + server.port()));
            if (!at.isUnix()) {
                ExposedAddress.warn("hvscope", at.host(), server.port(), "the gdb stub has no authentication; anyone"
                        + " who reaches it can read and write the machine's memory and registers (use 127.0.0.1 and an ssh tunnel)", err);
            }
            err.flush();
            if (!waitForGdb) {
                target.resume();
            }
            while (!target.isPoweredOff()) {
                if (killed.await(50, TimeUnit.MILLISECONDS)) {
                    return 0;
                }
            }
            Thread.sleep(LINGER_MILLIS);
            return status.getAsInt();
        }
    }

    private static GdbServer startUnix(Debuggee target, GdbEndpoint at, Runnable onKill) throws InterruptedException {
        try {
            return GdbServer.startUnix(target, at.socket(), onKill);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);   // the commands print it as one line
        }
    }
}
