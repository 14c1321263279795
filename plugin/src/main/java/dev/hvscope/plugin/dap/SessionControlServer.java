package dev.hvscope.plugin.dap;

import dev.hvscope.plugin.live.SessionControl;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.lsp4j.debug.OutputEventArgumentsCategory;
import org.eclipse.lsp4j.jsonrpc.Launcher;

/**
 * The adapter's loopback control endpoint for one session ({@link SessionControl}): other hvscope
 * processes switch the live VM's pflash mode through it. The switch takes the session's own path
 * ({@link PflashModeSwitch}: {@code monitor pflash} on a hosted VM) while the target is stopped, and
 * the DAP client is told with an output event.
 */
final class SessionControlServer implements SessionControl, AutoCloseable {
    private final DebugSession session;
    private final String config;
    private final ServerSocket socket;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "hvscope-session-control");
        t.setDaemon(true);
        return t;
    });

    private SessionControlServer(DebugSession session, String config) throws IOException {
        this.session = session;
        this.config = config;
        this.socket = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
    }

    /** Listens on a free loopback port; {@code config} names the VM config in messages. */
    static SessionControlServer start(DebugSession session, String config) throws IOException {
        SessionControlServer s = new SessionControlServer(session, config);
        s.threads.submit(s::acceptLoop);
        return s;
    }

    int port() {
        return socket.getLocalPort();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket c = socket.accept();
                Launcher<SessionControl> l = new Launcher.Builder<SessionControl>()
                        .setLocalService(this)
                        .setRemoteInterface(SessionControl.class)
                        .setInput(c.getInputStream())
                        .setOutput(c.getOutputStream())
                        .setExecutorService(threads)
                        .create();
                l.startListening();
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
            if (session.running()) {
                return done(false, null, "the VM is running: pause it, then flip the mode again");
            }
            try {
                String text = PflashModeSwitch.apply(session, session.rsp(), id);
                String now = PflashScope.mode(session);
                boolean switched = mode.equals(now);
                session.output(OutputEventArgumentsCategory.CONSOLE, text + " (from " + config + ")\n");
                return done(switched, now, text);
            } catch (RuntimeException e) {
                return done(false, null, "pflash mode " + mode + " failed: " + e.getMessage());
            }
        }
    }

    private static CompletableFuture<PflashModeResult> done(boolean switched, String mode, String message) {
        return CompletableFuture.completedFuture(new PflashModeResult(switched, mode, message));
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closed already
        }
        threads.shutdownNow();
    }
}
