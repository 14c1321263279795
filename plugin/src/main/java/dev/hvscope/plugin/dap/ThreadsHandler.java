package dev.hvscope.plugin.dap;

import java.util.List;
import org.eclipse.lsp4j.debug.Thread;
import org.eclipse.lsp4j.debug.ThreadsResponse;

/** threads: one per hart (RSP thread ids); served from the last stop's list while running. */
final class ThreadsHandler implements RequestHandler<Void, ThreadsResponse> {
    @Override
    public ThreadsResponse handle(Void args, DebugSession session) {
        List<Long> ids = session.threads();
        Thread[] out = new Thread[ids.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = new Thread();
            out[i].setId(ids.get(i).intValue());
            out[i].setName("hart " + (ids.get(i) - 1));
        }
        ThreadsResponse r = new ThreadsResponse();
        r.setThreads(out);
        return r;
    }
}
