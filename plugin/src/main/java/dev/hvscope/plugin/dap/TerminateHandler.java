package dev.hvscope.plugin.dap;

import org.eclipse.lsp4j.debug.TerminateArguments;

/** terminate: ends the debuggee and reports terminated. */
final class TerminateHandler implements RequestHandler<TerminateArguments, Void> {
    @Override
    public Void handle(TerminateArguments args, DebugSession session) {
        if (!session.connected()) {
            throw DapError.state("not connected to a target");
        }
        session.terminated();
        return null;
    }
}
