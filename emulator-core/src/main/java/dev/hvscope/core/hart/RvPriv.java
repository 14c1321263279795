package dev.hvscope.core.hart;

import static dev.hvscope.core.isa.Insn.rs1;
import static dev.hvscope.core.isa.Insn.rs2;

/** Privileged instructions: environment calls, xRET, WFI, SFENCE.VMA. */
final class RvPriv {
    private RvPriv() {
    }

    static long ecall(Hart h) {
        int cause;
        if (h.priv == Hart.PRV_M) {
            cause = Cause.ECALL_M;
        } else if (h.priv == Hart.PRV_S) {
            cause = h.virt ? Cause.ECALL_VS : Cause.ECALL_S;
        } else {
            cause = Cause.ECALL_U;
        }
        throw h.raise(cause, 0);
    }

    static long ebreak(Hart h) {
        throw h.raise(Cause.BREAKPOINT, 0);   // QEMU 7.2 writes mtval = 0 for ebreak
    }

    static long mret(Hart h) {
        if (h.priv != Hart.PRV_M) {
            throw h.illegalInstruction();
        }
        long s = h.mstatus;
        int mpp = (int) ((s & Status.MPP) >>> Status.MPP_SHIFT);
        boolean mpv = mpp != Hart.PRV_M && (s & Status.MPV) != 0;
        s = (s & ~Status.MIE) | ((s & Status.MPIE) != 0 ? Status.MIE : 0);
        s |= Status.MPIE;
        s &= ~(Status.MPP | Status.MPV);
        if (mpp != Hart.PRV_M) {
            s &= ~Status.MPRV;
        }
        h.mstatus = s;
        h.reservation = -1L;
        h.setPrivilege(mpp, mpv);
        h.batchLimit = 0;
        return h.mepc;
    }

    static long sret(Hart h) {
        if (h.virt) {
            if (h.priv == Hart.PRV_U || (h.hstatus & Status.HS_VTSR) != 0) {
                throw h.virtualInstruction();
            }
            long s = h.vsstatus;
            int spp = (s & Status.SPP) != 0 ? Hart.PRV_S : Hart.PRV_U;
            s = (s & ~Status.SIE) | ((s & Status.SPIE) != 0 ? Status.SIE : 0);
            s = (s | Status.SPIE) & ~Status.SPP;
            h.vsstatus = s;
            h.reservation = -1L;
            h.setPrivilege(spp, true);
            h.batchLimit = 0;
            return h.vsepc;
        }
        if (h.priv == Hart.PRV_U || (h.priv == Hart.PRV_S && (h.mstatus & Status.TSR) != 0)) {
            throw h.illegalInstruction();
        }
        long s = h.mstatus;
        int spp = (s & Status.SPP) != 0 ? Hart.PRV_S : Hart.PRV_U;
        boolean spv = h.hExtension && (h.hstatus & Status.HS_SPV) != 0;
        s = (s & ~Status.SIE) | ((s & Status.SPIE) != 0 ? Status.SIE : 0);
        s = (s | Status.SPIE) & ~Status.SPP;
        s &= ~Status.MPRV;
        h.mstatus = s;
        h.hstatus &= ~Status.HS_SPV;
        h.reservation = -1L;
        h.setPrivilege(spp, spv);
        h.batchLimit = 0;
        return h.sepc;
    }

    static long wfi(Hart h, long next) {
        if (h.priv != Hart.PRV_M && (h.mstatus & Status.TW) != 0) {
            throw h.illegalInstruction();
        }
        if (h.virt && (h.priv == Hart.PRV_U || (h.hstatus & Status.HS_VTW) != 0)) {
            throw h.virtualInstruction();
        }
        if (!h.virt && h.priv == Hart.PRV_U) {
            throw h.illegalInstruction();
        }
        if (!h.interruptPendingForWfi()) {
            h.waitingForInterrupt = true;
        }
        h.batchLimit = 0;
        return next;
    }

    static void sfenceVma(Hart h, int i) {
        if (h.virt) {
            if (h.priv == Hart.PRV_U || (h.hstatus & Status.HS_VTVM) != 0) {
                throw h.virtualInstruction();
            }
        } else if (h.priv == Hart.PRV_U || (h.priv == Hart.PRV_S && (h.mstatus & Status.TVM) != 0)) {
            throw h.illegalInstruction();
        }
        // rs2 != x0 names one ASID (global mappings may stay); rs1 only narrows further, and
        // dropping the whole address space is always correct, also for superpages.
        long asid = rs2(i) == 0 ? -1 : h.x[rs2(i)] & 0xffff;
        if (h.virt) {
            h.fenceGuest((h.hgatp >>> 44) & 0x3fff, asid);   // a VS fence stays inside its own VMID
        } else {
            h.fenceSupervisor(asid);
        }
        if (rs1(i) == 0) {
            h.batchLimit = 0;
        }
    }
}
