package dev.hvscope.core.debug;

/**
 * Kinds of VM exit a debugger can catch. In full-system mode a VM exit is any trap taken from V=1
 * into HS or M; the kind comes from its cause.
 */
public enum VmExitKind {
    /** Instruction, load or store guest-page fault (causes 20, 21, 23): the G-stage has no mapping. */
    NESTED_PAGE_FAULT("npf"),
    /** ecall from VS or VU (causes 10, 8): an SBI call or hypercall. */
    SBI_CALL("sbi"),
    /** Virtual instruction (cause 22). */
    VIRTUAL_INSTRUCTION("vinsn"),
    /** An interrupt taken into HS or M while the guest ran. */
    INTERRUPT("irq"),
    /** Any other exception from the guest into HS or M (page faults HS did not delegate, ...). */
    EXCEPTION("exception");

    private final String shortName;

    VmExitKind(String shortName) {
        this.shortName = shortName;
    }

    /** The name used by {@code monitor hv catch} and stop replies. */
    public String shortName() {
        return shortName;
    }

    /** By short name or enum name, case-insensitive; null when unknown. */
    public static VmExitKind byName(String name) {
        for (VmExitKind k : values()) {
            if (k.shortName.equalsIgnoreCase(name) || k.name().equalsIgnoreCase(name.replace('-', '_'))) {
                return k;
            }
        }
        return null;
    }

    public static VmExitKind ofCause(long cause) {
        if (cause < 0) {
            return INTERRUPT;
        }
        switch ((int) cause) {
            case 20: case 21: case 23: return NESTED_PAGE_FAULT;
            case 8: case 10: return SBI_CALL;
            case 22: return VIRTUAL_INSTRUCTION;
            default: return EXCEPTION;
        }
    }
}
