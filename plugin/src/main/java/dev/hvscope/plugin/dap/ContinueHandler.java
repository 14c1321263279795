package dev.hvscope.plugin.dap;

import org.eclipse.lsp4j.debug.ContinueArguments;
import org.eclipse.lsp4j.debug.ContinueResponse;

/** continue: every hart runs. */
final class ContinueHandler implements RequestHandler<ContinueArguments, ContinueResponse> {
    @Override
    public ContinueResponse handle(ContinueArguments args, DebugSession session) {
        Args.require(args, "continue");
        session.resume(Frames.thread(session, args.getThreadId()), false);
        ContinueResponse r = new ContinueResponse();
        r.setAllThreadsContinued(true);
        return r;
    }
}
