package dev.hvscope.core.hart;

import static dev.hvscope.core.isa.Insn.rd;
import static dev.hvscope.core.isa.Insn.rs1;
import static dev.hvscope.core.isa.Insn.rs2;

/** H extension instructions: hypervisor loads/stores and the two-stage fences. */
final class RvH {
    private RvH() {
    }

    /** HLV/HSV/HFENCE: virtual instruction in V=1, illegal in U unless hstatus.HU. */
    private static void requireHypervisorAccess(Hart h, boolean allowUserWithHu) {
        if (!h.hExtension) {
            throw h.illegalInstruction();
        }
        if (h.virt) {
            throw h.virtualInstruction();
        }
        if (h.priv == Hart.PRV_U && !(allowUserWithHu && (h.hstatus & Status.HS_HU) != 0)) {
            throw h.illegalInstruction();
        }
    }

    private static void hlv(Hart h, int i, int size, boolean signed, boolean hlvx) {
        requireHypervisorAccess(h, true);
        long v = h.hypervisorLoad(h.x[rs1(i)], size, hlvx);
        if (signed) {
            int shift = 64 - 8 * size;
            v = (v << shift) >> shift;
        }
        h.writeX(rd(i), v);
    }

    private static void hsv(Hart h, int i, int size) {
        requireHypervisorAccess(h, true);
        h.hypervisorStore(h.x[rs1(i)], size, h.x[rs2(i)]);
    }

    static void hlvB(Hart h, int i) {
        hlv(h, i, 1, true, false);
    }

    static void hlvBu(Hart h, int i) {
        hlv(h, i, 1, false, false);
    }

    static void hlvH(Hart h, int i) {
        hlv(h, i, 2, true, false);
    }

    static void hlvHu(Hart h, int i) {
        hlv(h, i, 2, false, false);
    }

    static void hlvxHu(Hart h, int i) {
        hlv(h, i, 2, false, true);
    }

    static void hlvW(Hart h, int i) {
        hlv(h, i, 4, true, false);
    }

    static void hlvWu(Hart h, int i) {
        hlv(h, i, 4, false, false);
    }

    static void hlvxWu(Hart h, int i) {
        hlv(h, i, 4, false, true);
    }

    static void hlvD(Hart h, int i) {
        hlv(h, i, 8, false, false);
    }

    static void hsvB(Hart h, int i) {
        hsv(h, i, 1);
    }

    static void hsvH(Hart h, int i) {
        hsv(h, i, 2);
    }

    static void hsvW(Hart h, int i) {
        hsv(h, i, 4);
    }

    static void hsvD(Hart h, int i) {
        hsv(h, i, 8);
    }

    /** HFENCE.VVMA: VS-stage translations of the current VMID (of one ASID when rs2 != x0). */
    static void hfenceVvma(Hart h, int i) {
        requireHypervisorAccess(h, false);
        long asid = rs2(i) == 0 ? -1 : h.x[rs2(i)] & 0xffff;
        h.fenceGuest((h.hgatp >>> 44) & 0x3fff, asid);
    }

    static void hfenceGvma(Hart h, int i) {
        requireHypervisorAccess(h, false);
        if (h.priv == Hart.PRV_S && (h.mstatus & Status.TVM) != 0) {
            throw h.illegalInstruction();
        }
        // rs2 != x0 names one VMID: only its combined translations go.
        h.fenceGuest(rs2(i) == 0 ? -1 : h.x[rs2(i)] & 0x3fff, -1);
    }
}
