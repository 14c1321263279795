package dev.hvscope.plugin.dap;

import java.util.Map;

/** attach: connects to a running stub. Arguments: {@code host} (127.0.0.1) and {@code port}, or {@code socket} (a Unix socket path), {@code elf} ({@link ElfArgs}), {@code sourceRoot}, {@code stopOnEntry}. */
final class AttachHandler implements RequestHandler<Map<String, Object>, Void> {
    @Override
    public Void handle(Map<String, Object> args, DebugSession session) {
        Args.require(args, "attach");
        session.requireInitialized();
        if (session.connected()) {
            throw DapError.state("already connected to a target");
        }
        StubAddress at = StubAddress.of(args);
        TargetConnector.loadElfs(session, args);
        session.setStopOnEntry(Args.bool(args, "stopOnEntry", true));
        TargetConnector.connect(session, at, Args.integer(args, "connectTimeout", 3_000), null);
        session.rememberLaunch(args, false);
        LiveVmHook.register(session, args);
        session.client().initialized();
        return null;
    }
}
