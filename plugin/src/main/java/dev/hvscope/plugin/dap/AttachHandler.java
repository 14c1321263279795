package dev.hvscope.plugin.dap;

import java.util.Map;

/** attach: connects to a running stub. Arguments: {@code host} (127.0.0.1), {@code port}, {@code elf} ({@link ElfArgs}), {@code sourceRoot}, {@code stopOnEntry}. */
final class AttachHandler implements RequestHandler<Map<String, Object>, Void> {
    @Override
    public Void handle(Map<String, Object> args, DebugSession session) {
        Args.require(args, "attach");
        session.requireInitialized();
        if (session.connected()) {
            throw DapError.state("already connected to a target");
        }
        int port = Args.integer(args, "port", -1);
        if (port <= 0 || port > 65535) {
            throw DapError.badArgs("attach needs 'port' (1..65535)");
        }
        TargetConnector.loadElfs(session, args);
        session.setStopOnEntry(Args.bool(args, "stopOnEntry", true));
        TargetConnector.connect(session, Args.string(args, "host", "127.0.0.1"), port,
                Args.integer(args, "connectTimeout", 3_000), null);
        session.rememberLaunch(args, false);
        session.client().initialized();
        return null;
    }
}
