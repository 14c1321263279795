package dev.hvscope.core.debug;

import dev.hvscope.core.hart.DebugPort;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The debugger's breakpoints and watchpoints, and how they reach the harts' {@link DebugPort}s
 * (BREAK entries in the decode cache, watched ranges on the memory slow path). Shared by every
 * Debuggee built on real harts. Not thread-safe: change it only while the harts are stopped.
 */
final class BreakpointSet {
    private record Watch(WatchKind kind, long address, int length) {
    }

    private final Set<Long> softwareBreaks = new LinkedHashSet<>();
    private final Set<Long> hardwareBreaks = new LinkedHashSet<>();
    private final List<Watch> watches = new ArrayList<>();

    void insert(BreakpointKind kind, long address, int length) {
        switch (kind) {
            case SOFTWARE: softwareBreaks.add(address); break;
            case HARDWARE: hardwareBreaks.add(address); break;
            default: watches.add(new Watch(kind.watchKind(), address, Math.max(1, length))); break;
        }
    }

    boolean remove(BreakpointKind kind, long address, int length) {
        switch (kind) {
            case SOFTWARE: return softwareBreaks.remove(address);
            case HARDWARE: return hardwareBreaks.remove(address);
            default: return watches.remove(new Watch(kind.watchKind(), address, Math.max(1, length)));
        }
    }

    void clear() {
        softwareBreaks.clear();
        hardwareBreaks.clear();
        watches.clear();
    }

    /** A breakpoint of either kind at pc. */
    boolean isBreak(long pc) {
        return softwareBreaks.contains(pc) || hardwareBreaks.contains(pc);
    }

    /** The stop at pc is a hardware breakpoint (no software one there). */
    boolean isHardwareOnly(long pc) {
        return hardwareBreaks.contains(pc) && !softwareBreaks.contains(pc);
    }

    /** Plants the current set in the ports. */
    void apply(DebugPort... ports) {
        Set<Long> all = new LinkedHashSet<>(softwareBreaks);
        all.addAll(hardwareBreaks);
        long[] pcs = all.stream().mapToLong(Long::longValue).toArray();
        int n = watches.size();
        long[] start = new long[n];
        long[] length = new long[n];
        int[] kind = new int[n];
        for (int i = 0; i < n; i++) {
            Watch w = watches.get(i);
            start[i] = w.address();
            length[i] = w.length();
            kind[i] = w.kind() == WatchKind.WRITE ? DebugPort.WATCH_WRITE
                    : w.kind() == WatchKind.READ ? DebugPort.WATCH_READ : DebugPort.WATCH_ACCESS;
        }
        for (DebugPort p : ports) {
            p.setBreakpoints(pcs);
            p.setWatchpoints(start, length, kind);
        }
    }

    /** The stop kind of a port's last batch, or null: watchpoint first, then breakpoint. */
    static WatchKind watchKindOf(DebugPort p) {
        return p.watchpointKind() == DebugPort.WATCH_WRITE ? WatchKind.WRITE
                : p.watchpointKind() == DebugPort.WATCH_READ ? WatchKind.READ : WatchKind.ACCESS;
    }
}
