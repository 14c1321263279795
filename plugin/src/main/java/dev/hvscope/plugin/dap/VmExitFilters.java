package dev.hvscope.plugin.dap;

import org.eclipse.lsp4j.debug.ExceptionBreakpointsFilter;

/**
 * Exception breakpoint filters, one per VM exit kind; armed on the client through the trap
 * vectors ({@link VmExitClassifier}), so they work against any stub.
 */
final class VmExitFilters {
    static final String[][] KINDS = {
        {"nested-page-fault", "VM exit: nested page fault", "Guest-page fault (cause 20/21/23) taken from V=1"},
        {"sbi-call", "VM exit: SBI call", "Environment call from VS-mode (cause 10)"},
        {"virtual-instruction", "VM exit: virtual instruction", "Virtual-instruction exception (cause 22)"},
        {"guest-interrupt", "VM exit: guest interrupt", "Interrupt taken into HS while V=1"},
        {"any-trap-from-v", "VM exit: any trap into HS/M from V=1", "Every trap that leaves the guest"},
    };

    private VmExitFilters() {
    }

    static ExceptionBreakpointsFilter[] all() {
        ExceptionBreakpointsFilter[] out = new ExceptionBreakpointsFilter[KINDS.length];
        for (int i = 0; i < KINDS.length; i++) {
            ExceptionBreakpointsFilter f = new ExceptionBreakpointsFilter();
            f.setFilter(KINDS[i][0]);
            f.setLabel(KINDS[i][1]);
            f.setDescription(KINDS[i][2]);
            f.setDefault_(false);
            f.setSupportsCondition(true);
            f.setConditionDescription("an address range, e.g. 0x22000000..0x22001000");
            out[i] = f;
        }
        return out;
    }

    static boolean known(String id) {
        for (String[] k : KINDS) {
            if (k[0].equals(id)) {
                return true;
            }
        }
        return false;
    }
}
