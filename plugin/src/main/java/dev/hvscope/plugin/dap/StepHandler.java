package dev.hvscope.plugin.dap;

/**
 * next and stepIn: one instruction on one hart (without DWARF line tables every granularity is
 * an instruction; next does not step over calls yet).
 */
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
