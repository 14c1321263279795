package dev.hvscope.core.hv;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Every VM exit of a run, in order: what it was, where, how the hypervisor handled it, and when
 * (guest instructions retired, nanoseconds since the VM started). The GDB stub and the IDE read it.
 * Entries beyond the capacity are counted but not kept.
 */
public final class ExitLog {
    public static final int DEFAULT_CAPACITY = 1 << 16;

    /** One exit: sequence number from 1, the exit, the handling in words, instret and time. */
    public record Entry(int seq, VmExit exit, String handling, long instret, long nanos) {
        public String kind() {
            return exit.kind();
        }

        public long pc() {
            return exit.pc();
        }

        public long address() {
            return exit.address();
        }

        @Override
        public String toString() {
            String addr = address() == -1L ? "" : String.format(" addr %#x", address());
            return String.format("#%d %s pc %#x%s: %s", seq, kind(), pc(), addr, handling);
        }
    }

    private final int capacity;
    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, Integer> counts = new LinkedHashMap<>();
    private int total;

    public ExitLog() {
        this(DEFAULT_CAPACITY);
    }

    public ExitLog(int capacity) {
        this.capacity = capacity;
    }

    public Entry add(VmExit exit, String handling, long instret, long nanos) {
        total++;
        counts.merge(exit.kind(), 1, Integer::sum);
        Entry e = new Entry(total, exit, handling, instret, nanos);
        if (entries.size() < capacity) {
            entries.add(e);
        }
        return e;
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    public int total() {
        return total;
    }

    public int dropped() {
        return total - entries.size();
    }

    /** Exit kind → count, in order of first appearance. */
    public Map<String, Integer> counts() {
        return Map.copyOf(counts);
    }

    /** "1 NestedPageFault, 124 Hypercall, 1 SystemDown" (first-appearance order). */
    public String countsSummary() {
        StringJoiner j = new StringJoiner(", ");
        counts.forEach((k, n) -> j.add(n + " " + k));
        return j.length() == 0 ? "no exits" : j.toString();
    }
}
