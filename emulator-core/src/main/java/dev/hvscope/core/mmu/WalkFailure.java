package dev.hvscope.core.mmu;

/** Why a page walk failed (Sail style: reasons first, exceptions chosen by access type at the end). */
public enum WalkFailure {
    /** Virtual address not sign-extended, or GPA beyond the G-stage width. */
    ADDRESS_OUT_OF_RANGE,
    /** V=0, or W=1 with R=0, or reserved bits set. */
    INVALID_PTE,
    /** Pointer PTE at the last level. */
    NO_LEAF,
    /** Superpage whose low PPN bits are not zero. */
    MISALIGNED_SUPERPAGE,
    /** The leaf does not permit the access (R/W/X/U/SUM/MXR rules). */
    NO_PERMISSION,
    /** A PTE read or A/D write hit memory that is not accessible. */
    PTE_ACCESS_FAULT,
    /** A/D must be set but the update kept losing its compare-and-swap (retry limit reached). */
    PTE_NEEDS_UPDATE,
    /** satp/vsatp/hgatp MODE is reserved or not implemented by the walker. */
    UNSUPPORTED_MODE
}
