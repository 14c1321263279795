package dev.hvscope.plugin.dap;

import dev.hvscope.plugin.rspclient.BreakpointKind;
import dev.hvscope.plugin.rspclient.RspClient;
import dev.hvscope.plugin.rspclient.RspException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Every breakpoint the client asked for, by the request that set it, and what is planted in the
 * stub. As DAP defines them, each setBreakpoints request replaces the line breakpoints of its own
 * source file only; each other set* request replaces its whole kind. What is planted is one {@code Z0} per distinct code address
 * whatever the kinds that want it, one {@code Z2..Z4} per watchpoint.
 */
final class BreakpointTable {
    enum Source { LINE, FUNCTION, INSTRUCTION, DATA, EXIT_VECTOR, STEP_OVER }

    /** The stops of one client breakpoint that matched its condition (shared by its addresses). */
    static final class Hits {
        int count;
    }

    /** One requested breakpoint at one address; a source line may plant several, sharing id and hits. */
    static final class Entry {
        final int id;
        final Source source;
        final long addr;
        final int length;
        final BreakpointKind kind;
        final String condition;
        final String hitCondition;
        final String logMessage;
        /** A breakpoint mode id (or, for EXIT_VECTOR entries, the vector's CSR); hvscope/setBreakpointMode changes it. */
        volatile String mode;
        /** The mode came from hvscope/setBreakpointMode: it outlives the client sending this kind again. */
        volatile boolean modeSetByRequest;
        Hits hits = new Hits();
        boolean verified;
        String message;

        Entry(int id, Source source, long addr, int length, BreakpointKind kind, String condition, String hitCondition,
              String logMessage, String mode) {
            this.id = id;
            this.source = source;
            this.addr = addr;
            this.length = length;
            this.kind = kind;
            this.condition = blankToNull(condition);
            this.hitCondition = blankToNull(hitCondition);
            this.logMessage = blankToNull(logMessage);
            this.mode = blankToNull(mode);
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s;
        }
    }

    private record Planted(BreakpointKind kind, long addr, int length) {
    }

    /** What one set* request replaces: a kind, and for line breakpoints one source file. */
    private record Group(Source source, String file) {
    }

    private final Map<Group, List<Entry>> bySource = new LinkedHashMap<>();
    private final Set<Planted> planted = new LinkedHashSet<>();
    private final Map<Planted, String> failures = new HashMap<>();
    private int nextId = 1;

    synchronized int newId() {
        return nextId++;
    }

    /** Replaces the breakpoints of one kind other than {@link Source#LINE}. */
    synchronized void replace(Source source, List<Entry> entries) {
        replace(source, null, entries);
    }

    /**
     * Replaces the breakpoints of one kind (line breakpoints: of one source file, whatever key the
     * caller gives it). A mode set by hvscope/setBreakpointMode carries over to a new breakpoint at
     * the same address that names no mode of its own (clients without a modes UI send their
     * breakpoints again, with new ids, whenever one changes).
     */
    synchronized void replace(Source source, String file, List<Entry> entries) {
        Group group = new Group(source, source == Source.LINE ? file : null);
        for (Entry old : bySource.getOrDefault(group, List.of())) {
            if (!old.modeSetByRequest) {
                continue;
            }
            for (Entry e : entries) {
                if (e.mode == null && e.addr == old.addr && e.addr != -1) {
                    e.mode = old.mode;
                    e.modeSetByRequest = true;
                }
            }
        }
        bySource.put(group, new ArrayList<>(entries));
    }

    /** Inserts and removes stub breakpoints so the stub holds exactly what the entries want. */
    synchronized void sync(RspClient rsp) {
        Set<Planted> want = new LinkedHashSet<>();
        for (List<Entry> list : bySource.values()) {
            for (Entry e : list) {
                if (e.addr != -1) {
                    want.add(planted(e));
                }
            }
        }
        for (Planted p : new ArrayList<>(planted)) {
            if (!want.contains(p)) {
                try {
                    rsp.breakpoints().remove(p.kind, p.addr, p.length);
                } catch (RspException ignored) {
                    // gone already; nothing to undo
                }
                planted.remove(p);
            }
        }
        failures.clear();
        for (Planted p : want) {
            if (!planted.contains(p)) {
                try {
                    rsp.breakpoints().insert(p.kind, p.addr, p.length);
                    planted.add(p);
                } catch (RspException ex) {
                    failures.put(p, ex.getMessage());
                }
            }
        }
        for (List<Entry> list : bySource.values()) {
            for (Entry e : list) {
                if (e.addr == -1) {
                    continue;
                }
                String f = failures.get(planted(e));
                e.verified = f == null;
                e.message = f;
            }
        }
    }

