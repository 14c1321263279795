package dev.hvscope.plugin.dap;

/** stepIn: one instruction on one hart (without DWARF line tables every granularity is an instruction). */
final class StepHandler implements RequestHandler<Integer, Void> {
    @Override
    public Void handle(Integer threadId, DebugSession session) {
        if (threadId == null) {
            throw DapError.badArgs("step needs threadId");
        }
        session.resume(Frames.thread(session, threadId), true);
        return null;
    }
}
