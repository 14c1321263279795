package dev.hvscope.plugin.dap;

/** Frame and thread ids: one frame per hart, so a frame id is the thread id. */
final class Frames {
    private Frames() {
    }

    static long thread(DebugSession session, int id) {
        if (!session.threads().contains((long) id)) {
            throw DapError.badArgs("unknown thread or frame id " + id);
        }
        return id;
    }
}
