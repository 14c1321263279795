package dev.hvscope.plugin.dap;

import org.eclipse.lsp4j.debug.StepOutArguments;

/**
 * stepOut: runs to the return address of the function holding pc ({@link ReturnAddress}) and
 * reports a step there, at every granularity (the stop is at the return address, mid-line in the
 * caller, as gdb's {@code finish}).
 */
final class StepOutHandler implements RequestHandler<StepOutArguments, Void> {
    @Override
    public Void handle(StepOutArguments args, DebugSession session) {
        Args.require(args, "stepOut");
        long tid = Frames.thread(session, args.getThreadId());
        long pc = session.pc(tid);
        session.runTo(tid, ReturnAddress.of(session, tid, pc));
        return null;
    }
}
