package dev.hvscope.plugin.rspclient;

/** RSP thread ids: plain hex {@code 1}, or multiprocess {@code p1.1}; {@code -1} means all, 0 any. */
public final class ThreadId {
    private ThreadId() {
    }

    /** The thread number (the part after the dot in the multiprocess form). */
    public static long parse(String id) {
        String t = id;
        if (t.startsWith("p")) {
            int dot = t.indexOf('.');
            t = dot < 0 ? "-1" : t.substring(dot + 1);
        }
        if (t.equals("-1")) {
            return -1;
        }
        try {
            return Long.parseLong(t, 16);
        } catch (NumberFormatException e) {
            throw new RspException("bad thread id: " + id);
        }
    }

    /** The wire form of a thread number (plain hex; -1 for all). */
    public static String format(long tid) {
        return tid < 0 ? "-1" : Long.toHexString(tid);
    }
}
