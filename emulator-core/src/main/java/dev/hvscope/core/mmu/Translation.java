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
    /**
     * On a guest-page fault: the GPA the G-stage could not translate (htval = gpa &gt;&gt;&gt; 2).
     * On a successful two-stage walk: the guest-physical address of the access. Otherwise -1.
     */
    public long gpa;
    public int htinst;
    /** Why the walk failed, for traces and views; null on success. */
    public WalkFailure failure;
    /** Level at which it failed (or of the leaf on success), for traces; -1 when none applies. */
    public int level;
    /** The stage that failed; null on success. */
    public Stage failedStage;
    /**
     * log2 of the effective page size of the whole mapping: the smaller of both stages' leaves
     * (12, 21, 30, ...). A Bare stage imposes no limit; when no stage does, it is 12.
     */
    public int pageShift;
    /** First-stage (satp/vsatp) leaf PTE as it is after any A/D update; 0 when that stage is Bare. */
    public long pte;
    /** G-stage leaf PTE of the final GPA; 0 when not two-stage or hgatp is Bare. */
    public long gpte;
    /**
     * The first-stage mapping is global: G was set in the leaf or in any pointer above it (a G
     * pointer makes every mapping below it global). False when that stage is Bare.
     */
    public boolean global;
    /** Debug walks only: the walk would have set A/D bits it did not write. */
    public boolean adPending;

    public long pageSize() {
        return 1L << pageShift;
    }

    /** Clears everything for a new walk of {@code va}. */
    public void reset(long va) {
        ok = false;
        pa = 0;
        cause = 0;
        tval = va;
        gpa = -1;
        htinst = 0;
        failure = null;
        level = -1;
        failedStage = null;
        pageShift = PagingMode.PAGE_SHIFT;
        pte = 0;
        gpte = 0;
        global = false;
        adPending = false;
    }
}
