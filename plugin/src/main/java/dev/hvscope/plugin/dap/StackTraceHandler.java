package dev.hvscope.plugin.dap;

import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.debug.StackTraceResponse;

/** stackTrace: one frame per hart, the symbolized pc and its source line (frame id = thread id). */
final class StackTraceHandler implements RequestHandler<StackTraceArguments, StackTraceResponse> {
    @Override
    public StackTraceResponse handle(StackTraceArguments args, DebugSession session) {
        Args.require(args, "stackTrace");
        long tid = Frames.thread(session, args.getThreadId());
        long pc = session.pc(tid);
        String sym = session.symbols().at(pc);
        StackFrame f = new StackFrame();
        f.setId((int) tid);
        f.setName(sym == null ? Addresses.hex(pc) : sym);
        f.setInstructionPointerReference(Addresses.hex(pc));
        f.setLine(0);
        f.setColumn(0);
        SourceFrames.fill(session, f, pc);
        StackTraceResponse r = new StackTraceResponse();
        int start = args.getStartFrame() == null ? 0 : args.getStartFrame();
        r.setStackFrames(start > 0 ? new StackFrame[0] : new StackFrame[] {f});
        r.setTotalFrames(1);
        return r;
    }
}
