package dev.hvscope.core.mmu;

import static dev.hvscope.core.mmu.PteBits.A;
import static dev.hvscope.core.mmu.PteBits.D;
import static dev.hvscope.core.mmu.PteBits.R;
import static dev.hvscope.core.mmu.PteBits.U;
import static dev.hvscope.core.mmu.PteBits.V;
import static dev.hvscope.core.mmu.PteBits.W;
import static dev.hvscope.core.mmu.PteBits.X;

/**
 * One walker for every mode: Sv39/Sv48/Sv57 (satp, vsatp) and Sv39x4/Sv48x4/Sv57x4 (hgatp); a
 * two-stage walk is a VS-stage walk whose PTE addresses each go through the G-stage [Spike
 * s2xlate, QEMU get_physical_address]. Step numbers in comments are those of the privileged
 * spec's "Virtual Address Translation Process" (section 4.3.2, applied to Sv39 and up by 4.4/4.5,
 * and to the G-stage by 8.5).
 *
 * <p>Allocation-free: intermediate results live in fields, so one walker serves one hart (or one
 * debugger view) at a time; it is not thread-safe. Hardware A/D updates use
 * {@link PhysReader#cas64}; a lost race restarts the stage walk, as step 7 requires. Debug walks
 * never write: they report the translation and note the A/D bits that would have been set.
 */
public final class PageWalker {
    /** Lost A/D compare-and-swaps tolerated before giving up with {@link WalkFailure#PTE_NEEDS_UPDATE}. */
    static final int MAX_AD_RETRIES = 64;
    /** "No limit" page shift, for Bare stages. */
    private static final int UNLIMITED_SHIFT = 64;

    private final PhysReader memory;

    // Output of the last stage walk; fields, not objects, so nothing is allocated per walk.
    private long resultAddr;
    private int resultShift;
    private long resultPte;
    private int resultLevel;
    private boolean resultGlobal;
    private boolean adPending;

    // Why the last walk failed.
    private WalkFailure failure;
    private Stage failStage;
    private int failLevel;
    private long failGpa;
    private int failHtinst;

    // The G-stage of the current two-stage translation.
    private PagingMode gMode;
    private long gRoot;

    public PageWalker(PhysReader memory) {
        this.memory = memory;
    }

    /**
     * Translates {@code va} for an access of the given type. Fills {@code out}; returns out.ok.
     * When {@code trace} is non-null, every level of both stages is recorded there.
     */
    public boolean translate(long va, AccessType type, TranslationRequest req, Translation out, WalkTrace trace) {
        out.reset(va);
        adPending = false;
        if (trace != null) {
            trace.begin(va, type, req);
        }
        boolean ok = req.twoStage ? twoStage(va, type, req, out, trace) : singleStage(va, type, req, out, trace);
        if (ok) {
            out.ok = true;
            out.adPending = adPending;
        } else {
            FaultMapper.fail(out, failure, failStage, failLevel, type, va, failGpa, failHtinst);
        }
        if (trace != null) {
            trace.end(out);
        }
        return ok;
    }

    private boolean singleStage(long va, AccessType type, TranslationRequest req, Translation out, WalkTrace trace) {
        PagingMode mode = PagingMode.fromSatp(req.atp);
        if (mode == null) {
            return fail(WalkFailure.UNSUPPORTED_MODE, Stage.SINGLE, -1, -1, 0);
        }
        if (mode.isBare()) {
            out.pa = va;
            return true;
        }
        if (!walk(Stage.SINGLE, mode, PagingMode.satpRoot(req.atp), va, type, req.hlvx, req.userMode, req.sum,
                  req.mxr, WalkTrace.Purpose.ACCESS, false, 0, req, trace)) {
            return false;
        }
        out.pa = resultAddr;
        out.pageShift = resultShift;
        out.pte = resultPte;
        out.level = resultLevel;
        out.global = resultGlobal;
        return true;
    }

