package dev.hvscope.plugin.dap;

import org.eclipse.lsp4j.debug.StepInArguments;

/** stepIn: by line ({@link LineStep}, entering calls) unless the granularity is {@code instruction} or the pc has no line; else one instruction. */
final class StepHandler implements RequestHandler<StepInArguments, Void> {
    @Override
    public Void handle(StepInArguments args, DebugSession session) {
        if (args == null) {
            throw DapError.badArgs("step needs threadId");
        }
        long tid = Frames.thread(session, args.getThreadId());
        if (StepGranularity.byLine(args.getGranularity()) && session.stepLines(tid, LineStep.Kind.INTO)) {
            return null;
        }
        session.resume(tid, true);
        return null;
    }
}
