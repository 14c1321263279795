package dev.hvscope.plugin.dap;

import dev.hvscope.plugin.live.SessionControl;
import dev.hvscope.plugin.rspclient.RspClient;
import dev.hvscope.plugin.rspclient.StopReply;
import java.io.IOException;
import dev.hvscope.plugin.live.UnixSockets;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.lsp4j.debug.OutputEventArgumentsCategory;
import org.eclipse.lsp4j.jsonrpc.Launcher;

/**
 * The adapter's control endpoint for one session, a Unix domain socket in the private runtime
 * directory ({@link SessionControl}): other hvscope
 * processes switch the live VM's pflash mode through it. A stopped target is switched at once, the
 * session's own way ({@link PflashModeSwitch}: {@code monitor pflash} on a hosted VM); a running one
 * is interrupted, switched at that stop by the stop waiter ({@link #atStop}) and run on, unreported.
 * Either way the DAP client is told with an output event.
 */
final class SessionControlServer implements SessionControl, AutoCloseable {
    private final DebugSession session;
    private final String config;
    static final long RUNNING_SWITCH_TIMEOUT_MS = 5_000;
    static final long INTERRUPT_EVERY_MS = 1_000;
    private static final String MODE_REPLY = "pflash mode: ";
    private final ServerSocketChannel socket;
    private final Path path;
    /** The connection the session had when registered: to interrupt a running target. */
    private final RspClient rsp;
    private final AtomicReference<PendingSwitch> pending = new AtomicReference<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "hvscope-session-control");
        t.setDaemon(true);
        return t;
    });

    /** A switch waiting for the running target's next stop. */
    private record PendingSwitch(String mode, CompletableFuture<PflashModeResult> done) {
    }

    private SessionControlServer(DebugSession session, String config, Path path) throws IOException {
        this.session = session;
        this.config = config;
        this.rsp = session.rsp();
        this.path = path;
        this.socket = UnixSockets.listen(path);
    }

    /** Listens on the Unix domain socket {@code path}; {@code config} names the VM config in messages. */
    static SessionControlServer start(DebugSession session, String config, Path path) throws IOException {
        SessionControlServer s = new SessionControlServer(session, config, path);
        s.threads.submit(s::acceptLoop);
        return s;
    }

    Path path() {
        return path;
    }

    private void acceptLoop() {
        while (socket.isOpen()) {
            try {
                SocketChannel c = socket.accept();
                Launcher<SessionControl> l = new Launcher.Builder<SessionControl>()
                        .setLocalService(this)
                        .setRemoteInterface(SessionControl.class)
                        .setInput(UnixSockets.in(c))
                        .setOutput(UnixSockets.out(c))
                        .setExecutorService(threads)
                        .create();
                threads.submit(() -> {
                    try (c) {
                        l.startListening().get(); // until the caller hangs up
                    }
                    return null;
                });
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    @Override
    public CompletableFuture<PflashModeResult> setPflashMode(PflashModeParams params) {
        String mode = params == null || params.mode == null ? "" : params.mode;
        String id = mode.equals("emulate") ? BreakpointModes.EMULATE
                : mode.equals("passthrough") ? BreakpointModes.PASSTHROUGH : null;
        if (id == null) {
            return done(false, null, "pflash mode must be passthrough or emulate, not '" + mode + "'");
        }
        // one switch at a time, and never across a resume or the end of the target (both lock the session)
        synchronized (session) {
            if (!session.connected()) {
                return done(false, null, "the debug session has no target");
            }
            if (!session.running()) {
                return switchStopped(mode, id);
            }
        }
        return whenStopped(mode); // outside the lock: the stop waiter may need it to end the session
    }

    /** The target is stopped (the caller holds the session's lock). */
    private CompletableFuture<PflashModeResult> switchStopped(String mode, String id) {
        try {
            String text = PflashModeSwitch.apply(session, session.rsp(), id);
            String now = PflashScope.mode(session);
            session.output(OutputEventArgumentsCategory.CONSOLE, text + " (from " + config + ")\n");
            return done(mode.equals(now), now, text);
        } catch (RuntimeException e) {
            return done(false, null, "pflash mode " + mode + " failed: " + e.getMessage());
        }
    }

    /** Interrupts the running target; the stop waiter switches at that stop ({@link #atStop}) and runs on. */
    private CompletableFuture<PflashModeResult> whenStopped(String mode) {
        PendingSwitch p = new PendingSwitch(mode, new CompletableFuture<>());
        if (!pending.compareAndSet(null, p)) {
            return done(false, null, "another pflash switch is under way");
        }
        try {
            // an interrupt that reaches the stub just before the resume is ignored there: send again
            for (long waited = 0; waited < RUNNING_SWITCH_TIMEOUT_MS; waited += INTERRUPT_EVERY_MS) {
                rsp.run().interrupt();
                try {
                    return CompletableFuture.completedFuture(p.done().get(INTERRUPT_EVERY_MS, TimeUnit.MILLISECONDS));
                } catch (TimeoutException e) {
                    // not stopped yet
                }
            }
        } catch (ExecutionException | RuntimeException e) {
            // the connection went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!pending.compareAndSet(p, null)) {
            return p.done(); // the stop waiter took it at the last moment: its answer follows
        }
        return done(false, null, "the running VM did not stop for the switch");
    }

    /**
     * Called by the stop waiter at each stop of a running target, before the stop is handled: does
     * a pending switch. True when the stop was only the switch's interrupt: run on without reporting it.
     */
    boolean atStop(RspClient c, StopReply r) {
        PendingSwitch p = pending.getAndSet(null);
        if (p == null) {
            return false;
        }
        if (r.exited()) {
            p.done().complete(new PflashModeResult(false, null, "the VM ended before the switch"));
            return false;
        }
        try {
            c.monitor().run("pflash " + p.mode());
            String reply = c.monitor().run("pflash").strip();
            String now = reply.startsWith(MODE_REPLY) ? reply.substring(MODE_REPLY.length()).strip() : null;
            String text = "pflash mode switched to " + p.mode() + " in the running VM";
            session.output(OutputEventArgumentsCategory.CONSOLE, text + " (from " + config + ")\n");
            p.done().complete(new PflashModeResult(p.mode().equals(now), now, text));
        } catch (RuntimeException e) {
            p.done().complete(new PflashModeResult(false, null, "pflash mode " + p.mode() + " failed: " + e.getMessage()));
        }
        return r.signal() == StopReply.SIGINT;
    }

    private static CompletableFuture<PflashModeResult> done(boolean switched, String mode, String message) {
        return CompletableFuture.completedFuture(new PflashModeResult(switched, mode, message));
    }

    @Override
    public void close() {
        try {
            socket.close();
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // closed or removed already
        }
        threads.shutdownNow();
    }
}
