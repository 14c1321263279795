package dev.hvscope.plugin.dap;

import java.util.Collection;

/**
 * The VM exit kinds as the adapter names them (the exception filter ids of {@link VmExitFilters})
 * and as hvscope's exit log does (npf sbi vinsn irq exception).
 */
final class ExitKinds {
    static final String ANY = "any-trap-from-v";
    private static final String[][] STUB_NAMES = {
        {"nested-page-fault", "npf"},
        {"sbi-call", "sbi"},
        {"virtual-instruction", "vinsn"},
        {"guest-interrupt", "irq"},
        {ANY, "exception"},
    };

    private ExitKinds() {
    }

    /** The filter id of a stub kind name; other exceptions are "any trap from V". */
    static String filterOf(String stubName) {
        for (String[] k : STUB_NAMES) {
            if (k[1].equals(stubName)) {
                return k[0];
            }
        }
        return ANY;
    }

    /** Whether an exit of this kind is among the ids (directly or through any-trap-from-v). */
    static boolean matches(Collection<String> ids, String kind) {
        return ids.contains(kind) || ids.contains(ANY);
    }
}
