package dev.hvscope.plugin.dap;

import dev.hvscope.plugin.live.LiveSessionRegistry;
import dev.hvscope.plugin.rspclient.RspClient;
import dev.hvscope.plugin.rspclient.StopReply;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.lsp4j.debug.OutputEventArgumentsCategory;

/**
 * Makes a session that runs a VM from a config file ({@code vmConfig}, a launch or attach
 * argument) reachable by the language server: a control endpoint ({@link SessionControlServer})
 * and an entry in the {@link LiveSessionRegistry}, both gone when the target ends.
 */
final class LiveVmHook {
    private static final Map<DebugSession, Registration> LIVE = new ConcurrentHashMap<>();

    private record Registration(SessionControlServer server, Path entry, LiveSessionRegistry registry) {
    }

    private LiveVmHook() {
    }

    /** After launch or attach: registers the session when the arguments name a {@code vmConfig}. */
    static void register(DebugSession session, Map<String, Object> args) {
        String vmConfig = Args.string(args, "vmConfig", null);
        if (vmConfig == null || vmConfig.isEmpty()) {
            return;
        }
        ended(session);
        String cwd = Args.string(args, "cwd", null);
        Path config = cwd == null ? Path.of(vmConfig) : Path.of(cwd).resolve(vmConfig);
        SessionControlServer server = null;
        try {
            LiveSessionRegistry reg = LiveSessionRegistry.standard();
            server = SessionControlServer.start(session, vmConfig, reg.newSocket());
            Path entry = reg.register(config, server.path());
            LIVE.put(session, new Registration(server, entry, reg));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> reg.remove(entry)));
        } catch (IOException | RuntimeException e) {
            if (server != null) {
                server.close();
            }
            session.output(OutputEventArgumentsCategory.STDERR, "the pflash lens cannot reach this VM: " + e.getMessage() + "\n");
        }
    }

    /** At each stop of a running target, before it is handled: true when it was only a live switch's interrupt. */
    static boolean atStop(DebugSession session, RspClient c, StopReply r) {
        Registration reg = LIVE.get(session);
        return reg != null && reg.server().atStop(c, r);
    }

    /** The target ended (disconnect, terminate, restart, lost): unregister. */
    static void ended(DebugSession session) {
        Registration r = LIVE.remove(session);
        if (r != null) {
            r.registry().remove(r.entry());
            r.server().close();
        }
    }
}