    private static Planted planted(Entry e) {
        return new Planted(e.kind, e.addr, e.length);
    }

    /** Forgets what was planted (a new connection). */
    synchronized void forgetPlanted() {
        planted.clear();
    }

    /** Whether a code breakpoint is planted at pc (to step over it before resuming). */
    synchronized boolean plantedAt(long pc) {
        for (Planted p : planted) {
            if (p.addr == pc && (p.kind == BreakpointKind.SOFTWARE || p.kind == BreakpointKind.HARDWARE)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Removes the code breakpoints at pc (and every watchpoint when {@code watchpoints}: a stub
     * reports a watchpoint before the access, which would trigger again) from the stub;
     * {@link #restoreAt} puts them back.
     */
    synchronized List<Object> liftAt(RspClient rsp, long pc, boolean watchpoints) {
        List<Object> lifted = new ArrayList<>();
        for (Planted p : new ArrayList<>(planted)) {
            boolean code = p.kind == BreakpointKind.SOFTWARE || p.kind == BreakpointKind.HARDWARE;
            if ((code && p.addr == pc) || (!code && watchpoints)) {
                rsp.breakpoints().remove(p.kind, p.addr, p.length);
                planted.remove(p);
                lifted.add(p);
            }
        }
        return lifted;
    }

    synchronized void restoreAt(RspClient rsp, List<Object> lifted) {
        for (Object o : lifted) {
            Planted p = (Planted) o;
            rsp.breakpoints().insert(p.kind, p.addr, p.length);
            planted.add(p);
        }
    }

    /** Every entry of a kind (line breakpoints: of every file), in request order. */
    synchronized List<Entry> entries(Source source) {
        List<Entry> out = new ArrayList<>();
        for (Map.Entry<Group, List<Entry>> m : bySource.entrySet()) {
            if (m.getKey().source() == source) {
                out.addAll(m.getValue());
            }
        }
        return out;
    }

    /** Code breakpoints at pc (any source), in request order. */
    synchronized List<Entry> codeAt(long pc) {
        List<Entry> out = new ArrayList<>();
        for (Map.Entry<Group, List<Entry>> m : bySource.entrySet()) {
            if (m.getKey().source() == Source.DATA) {
                continue;
            }
            for (Entry e : m.getValue()) {
                if (e.addr == pc) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    /** Data breakpoints covering addr. */
    synchronized List<Entry> dataAt(long addr) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries(Source.DATA)) {
            if (Long.compareUnsigned(addr - e.addr, Math.max(1, e.length)) < 0) {
                out.add(e);
            }
        }
        return out;
    }

    synchronized Entry byId(int id) {
        for (List<Entry> list : bySource.values()) {
            for (Entry e : list) {
                if (e.id == id) {
                    return e;
                }
            }
        }
        return null;
    }

    /**
     * Sets the mode of a client's breakpoint (any kind, every address a source line planted) by id;
     * null when there is no such breakpoint.
     */
    synchronized Entry setMode(int id, String mode) {
        Entry first = id > 0 ? byId(id) : null;
        if (first == null || first.source == Source.EXIT_VECTOR || first.source == Source.STEP_OVER) {
            return null;
        }
        for (List<Entry> list : bySource.values()) {
            for (Entry e : list) {
                if (e.id == id) {
                    e.mode = mode;
                    e.modeSetByRequest = mode != null;
                }
            }
        }
        return first;
    }

    static boolean sameRequest(Entry a, Entry b) {
        return a.addr == b.addr && Objects.equals(a.condition, b.condition);
    }
}
