package dev.hvscope.plugin.dap;

import dev.hvscope.plugin.rspclient.RspClient;
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

    /** The stop text when an enabled filter matches, else null (run on). */
    static String classify(DebugSession session, RspClient c, boolean intoM, Set<String> enabled,
                           Map<String, String> conditions) {
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
        String kind;
        long addr = tval == null ? 0 : tval;
        if (interrupt) {
            kind = "guest-interrupt";
        } else if (code == 20 || code == 21 || code == 23) {
            kind = "nested-page-fault";
            if (htval != null) {
                addr = htval << 2 | (addr & 3);
            }
        } else if (code == 10) {
            kind = "sbi-call";
        } else if (code == 22) {
            kind = "virtual-instruction";
        } else {
            kind = "any-trap-from-v";
        }
        String filter = enabled.contains(kind) ? kind : enabled.contains("any-trap-from-v") ? "any-trap-from-v" : null;
        if (filter == null || !inRange(conditions.get(filter), addr)) {
            return null;
        }
        return "VM exit: " + label(kind) + " (" + (intoM ? "mcause " : "scause ") + code
                + (interrupt ? ", interrupt" : "")
                + (kind.equals("nested-page-fault") ? ", GPA " : ", tval ") + Addresses.hex(addr) + ")";
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