    private boolean twoStage(long va, AccessType type, TranslationRequest req, Translation out, WalkTrace trace) {
        PagingMode vsMode = PagingMode.fromSatp(req.atp);
        if (vsMode == null) {
            return fail(WalkFailure.UNSUPPORTED_MODE, Stage.VS, -1, -1, 0);
        }
        gMode = PagingMode.fromHgatp(req.hgatp);
        if (gMode == null) {
            return fail(WalkFailure.UNSUPPORTED_MODE, Stage.G, -1, va, 0);
        }
        gRoot = PagingMode.hgatpRoot(req.hgatp, req.strictHgatpRoot);

        // VS-stage: vsatp Bare makes the guest-physical address equal the guest-virtual one.
        long gpa = va;
        int shift = UNLIMITED_SHIFT;
        if (!vsMode.isBare()) {
            // vsstatus.MXR or mstatus.MXR make executable pages readable in the VS-stage.
            if (!walk(Stage.VS, vsMode, PagingMode.satpRoot(req.atp), va, type, req.hlvx, req.userMode, req.sum,
                      req.mxr || req.hsMxr, WalkTrace.Purpose.ACCESS, false, 0, req, trace)) {
                return false;
            }
            gpa = resultAddr;
            shift = resultShift;
            out.pte = resultPte;
            out.level = resultLevel;
            out.global = resultGlobal;
        }

        // G-stage of the final guest-physical address: user-level, only mstatus.MXR applies.
        if (!gTranslate(gpa, type, req.hlvx, WalkTrace.Purpose.ACCESS, false, 0, req, trace)) {
            return false;
        }
        out.pa = resultAddr;
        out.gpa = gpa;
        if (!gMode.isBare()) {
            out.gpte = resultPte;
            if (vsMode.isBare()) {
                out.level = resultLevel;
            }
        }
        shift = Math.min(shift, resultShift);
        out.pageShift = shift == UNLIMITED_SHIFT ? PagingMode.PAGE_SHIFT : shift;
        return true;
    }

    /**
     * G-stage translation of {@code gpa} (hgatp): every access is user-level, and a failure is a
     * guest-page fault reporting {@code gpa} and {@code htinst}.
     */
    private boolean gTranslate(long gpa, AccessType type, boolean hlvx, WalkTrace.Purpose purpose, boolean nested,
                               int htinst, TranslationRequest req, WalkTrace trace) {
        if (gMode.isBare()) {
            resultAddr = gpa;
            resultShift = UNLIMITED_SHIFT;
            resultPte = 0;
            resultLevel = -1;
            return true;
        }
        return walk(Stage.G, gMode, gRoot, gpa, type, hlvx, true, false, req.hsMxr, purpose, nested, htinst, req, trace);
    }

