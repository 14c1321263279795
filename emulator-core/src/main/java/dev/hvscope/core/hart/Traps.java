package dev.hvscope.core.hart;

/**
 * Trap entry: picks the target mode through medeleg/mideleg then hedeleg/hideleg, writes that
 * mode's cause, epc and tval CSRs (plus htval/htinst/mtval2/mtinst and the GVA/SPV/SPVP/MPV bits)
 * and jumps to its vector.
 */
final class Traps {
    private Traps() {
    }

    /** VS-level interrupt codes (2, 6, 10) appear to a VS-mode handler as the S codes (1, 5, 9). */
    private static final long VS_INTERRUPT_CODES = (1L << Cause.IRQ_VSSI) | (1L << Cause.IRQ_VSTI)
            | (1L << Cause.IRQ_VSEI);

    static void take(Hart h, long cause, long tval, long tval2, long tinst, boolean gva) {
        boolean interrupt = cause < 0;
        int code = (int) (cause & 63);
        long bit = 1L << code;
        boolean toHs = h.priv <= Hart.PRV_S && ((interrupt ? h.mideleg : h.medeleg) & bit) != 0;
        boolean toVs = toHs && h.virt && ((interrupt ? h.hideleg : h.hedeleg) & bit) != 0;
        long epc = h.pc;
        int fromPriv = h.priv;
        boolean fromVirt = h.virt;
        h.reservation = -1L;
        h.waitingForInterrupt = false;
        if (toVs) {
            long vcode = interrupt && (VS_INTERRUPT_CODES & bit) != 0 ? code - 1 : code;
            h.vsepc = h.pc;
            h.vscause = (interrupt ? Cause.INTERRUPT : 0) | vcode;
            h.vstval = tval;
            h.vsstatus = enterSupervisor(h.vsstatus, h.priv);
            h.setPrivilege(Hart.PRV_S, true);
            h.pc = vector(h.vstvec, interrupt, vcode);
        } else if (toHs) {
            if (h.virt && h.hostedHypervisor) {
                h.vmExit = true;   // a trap that leaves the guest: the Java hypervisor takes it
                h.batchLimit = 0;
            }
            h.sepc = h.pc;
            h.scause = cause;
            h.stval = tval;
            h.htval = tval2;
            h.htinst = tinst;
            long hs = h.hstatus & ~(Status.HS_SPV | Status.HS_GVA);
            if (h.virt) {
                hs |= Status.HS_SPV;
                hs = (hs & ~Status.HS_SPVP) | (h.priv == Hart.PRV_S ? Status.HS_SPVP : 0);
            }
            if (gva) {
                hs |= Status.HS_GVA;
            }
            h.hstatus = hs;
            h.mstatus = enterSupervisor(h.mstatus, h.priv);
            h.setPrivilege(Hart.PRV_S, false);
            h.pc = vector(h.stvec, interrupt, code);
        } else {
            h.mepc = h.pc;
            h.mcause = cause;
            h.mtval = tval;
            h.mtval2 = tval2;
            h.mtinst = tinst;
            long s = h.mstatus;
            s = (s & ~Status.MPIE) | ((s & Status.MIE) != 0 ? Status.MPIE : 0);
            s &= ~Status.MIE;
            s = (s & ~Status.MPP) | ((long) h.priv << Status.MPP_SHIFT);
            s &= ~(Status.MPV | Status.GVA);
            if (h.hExtension) {
                s |= (h.virt ? Status.MPV : 0) | (gva ? Status.GVA : 0);
            }
            h.mstatus = s;
            h.setPrivilege(Hart.PRV_M, false);
            h.pc = vector(h.mtvec, interrupt, code);
        }
        if (h.observer != null) {
            h.observer.trapTaken(h, cause, tval, tval2, tinst, epc, fromPriv, fromVirt);
        }
    }

    /** SPIE = SIE, SIE = 0, SPP = the privilege the trap came from. */
    private static long enterSupervisor(long status, int fromPriv) {
        long s = (status & ~Status.SPIE) | ((status & Status.SIE) != 0 ? Status.SPIE : 0);
        s &= ~Status.SIE;
        return (s & ~Status.SPP) | (fromPriv == Hart.PRV_S ? Status.SPP : 0);
    }

    private static long vector(long tvec, boolean interrupt, long code) {
        long base = tvec & ~3L;
        return interrupt && (tvec & 3) == 1 ? base + 4 * code : base;
    }

    /** Interrupt priority order of the spec: MEI, MSI, MTI, SEI, SSI, STI, SGEI, VSEI, VSSI, VSTI. */
    private static final int[] PRIORITY = {Cause.IRQ_MEI, Cause.IRQ_MSI, Cause.IRQ_MTI, Cause.IRQ_SEI,
        Cause.IRQ_SSI, Cause.IRQ_STI, Cause.IRQ_SGEI, Cause.IRQ_VSEI, Cause.IRQ_VSSI, Cause.IRQ_VSTI};

    /** The interrupt the hart must take now, as an mcause value, or 0 when none. */
    static long pendingInterrupt(Hart h) {
        long pending = h.mip() & h.mie;
        if (pending == 0) {
            return 0;
        }
        long mLevel = pending & ~h.mideleg;
        boolean mEnabled = h.priv < Hart.PRV_M || (h.mstatus & Status.MIE) != 0;
        if (mEnabled && mLevel != 0) {
            return Cause.INTERRUPT | highest(mLevel);
        }
        long hsLevel = pending & h.mideleg & ~h.hideleg;
        boolean sEnabled = h.priv < Hart.PRV_M
                && (h.virt || h.priv < Hart.PRV_S || (h.mstatus & Status.SIE) != 0);
        if (sEnabled && hsLevel != 0) {
            return Cause.INTERRUPT | highest(hsLevel);
        }
        long vsLevel = pending & h.mideleg & h.hideleg;
        boolean vsEnabled = h.virt && (h.priv < Hart.PRV_S || (h.vsstatus & Status.SIE) != 0);
        if (vsEnabled && vsLevel != 0) {
            return Cause.INTERRUPT | highest(vsLevel);
        }
        return 0;
    }

    private static int highest(long bits) {
        for (int code : PRIORITY) {
            if ((bits & (1L << code)) != 0) {
                return code;
            }
        }
        return Long.numberOfTrailingZeros(bits);
    }
}
