package dev.hvscope.plugin.dap;

import org.eclipse.lsp4j.debug.DisconnectArguments;

/** disconnect: kills a launched debuggee (unless terminateDebuggee is false), detaches from an attached one. */
final class DisconnectHandler implements RequestHandler<DisconnectArguments, Void> {
    @Override
    public Void handle(DisconnectArguments args, DebugSession session) {
        boolean kill = args != null && args.getTerminateDebuggee() != null ? args.getTerminateDebuggee() : session.launchedByUs();
        session.closeTarget(kill);
        return null;
    }
}
