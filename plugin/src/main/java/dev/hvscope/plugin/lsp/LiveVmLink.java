package dev.hvscope.plugin.lsp;

import dev.hvscope.plugin.live.LiveSessionRegistry;
import dev.hvscope.plugin.live.SessionControl;
import dev.hvscope.plugin.live.SessionControl.PflashModeParams;
import dev.hvscope.plugin.live.SessionControl.PflashModeResult;
import dev.hvscope.plugin.live.UnixSockets;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.jsonrpc.Launcher;

/**
 * From the pflash lens to the VM running from the same file under a debug adapter: looks the file
 * up in the {@link LiveSessionRegistry} and asks each adapter found, over its control socket, to switch the live VM ({@code hvscope/setPflashMode}).
 */
final class LiveVmLink {
    static final int TIMEOUT_MS = 5_000;
    private final LiveSessionRegistry registry;
    /**
     * Where lens commands wait for the adapters, off the server's reader thread; one thread that
     * lives as long as the server (the answer is written from it, and pipes mind their writers).
     */
    final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "hvscope-lsp-live-vm");
        t.setDaemon(true);
        return t;
    });

    /** What became of the live VMs: switched when at least one was. */
    record Outcome(boolean switched, String message) {
    }

    LiveVmLink(LiveSessionRegistry registry) {
        this.registry = registry;
    }

    Outcome switchTo(Path config, String mode) {
        if (config == null) {
            return new Outcome(false, "no live VM: the document is not a file");
        }
        List<LiveSessionRegistry.Entry> sessions = registry.sessionsFor(config);
        if (sessions.isEmpty()) {
            return new Outcome(false, "no live VM runs this file under the debug adapter");
        }
        boolean switched = false;
        List<String> said = new ArrayList<>();
        for (LiveSessionRegistry.Entry e : sessions) {
            PflashModeResult r = call(e.socket(), mode);
            switched |= r.switched;
            said.add(r.message);
        }
        return new Outcome(switched, String.join("; ", said));
    }

    private static PflashModeResult call(Path socket, String mode) {
        ExecutorService listener = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "hvscope-live-vm-link");
            t.setDaemon(true);
            return t;
        });
        try (SocketChannel s = UnixSockets.connect(socket)) {
            Launcher<SessionControl> l = new Launcher.Builder<SessionControl>()
                    .setLocalService(new Object())
                    .setRemoteInterface(SessionControl.class)
                    .setInput(UnixSockets.in(s))
                    .setOutput(UnixSockets.out(s))
                    .setExecutorService(listener)
                    .create();
            java.util.concurrent.Future<Void> listening = l.startListening();
            try {
                PflashModeResult r = l.getRemoteProxy().setPflashMode(new PflashModeParams(mode))
                        .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
                return r != null ? r : new PflashModeResult(false, null, "the debug adapter gave no answer");
            } finally {
                listening.cancel(true); // stop reading before the socket closes: no "Socket closed" noise
            }
        } catch (IOException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return new PflashModeResult(false, null, "the debug adapter at " + socket + " did not answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new PflashModeResult(false, null, "interrupted");
        } finally {
            listener.shutdownNow();
        }
    }
}
