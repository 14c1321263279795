package dev.hvscope.core.debug;

import java.util.ArrayList;
import java.util.List;

/** The last N VM exits, oldest first (a ring; thread-safe). */
public final class ExitLog {
    private final VmExitRecord[] ring;
    private long count;

    public ExitLog(int capacity) {
        ring = new VmExitRecord[capacity];
    }

    public synchronized void add(VmExitRecord r) {
        ring[(int) (count % ring.length)] = r;
        count++;
    }

    /** Exits logged since the start (also those that fell out of the ring). */
    public synchronized long total() {
        return count;
    }

    /** Next sequence number. */
    public synchronized long nextSeq() {
        return count + 1;
    }

    /** The last {@code n} exits, oldest first. */
    public synchronized List<VmExitRecord> last(int n) {
        int have = (int) Math.min(count, ring.length);
        int take = Math.max(0, Math.min(n, have));
        List<VmExitRecord> out = new ArrayList<>(take);
        for (long i = count - take; i < count; i++) {
            out.add(ring[(int) (i % ring.length)]);
        }
        return out;
    }
}
