package dev.hvscope.core.mmu;

/**
 * What a translation needs from the hart, filled in place by the hart (no allocation per access).
 * The walker never looks at the hart itself.
 */
public final class TranslationRequest {
    /** satp when V=0, vsatp when V=1 (the first stage). */
    public long atp;
    /** hgatp; used only when {@link #twoStage}. */
    public long hgatp;
    /** V=1 (or HLV/HSV, or MPRV with MPV): the first stage is VS-stage and a G-stage follows. */
    public boolean twoStage;
    /** Effective privilege of the access is U (or VU): U-bit pages allowed, S pages denied. */
    public boolean userMode;
    /** SUM of the first stage's status register (sstatus when V=0, vsstatus when V=1). */
    public boolean sum;
    /** MXR of the first stage's status register (vsstatus.MXR when two-stage). */
    public boolean mxr;
    /** mstatus.MXR when two-stage: makes executable pages readable in both stages. */
    public boolean hsMxr;
    /** HLVX: reads need execute permission instead of read, in both stages. */
    public boolean hlvx;
    /** Debug walk: no A/D writes, never faults the hart, fills a trace when one is given. */
    public boolean debug;
    /**
     * Spec-letter hgatp root: 16 KiB aligned, PPN[1:0] read as zero. False (the default) follows
     * QEMU, which walks from hgatp.PPN &lt;&lt; 12 as written (the ArceOS h_2_0 tour relies on it).
     */
    public boolean strictHgatpRoot;
}
