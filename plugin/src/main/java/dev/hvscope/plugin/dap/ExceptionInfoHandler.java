package dev.hvscope.plugin.dap;

import org.eclipse.lsp4j.debug.ExceptionBreakMode;
import org.eclipse.lsp4j.debug.ExceptionInfoArguments;
import org.eclipse.lsp4j.debug.ExceptionInfoResponse;

/** exceptionInfo: what the last stop was. */
final class ExceptionInfoHandler implements RequestHandler<ExceptionInfoArguments, ExceptionInfoResponse> {
    @Override
    public ExceptionInfoResponse handle(ExceptionInfoArguments args, DebugSession session) {
        DebugSession.StopInfo s = session.lastStop();
        if (s == null) {
            throw DapError.state("no stop yet");
        }
        ExceptionInfoResponse r = new ExceptionInfoResponse();
        r.setExceptionId(s.reason());
        r.setDescription(s.description() == null ? s.reason() + " at " + Addresses.hex(s.pc()) : s.description());
        r.setBreakMode(ExceptionBreakMode.ALWAYS);
        return r;
    }
}
