package dev.hvscope.core.debug;

/** Which addresses a debugger memory access or translation query uses. */
public enum AddressSpace {
    /**
     * The stopped hart's current context: physical in M-mode, satp-translated in HS/U, and
     * guest-virtual (vsatp, then hgatp) when stopped with V=1.
     */
    CURRENT,
    /** Guest-virtual: through vsatp and hgatp whatever mode the hart is in. */
    GUEST_VIRTUAL,
    /** Guest-physical: through the G-stage (hgatp) only. */
    GUEST_PHYSICAL,
    /** Host-physical: the bus, untranslated. */
    HOST_PHYSICAL
}
