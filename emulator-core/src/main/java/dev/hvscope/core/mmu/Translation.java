package dev.hvscope.core.mmu;

/**
 * Result of one translation, reused in place. On success {@link #pa} is the host-physical address.
 * On failure {@link #cause} is the exception code to raise (page fault, guest-page fault or access
 * fault, by access type), {@link #tval} the faulting (guest-)virtual address, {@link #gpa} the
 * guest-physical address for htval/mtval2 (or -1 when none), and {@link #htinst} the value for
 * htinst/mtinst when the fault came from an implicit VS-stage PTE access (0 otherwise; the hart
 * supplies the transformed instruction for explicit accesses).
 */
public final class Translation {
    public boolean ok;
    public long pa;
    public int cause;
    public long tval;
    public long gpa;
    public int htinst;
    /** Why the walk failed, for traces and views; null on success. */
    public WalkFailure failure;
    /** Level at which it failed (or of the leaf on success), for traces. */
    public int level;
}