    /**
     * Walks one stage's table for {@code addr}. On success the leaf's translation is in the result
     * fields; on failure the failure fields are set. VS-stage PTE addresses are guest-physical and
     * go through {@link #gTranslate} (reads need G-stage R, A/D writes need G-stage W).
     */
    private boolean walk(Stage stage, PagingMode mode, long root, long addr, AccessType type, boolean hlvx,
                         boolean user, boolean sum, boolean mxr, WalkTrace.Purpose purpose, boolean nested,
                         int htinst, TranslationRequest req, WalkTrace trace) {
        long stageGpa = stage == Stage.G ? addr : -1;
        // Before step 1: a VA must be sign-extended from its top bit (Sv39: va[63:39] == va[38]);
        // a G-stage input must have every GPA bit above the widened width zero (Sv39x4: 63:41).
        if (!mode.addressInRange(addr)) {
            return fail(WalkFailure.ADDRESS_OUT_OF_RANGE, stage, -1, stageGpa, htinst);
        }
        int retries = 0;
        restart:
        while (true) {
            // Step 1: a = atp.ppn * PAGESIZE, i = LEVELS - 1.
            long table = root;
            boolean global = false;
            for (int level = mode.levels - 1; ; level--) {
                // Step 2: pte = mem[a + va.vpn[i] * PTESIZE].
                long idx = mode.index(addr, level);
                long pteAddr = table + idx * PagingMode.PTE_SIZE;
                int slot = trace == null ? -1 : trace.step(stage, purpose, nested, level, addr, table, idx, pteAddr);
                long pteHpa = pteAddr;
                if (stage == Stage.VS) {
                    // Hypervisor extension: the VS-stage PTE address is guest-physical; reading it is an
                    // implicit load translated by the G-stage (reported as htinst 0x3000 if it faults).
                    if (!gTranslate(pteAddr, AccessType.LOAD, false, WalkTrace.Purpose.PTE_READ, true,
                                    FaultMapper.HTINST_PTE_READ64, req, trace)) {
                        return false;
                    }
                    pteHpa = resultAddr;
                }
                long pte;
                try {
                    pte = memory.read64(pteHpa);
                } catch (PhysAccessFault e) {
                    // Step 2: a PMA/PMP violation raises an access fault of the original access type.
                    return stepFail(trace, slot, WalkFailure.PTE_ACCESS_FAULT, stage, level, -1, 0);
                }
                if (trace != null) {
                    trace.pteRead(slot, pteHpa, pte);
                }
                global |= (pte & PteBits.G) != 0;

                // Step 3: V=0, or R=0 with W=1, or reserved bits (63:54: N, PBMT, reserved) -> page fault.
                if ((pte & V) == 0 || ((pte & R) == 0 && (pte & W) != 0) || (pte & PteBits.RESERVED) != 0) {
                    return stepFail(trace, slot, WalkFailure.INVALID_PTE, stage, level, stageGpa, htinst);
                }
                // Step 4: R=0 and X=0 is a pointer to the next level.
                if (!PteBits.isLeaf(pte)) {
                    // D, A and U are reserved in non-leaf PTEs.
                    if ((pte & (A | D | U)) != 0) {
                        return stepFail(trace, slot, WalkFailure.INVALID_PTE, stage, level, stageGpa, htinst);
                    }
                    if (level == 0) {
                        return stepFail(trace, slot, WalkFailure.NO_LEAF, stage, level, stageGpa, htinst);
                    }
                    if (trace != null) {
                        trace.outcome(slot, WalkTrace.Outcome.POINTER, null);
                    }
                    table = PteBits.ppn(pte) << PagingMode.PAGE_SHIFT;
                    continue;
                }
                // Step 5: the leaf must allow the access (R/W/X, U with privilege and SUM, MXR).
                if (!permitted(pte, type, hlvx, user, sum, mxr)) {
                    return stepFail(trace, slot, WalkFailure.NO_PERMISSION, stage, level, stageGpa, htinst);
                }
                // Step 6: a superpage's low PPN fields must be zero.
                long ppn = PteBits.ppn(pte);
                if (level > 0 && (ppn & ((1L << (level * mode.vpnBits)) - 1)) != 0) {
                    return stepFail(trace, slot, WalkFailure.MISALIGNED_SUPERPAGE, stage, level, stageGpa, htinst);
                }
                // Step 7: A=0, or a store with D=0: set them (hardware update), atomically with the
                // read of step 2 -- if the PTE changed meanwhile, start over.
                long need = type == AccessType.STORE ? A | D : A;
                if ((pte & need) != need) {
                    long missing = need & ~pte;
                    if (req.debug) {
                        adPending = true;
                        if (trace != null) {
                            trace.accessedDirty(slot, missing, false, 0);
                        }
                    } else {
                        long casHpa = pteHpa;
                        if (stage == Stage.VS) {
                            // The A/D write is an implicit store for the G-stage (htinst 0x3020).
                            if (!gTranslate(pteAddr, AccessType.STORE, false, WalkTrace.Purpose.PTE_WRITE, true,
                                            FaultMapper.HTINST_PTE_WRITE64, req, trace)) {
                                return false;
                            }
                            casHpa = resultAddr;
                        }
                        long updated = pte | need;
                        boolean swapped;
                        try {
                            swapped = memory.cas64(casHpa, pte, updated);
                        } catch (PhysAccessFault e) {
                            return stepFail(trace, slot, WalkFailure.PTE_ACCESS_FAULT, stage, level, -1, 0);
                        }
                        if (!swapped) {
                            if (trace != null) {
                                trace.outcome(slot, WalkTrace.Outcome.RETRY, null);
                            }
                            if (++retries > MAX_AD_RETRIES) {
                                return fail(WalkFailure.PTE_NEEDS_UPDATE, stage, level, stageGpa, htinst);
                            }
                            continue restart;
                        }
                        if (trace != null) {
                            trace.accessedDirty(slot, missing, true, updated);
                        }
                        pte = updated;
                    }
                }
                // Step 8: pa.pgoff = va.pgoff; a superpage keeps va.vpn[i-1:0]; the rest from pte.ppn.
                int shift = mode.leafShift(level);
                long offsetMask = (1L << shift) - 1;
                resultAddr = ((ppn << PagingMode.PAGE_SHIFT) & ~offsetMask) | (addr & offsetMask);
                resultShift = shift;
                resultPte = pte;
                resultLevel = level;
                resultGlobal = global;
                if (trace != null) {
                    trace.outcome(slot, WalkTrace.Outcome.LEAF, null);
                }
                return true;
            }
        }
    }

    /**
     * Step 5's rule. U pages: only user accesses, or supervisor loads/stores with SUM (never
     * fetches). Fetch needs X; store W; load R, or X with MXR; HLVX needs X instead of R.
     */
    static boolean permitted(long pte, AccessType type, boolean hlvx, boolean user, boolean sum, boolean mxr) {
        boolean uPage = (pte & U) != 0;
        if (user) {
            if (!uPage) {
                return false;
            }
        } else if (uPage && (type == AccessType.FETCH || !sum)) {
            return false;
        }
        switch (type) {
            case FETCH:
                return (pte & X) != 0;
            case LOAD:
                if (hlvx) {
                    return (pte & X) != 0;
                }
                return (pte & R) != 0 || (mxr && (pte & X) != 0);
            default:
                return (pte & W) != 0;
        }
    }

    private boolean stepFail(WalkTrace trace, int slot, WalkFailure why, Stage stage, int level, long gpa, int htinst) {
        if (trace != null) {
            trace.outcome(slot, WalkTrace.Outcome.FAULT, why);
        }
        return fail(why, stage, level, gpa, htinst);
    }

    private boolean fail(WalkFailure why, Stage stage, int level, long gpa, int htinst) {
        failure = why;
        failStage = stage;
        failLevel = level;
        failGpa = gpa;
        failHtinst = htinst;
        return false;
    }
}
