package dev.hvscope.plugin.dap;

import dev.hvscope.core.debug.HostedDebuggee;
import dev.hvscope.core.hv.HostedMachine;
import dev.hvscope.gdb.GdbServer;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A debuggee the tests' adapters launch with {@code command} (the plugin's class path has no hvscope
 * main class): the pflash demo VM under hvscope's stub on the Unix socket {@code args[0]}, as
 * {@code hvscope vm -S -gdb unix:PATH} serves it, until gdb kills it.
 */
final class UnixStubMain {
    private UnixStubMain() {
    }

    public static void main(String[] args) throws Exception {
        HostedMachine host = HostedMachine.create(
                HostedDapSession.pflashDemo(HostedDapSession.GUEST, HostedDapSession.PFLASH_WINDOW),
                OutputStream.nullOutputStream(), null);
        CountDownLatch killed = new CountDownLatch(1);
        try (GdbServer stub = GdbServer.startUnix(new HostedDebuggee(host), Path.of(args[0]), killed::countDown)) {
            killed.await();
        }
        System.exit(0);
    }
}
