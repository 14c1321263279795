package dev.hvscope.plugin.dap;

import org.eclipse.lsp4j.debug.PauseArguments;

/** pause: Ctrl-C to the stub; the stop comes as a stopped event (reason pause). */
final class PauseHandler implements RequestHandler<PauseArguments, Void> {
    @Override
    public Void handle(PauseArguments args, DebugSession session) {
        session.pause();
        return null;
    }
}
