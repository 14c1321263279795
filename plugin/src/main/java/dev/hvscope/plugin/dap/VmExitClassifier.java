package dev.hvscope.plugin.dap;

import java.util.Map;
import java.util.Set;

/**
 * Decides, at a stop on a trap vector, whether the trap left a guest (V=1) and which VM exit
 * filter it matches. Into HS: hstatus.SPV says the trap came from V=1, scause says why; into M:
 * mstatus.MPV and mcause. A filter's condition is an address range {@code LO..HI} (half-open)
 * matched against the faulting GPA for nested page faults, else against stval/mtval.
 */
final class VmExitClassifier {
    private static final long HSTATUS_SPV = 1L << 7;
    private static final long MSTATUS_MPV = 1L << 39;

    private VmExitClassifier() {
    }

    /**
     * A trap that left the guest, as the adapter sees it at a vector stop or in hvscope's exit log.
     *
     * @param kind    the filter id (nested-page-fault, sbi-call, ...)
     * @param code    the cause without the interrupt bit
     * @param addr    what a filter's range is matched against: the GPA for nested page faults, else tval
     * @param htval   htval/mtval2 (-1 when unknown)
     * @param htinst  htinst/mtinst (-1 when unknown)
     * @param pc      the guest pc (sepc/mepc; -1 when unknown)
     */
    record GuestExit(String kind, long code, boolean interrupt, boolean intoM, long addr, long tval, long htval,
                     long htinst, long pc) {
    }

    /** The exit behind a stop on a trap vector, or null when the trap did not come from V=1. */
    static GuestExit read(DebugSession session, boolean intoM) {
        Long status = HypervisorScope.csr(session, intoM ? "mstatus" : "hstatus");
        Long cause = HypervisorScope.csr(session, intoM ? "mcause" : "scause");
        if (status == null || cause == null) {
            return null;
        }
        boolean fromV = (status & (intoM ? MSTATUS_MPV : HSTATUS_SPV)) != 0;
        if (!fromV) {
            return null;
        }
        boolean interrupt = cause < 0;
        long code = cause & Long.MAX_VALUE;
        Long tval = HypervisorScope.csr(session, intoM ? "mtval" : "stval");
        Long htval = HypervisorScope.csr(session, intoM ? "mtval2" : "htval");
        Long htinst = HypervisorScope.csr(session, intoM ? "mtinst" : "htinst");
        Long epc = HypervisorScope.csr(session, intoM ? "mepc" : "sepc");
        String kind = kindOf(interrupt, code);
        long t = tval == null ? 0 : tval;
        long addr = kind.equals("nested-page-fault") && htval != null ? htval << 2 | (t & 3) : t;
        return new GuestExit(kind, code, interrupt, intoM, addr, t, htval == null ? -1 : htval,
                htinst == null ? -1 : htinst, epc == null ? -1 : epc);
    }

    static String kindOf(boolean interrupt, long code) {
        if (interrupt) {
            return "guest-interrupt";
        } else if (code == 20 || code == 21 || code == 23) {
            return "nested-page-fault";
        } else if (code == 10) {
            return "sbi-call";
        } else if (code == 22) {
            return "virtual-instruction";
        }
        return "any-trap-from-v";
    }

    /** The stop text when an enabled filter matches the exit (and its range condition), else null. */
    static String stopText(GuestExit g, Set<String> enabled, Map<String, String> conditions) {
        String kind = g.kind();
        String filter = enabled.contains(kind) ? kind : enabled.contains("any-trap-from-v") ? "any-trap-from-v" : null;
        if (filter == null || !inRange(conditions.get(filter), g.addr())) {
            return null;
        }
        return "VM exit: " + label(kind) + " (" + (g.intoM() ? "mcause " : "scause ") + g.code()
                + (g.interrupt() ? ", interrupt" : "")
                + (kind.equals("nested-page-fault") ? ", GPA " : ", tval ") + Addresses.hex(g.addr()) + ")";
    }

    private static String label(String kind) {
        for (String[] k : VmExitFilters.KINDS) {
            if (k[0].equals(kind)) {
                return k[1].substring("VM exit: ".length());
            }
        }
        return kind;
    }

    /** Whether addr lies in the condition's range {@code LO..HI}; no condition matches everything. */
    static boolean inRange(String condition, long addr) {
        if (condition == null || condition.isBlank()) {
            return true;
        }
        int dots = condition.indexOf("..");
        if (dots < 0) {
            return addr == Addresses.parse(condition, false);
        }
        long lo = Addresses.parse(condition.substring(0, dots), false);
        long hi = Addresses.parse(condition.substring(dots + 2), false);
        return Long.compareUnsigned(addr, lo) >= 0 && Long.compareUnsigned(addr, hi) < 0;
    }
}
