package dev.hvscope.plugin.rspclient;

/** Breakpoint and watchpoint packets {@code Z0..Z4} and {@code z0..z4}. */
public final class RspBreakpoints {
    private final RspConnection conn;

    RspBreakpoints(RspConnection conn) {
        this.conn = conn;
    }

    /**
     * Inserts one; {@code kind} is the instruction length (2 or 4) for breakpoints, the byte count
     * for watchpoints.
     *
     * @throws RspException when the stub refuses or does not support that type
     */
    public void insert(BreakpointKind type, long addr, int kind) {
        String req = "Z" + type.wire + "," + Long.toHexString(addr) + "," + Integer.toHexString(kind);
        Replies.ok(req, conn.exchange(req));
    }

    public void remove(BreakpointKind type, long addr, int kind) {
        String req = "z" + type.wire + "," + Long.toHexString(addr) + "," + Integer.toHexString(kind);
        Replies.ok(req, conn.exchange(req));
    }
}
