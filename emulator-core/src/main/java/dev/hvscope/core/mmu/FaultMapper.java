package dev.hvscope.core.mmu;

/**
 * Turns a walk failure into the exception the hart raises (Sail style: the walker reports why,
 * this class alone decides what trap that is). Causes are by the ORIGINAL access type, also when
 * the failure came from an implicit access to a VS-stage PTE.
 */
public final class FaultMapper {
    public static final int CAUSE_FETCH_ACCESS = 1;
    public static final int CAUSE_LOAD_ACCESS = 5;
    public static final int CAUSE_STORE_ACCESS = 7;
    public static final int CAUSE_FETCH_PAGE = 12;
    public static final int CAUSE_LOAD_PAGE = 13;
    public static final int CAUSE_STORE_PAGE = 15;
    public static final int CAUSE_FETCH_GUEST_PAGE = 20;
    public static final int CAUSE_LOAD_GUEST_PAGE = 21;
    public static final int CAUSE_STORE_GUEST_PAGE = 23;

    /** htinst pseudo-instruction: implicit read of a 64-bit VS-stage PTE. */
    public static final int HTINST_PTE_READ64 = 0x0000_3000;
    /** htinst pseudo-instruction: implicit write (A/D update) of a 64-bit VS-stage PTE. */
    public static final int HTINST_PTE_WRITE64 = 0x0000_3020;

    private FaultMapper() {
    }

    public static int pageFault(AccessType type) {
        switch (type) {
            case FETCH: return CAUSE_FETCH_PAGE;
            case LOAD: return CAUSE_LOAD_PAGE;
            default: return CAUSE_STORE_PAGE;
        }
    }

    public static int guestPageFault(AccessType type) {
        switch (type) {
            case FETCH: return CAUSE_FETCH_GUEST_PAGE;
            case LOAD: return CAUSE_LOAD_GUEST_PAGE;
            default: return CAUSE_STORE_GUEST_PAGE;
        }
    }

    public static int accessFault(AccessType type) {
        switch (type) {
            case FETCH: return CAUSE_FETCH_ACCESS;
            case LOAD: return CAUSE_LOAD_ACCESS;
            default: return CAUSE_STORE_ACCESS;
        }
    }

    /**
     * The cause for {@code failure} in {@code stage}: a PTE that cannot be accessed is an access
     * fault; any other G-stage failure a guest-page fault; a VS/single-stage failure a page fault.
     */
    public static int cause(WalkFailure failure, Stage stage, AccessType originalType) {
        if (failure == WalkFailure.PTE_ACCESS_FAULT) {
            return accessFault(originalType);
        }
        return stage == Stage.G ? guestPageFault(originalType) : pageFault(originalType);
    }

    /**
     * Fills the failure fields of {@code out}. {@code gpa} is the guest-physical address that the
     * G-stage failed to translate (the final GPA, or a VS PTE's GPA), kept only for guest-page
     * faults; {@code htinst} likewise (the pseudo-instruction for implicit PTE accesses, else 0).
     */
    public static void fail(Translation out, WalkFailure failure, Stage stage, int level,
                            AccessType originalType, long va, long gpa, int htinst) {
        out.ok = false;
        out.failure = failure;
        out.failedStage = stage;
        out.level = level;
        out.cause = cause(failure, stage, originalType);
        out.tval = va;
        boolean guestPage = stage == Stage.G && failure != WalkFailure.PTE_ACCESS_FAULT;
        out.gpa = guestPage ? gpa : -1;
        out.htinst = guestPage ? htinst : 0;
    }
}
