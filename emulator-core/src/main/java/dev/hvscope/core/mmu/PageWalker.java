package dev.hvscope.core.mmu;

/**
 * One walker for every mode: Sv39/Sv48 (satp, vsatp) and Sv39x4/Sv48x4 (hgatp); a two-stage walk
 * is a VS-stage walk whose PTE addresses each go through the G-stage.
 */
public final class PageWalker {
    private final PhysReader memory;

    public PageWalker(PhysReader memory) {
        this.memory = memory;
    }

    /**
     * Translates {@code va} for an access of the given type. Fills {@code out}; returns out.ok.
     * When {@code trace} is non-null, every level of both stages is recorded there.
     */
    public boolean translate(long va, AccessType type, TranslationRequest req, Translation out, WalkTrace trace) {
        throw new UnsupportedOperationException("not yet written");
    }
}
