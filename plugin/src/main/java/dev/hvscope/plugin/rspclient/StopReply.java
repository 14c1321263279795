package dev.hvscope.plugin.rspclient;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A parsed stop reply: {@code S sig}, {@code T sig n:r;...} (thread, swbreak, hwbreak, watch,
 * rwatch, awatch, register values, and any key a stub adds), {@code W code} (exited) or
 * {@code X sig} (killed).
 *
 * @param kind 'S'/'T' (stopped), 'W' (exited) or 'X' (terminated by a signal)
 * @param signal the signal number (for W: the exit code)
 * @param thread the thread id from {@code thread:}, or null when absent
 * @param pairs all {@code n:r} pairs in order
 */
public record StopReply(char kind, int signal, String thread, Map<String, String> pairs) {
    public static final int SIGINT = 2;
    public static final int SIGTRAP = 5;

    /**
     * Parses a stop reply.
     *
     * @throws RspException when it is not one
     */
    public static StopReply parse(String reply) {
        if (reply.length() < 3 || "STWX".indexOf(reply.charAt(0)) < 0) {
            throw new RspException("not a stop reply: " + RspCodec.abbreviate(reply));
        }
        char kind = reply.charAt(0);
        int signal;
        try {
            signal = Integer.parseInt(reply.substring(1, 3), 16);
        } catch (NumberFormatException e) {
            throw new RspException("bad signal in stop reply: " + RspCodec.abbreviate(reply));
        }
        Map<String, String> pairs = new LinkedHashMap<>();
        if (kind == 'T') {
            for (String part : reply.substring(3).split(";")) {
                if (part.isEmpty()) {
                    continue;
                }
                int colon = part.indexOf(':');
                if (colon < 0) {
                    throw new RspException("bad pair '" + part + "' in stop reply");
                }
                pairs.put(part.substring(0, colon), part.substring(colon + 1));
            }
        }
        return new StopReply(kind, signal, pairs.get("thread"), Collections.unmodifiableMap(pairs));
    }

    public boolean exited() {
        return kind == 'W' || kind == 'X';
    }

    public boolean swbreak() {
        return pairs.containsKey("swbreak");
    }

    public boolean hwbreak() {
        return pairs.containsKey("hwbreak");
    }

    /** The data address of a watchpoint hit ({@code watch}, {@code rwatch}, {@code awatch}), or -1. */
    public long watchAddress() {
        for (String k : new String[] {"watch", "rwatch", "awatch"}) {
            String v = pairs.get(k);
            if (v != null) {
                return Long.parseUnsignedLong(v, 16);
            }
        }
        return -1;
    }

    /** The numeric thread id (the tid part of {@code p<pid>.<tid>}); -1 when absent or "all". */
    public long threadId() {
        return thread == null ? -1 : ThreadId.parse(thread);
    }
}
