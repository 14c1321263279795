package dev.hvscope.core.machine;

import java.util.Locale;

/**
 * hvscope's {@code -d} trace flags (its own set, in QEMU's spirit). Trace output goes to the
 * {@code -D} file, else to stderr. Tracing is checked once per batch or on slow paths, never as a
 * log call per instruction unless {@link #EXEC} or {@link #CPU} is on.
 */
public enum TraceFlag {
    INT("traps and interrupts: cause, tval, from/to privilege and V, and where they were delegated"),
    EXEC("every executed instruction: hart, privilege, pc, disassembly"),
    CPU("the integer registers after every instruction (with exec: very slow)"),
    IN_ASM("each instruction the first time it enters the decoded-instruction cache"),
    MMU("page-table walks and their faults, both stages, with each level's PTE"),
    VMEXIT("every trap taken from V=1 into HS-mode (a VM exit), with htval/htinst"),
    GUEST_ERRORS("accesses to unassigned addresses and invalid device register accesses"),
    UNIMP("accesses to unimplemented CSRs, device registers and features");

    private final String description;

    TraceFlag(String description) {
        this.description = description;
    }

    /** The spelling on the command line: lower case, as {@code guest_errors}. */
    public String flagName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String description() {
        return description;
    }

    /** The flag spelled {@code name}, or null. */
    public static TraceFlag fromName(String name) {
        for (TraceFlag f : values()) {
            if (f.flagName().equals(name)) {
                return f;
            }
        }
        return null;
    }

    /** One line per flag, for {@code -d help}. */
    public static String helpText() {
        StringBuilder sb = new StringBuilder("Log items (comma separated) for -d:\n");
        for (TraceFlag f : values()) {
            sb.append(String.format("%-13s %s%n", f.flagName(), f.description));
        }
        return sb.toString();
    }
}
