package dev.hvscope.core.mmu;

/** Which translation stage a walk step or failure belongs to. */
public enum Stage {
    /** The only stage, V=0: satp. */
    SINGLE,
    /** The first of two stages, V=1: vsatp; its PTE addresses are guest-physical. */
    VS,
    /** The second stage, hgatp: guest-physical to host-physical, all accesses user-level. */
    G
}
