package dev.hvscope.plugin.dap;

import dev.hvscope.plugin.rspclient.RspClient;
import dev.hvscope.plugin.rspclient.RspException;
import dev.hvscope.plugin.rspclient.StopReply;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * VM exit filters on hvscope's own stub: {@code monitor hv catch KIND...} makes the stub stop on the
 * exit itself, with {@code hvexit:KIND} in the stop reply. It is the only way on a hosted VM, whose
 * hypervisor is Java and has no trap vector to break on; on full-system machines it also catches
 * exits before the hypervisor has set stvec. Other stubs (QEMU) keep the trap-vector breakpoints.
 */
final class StubExitCatch {
    /** Filter id → the stub's exit kind ({@code hv catch} names). */
    private static final String[][] KINDS = {
        {"nested-page-fault", "npf"}, {"sbi-call", "sbi"}, {"virtual-instruction", "vinsn"},
        {"guest-interrupt", "irq"}, {"any-trap-from-v", "all"},
    };
    /** Per connection: the kinds last armed, or null when the stub has no {@code hv catch}. */
    private static final Map<RspClient, String> ARMED = new WeakHashMap<>();

    private StubExitCatch() {
    }

    /** Asks the stub to catch the filters' exits; false when it cannot (then the vectors are used). */
    static boolean arm(RspClient c, Set<String> filters) {
        Set<String> kinds = new LinkedHashSet<>();
        for (String f : filters) {
            kinds.add(kindOf(f));
        }
        String arg = kinds.contains("all") ? "all" : kinds.isEmpty() ? "none" : String.join(" ", kinds);
        synchronized (ARMED) {
            if (ARMED.containsKey(c)) {
                String last = ARMED.get(c);
                if (last == null || last.equals(arg)) {
                    return last != null;
                }
            }
        }
        boolean ok;
        try {
            ok = c.monitor().run("hv catch " + arg).startsWith("catching");
        } catch (RspException e) {
            ok = false;
        }
        synchronized (ARMED) {
            ARMED.put(c, ok ? arg : null);
        }
        return ok;
    }

    /**
     * The stop text of a caught exit, "" when the exit is caught but outside the filter's address
     * range (run on), or null when the stop is no caught exit.
     */
    static String stopText(DebugSession session, StopReply r, Set<String> filters, Map<String, String> conditions) {
        String kind = r.pairs().get("hvexit");
        if (kind == null) {
            return null;
        }
        String filter = null;
        for (String[] k : KINDS) {
            if (k[1].equals(kind) && filters.contains(k[0])) {
                filter = k[0];
            }
        }
        if (filter == null) {
            if (!filters.contains("any-trap-from-v")) {
                return "";   // caught for an hvscope/vmExit subscription only
            }
            filter = "any-trap-from-v";
        }
        boolean npf = kind.equals("npf");
        Long tval = HypervisorScope.csr(session, "stval");
        Long htval = HypervisorScope.csr(session, "htval");
        Long cause = HypervisorScope.csr(session, "scause");
        long addr = tval == null ? 0 : tval;
        if (npf && htval != null) {
            addr = htval << 2 | (addr & 3);
        }
        if (!VmExitClassifier.inRange(conditions.get(filter), addr)) {
            return "";
        }
        return "VM exit: " + label(kind) + " ("
                + (cause == null ? "" : "scause " + (cause & Long.MAX_VALUE) + (cause < 0 ? ", interrupt" : "") + ", ")
                + (npf ? "GPA " : "tval ") + Addresses.hex(addr) + ")";
    }

    private static String kindOf(String filter) {
        for (String[] k : KINDS) {
            if (k[0].equals(filter)) {
                return k[1];
            }
        }
        return "all";
    }

    private static String label(String kind) {
        for (String[] k : KINDS) {
            if (k[1].equals(kind)) {
                for (String[] f : VmExitFilters.KINDS) {
                    if (f[0].equals(k[0])) {
                        return f[1].substring("VM exit: ".length());
                    }
                }
            }
        }
        return kind;
    }
}
