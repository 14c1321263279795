package dev.hvscope.plugin.rspclient;

import java.util.ArrayList;
import java.util.List;

/** Thread packets: {@code qfThreadInfo}/{@code qsThreadInfo} and {@code Hg} (the thread register and memory packets act on). */
public final class RspThreads {
    private final RspConnection conn;
    private long selected = Long.MIN_VALUE;

    RspThreads(RspConnection conn) {
        this.conn = conn;
    }

    /** Every thread id the stub lists (harts or vCPUs). */
    public List<Long> list() {
        List<Long> out = new ArrayList<>();
        String reply = conn.exchange("qfThreadInfo");
        while (reply.startsWith("m")) {
            for (String id : reply.substring(1).split(",")) {
                if (!id.isEmpty()) {
                    out.add(ThreadId.parse(id));
                }
            }
            reply = conn.exchange("qsThreadInfo");
        }
        if (!reply.equals("l") && !reply.isEmpty()) {
            throw new RspException("unexpected thread list reply: " + RspCodec.abbreviate(reply));
        }
        if (out.isEmpty()) {
            out.add(1L);
        }
        return out;
    }

    /** Makes {@code tid} the thread for {@code g}/{@code p}/{@code m}; cached, so repeated calls are free. */
    public void select(long tid) {
        if (tid == selected) {
            return;
        }
        String req = "Hg" + ThreadId.format(tid);
        Replies.ok(req, conn.exchange(req));
        selected = tid;
    }

    /** Forgets the cached selection (after a resume the stub may switch on its own). */
    public void invalidate() {
        selected = Long.MIN_VALUE;
    }
}
