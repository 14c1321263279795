package dev.hvscope.core.hart;

import static dev.hvscope.core.isa.Insn.funct3;
import static dev.hvscope.core.isa.Insn.immI;
import static dev.hvscope.core.isa.Insn.immS;
import static dev.hvscope.core.isa.Insn.rd;
import static dev.hvscope.core.isa.Insn.rs1;
import static dev.hvscope.core.isa.Insn.rs2;
import static dev.hvscope.core.isa.Insn.rs3;

import dev.hvscope.core.hart.fp.F32;
import dev.hvscope.core.hart.fp.F64;
import dev.hvscope.core.hart.fp.FpFlags;
import dev.hvscope.core.hart.fp.NanBox;

/**
 * The F and D extensions: one method per instruction, named after its {@code Opcode}. Each checks
 * that FP is enabled, resolves the rounding mode where the instruction has an rm field, reads its
 * operands (single-precision ones unboxed: an improperly boxed register reads as the canonical
 * NaN), calls the IEEE library in {@code hart.fp}, writes the result (singles NaN-boxed) and
 * accrues the raised flags into fflags.
 *
 * <p>Every rm-carrying instruction resolves rm, even the exact ones (fcvt.d.s, fcvt.d.w[u]), so a
 * reserved rm is illegal for all of them, as in Spike and QEMU.
 */
public final class RvFd {
    private static final int SIGN_S = 0x8000_0000;
    private static final long SIGN_D = Long.MIN_VALUE;

    private RvFd() {
    }

    // ---- helpers ----

    private static FpFlags flags(Hart h) {
        FpFlags fl = h.fpFlags;
        fl.bits = 0;
        return fl;
    }

    private static void accrue(Hart h, FpFlags fl) {
        if (fl.bits != 0) {
            h.accrueFflags(fl.bits);
        }
    }

    /** Single-precision operand: the register unboxed. */
    private static int s(Hart h, int reg) {
        return NanBox.unbox(h.f[reg]);
    }

    private static long d(Hart h, int reg) {
        return h.f[reg];
    }

    private static void writeS(Hart h, int rd, int bits) {
        h.writeF(rd, NanBox.box(bits));
    }

    private static int rm(Hart h, int insn) {
        return h.roundingMode(funct3(insn));
    }

    private static long bool(boolean b) {
        return b ? 1 : 0;
    }

    // ---- loads and stores ----

    public static void flw(Hart h, int insn) {
        h.requireFp();
        long bits = h.load(h.x[rs1(insn)] + immI(insn), 4);
        writeS(h, rd(insn), (int) bits);
    }

    public static void fld(Hart h, int insn) {
        h.requireFp();
        long bits = h.load(h.x[rs1(insn)] + immI(insn), 8);
        h.writeF(rd(insn), bits);
    }

    /** Stores the register's low 32 bits as they are: no unboxing check (spec: FSW). */
    public static void fsw(Hart h, int insn) {
        h.requireFp();
        h.store(h.x[rs1(insn)] + immS(insn), 4, h.f[rs2(insn)]);
    }

    public static void fsd(Hart h, int insn) {
        h.requireFp();
        h.store(h.x[rs1(insn)] + immS(insn), 8, h.f[rs2(insn)]);
    }

    // ---- single precision ----

    /** rs1*rs2 + rs3, rounded once. */
    public static void fmaddS(Hart h, int insn) {
        h.requireFp();
        int rm = rm(h, insn);
        FpFlags fl = flags(h);
        int r = F32.fma(s(h, rs1(insn)), s(h, rs2(insn)), s(h, rs3(insn)), rm, fl);
        writeS(h, rd(insn), r);
        accrue(h, fl);
    }

    /** rs1*rs2 - rs3, rounded once; the negations apply to the operands, which fixes the sign of an exact zero. */
    public static void fmsubS(Hart h, int insn) {
        h.requireFp();
        int rm = rm(h, insn);
        FpFlags fl = flags(h);
        int r = F32.fma(s(h, rs1(insn)), s(h, rs2(insn)), s(h, rs3(insn)) ^ SIGN_S, rm, fl);
        writeS(h, rd(insn), r);
        accrue(h, fl);
    }

    /** -(rs1*rs2) + rs3, rounded once; the negations apply to the operands, which fixes the sign of an exact zero. */
    public static void fnmsubS(Hart h, int insn) {
        h.requireFp();
        int rm = rm(h, insn);
        FpFlags fl = flags(h);
        int r = F32.fma(s(h, rs1(insn)) ^ SIGN_S, s(h, rs2(insn)), s(h, rs3(insn)), rm, fl);
        writeS(h, rd(insn), r);
        accrue(h, fl);
    }

    /** -(rs1*rs2) - rs3, rounded once; the negations apply to the operands, which fixes the sign of an exact zero. */
    public static void fnmaddS(Hart h, int insn) {
        h.requireFp();
        int rm = rm(h, insn);
        FpFlags fl = flags(h);
        int r = F32.fma(s(h, rs1(insn)) ^ SIGN_S, s(h, rs2(insn)), s(h, rs3(insn)) ^ SIGN_S, rm, fl);
        writeS(h, rd(insn), r);
        accrue(h, fl);
    }

    public static void faddS(Hart h, int insn) {
        h.requireFp();
        int rm = rm(h, insn);
        FpFlags fl = flags(h);
        int r = F32.add(s(h, rs1(insn)), s(h, rs2(insn)), rm, fl);
        writeS(h, rd(insn), r);
        accrue(h, fl);
    }

    public static void fsubS(Hart h, int insn) {
        h.requireFp();
        int rm = rm(h, insn);
        FpFlags fl = flags(h);
        int r = F32.sub(s(h, rs1(insn)), s(h, rs2(insn)), rm, fl);
        writeS(h, rd(insn), r);
        accrue(h, fl);
    }

    public static void fmulS(Hart h, int insn) {
        h.requireFp();
        int rm = rm(h, insn);
        FpFlags fl = flags(h);
        int r = F32.mul(s(h, rs1(insn)), s(h, rs2(insn)), rm, fl);
        writeS(h, rd(insn), r);
        accrue(h, fl);
    }

    public static void fdivS(Hart h, int insn) {
        h.requireFp();
        int rm = rm(h, insn);
        FpFlags fl = flags(h);
        int r = F32.div(s(h, rs1(insn)), s(h, rs2(insn)), rm, fl);
        writeS(h, rd(insn), r);
        accrue(h, fl);
    }

    public static void fsqrtS(Hart h, int insn) {
        h.requireFp();
        int rm = rm(h, insn);
        FpFlags fl = flags(h);
        int r = F32.sqrt(s(h, rs1(insn)), rm, fl);
        writeS(h, rd(insn), r);
        accrue(h, fl);
    }

    public static void fsgnjS(Hart h, int insn) {
        h.requireFp();
        int r = F32.sgnj(s(h, rs1(insn)), s(h, rs2(insn)));
        writeS(h, rd(insn), r);
    }

    public static void fsgnjnS(Hart h, int insn) {
        h.requireFp();
        int r = F32.sgnjn(s(h, rs1(insn)), s(h, rs2(insn)));
        writeS(h, rd(insn), r);
    }

    public static void fsgnjxS(Hart h, int insn) {
        h.requireFp();
        int r = F32.sgnjx(s(h, rs1(insn)), s(h, rs2(insn)));
        writeS(h, rd(insn), r);
    }

    public static void fminS(Hart h, int insn) {
        h.requireFp();
        FpFlags fl = flags(h);
        int r = F32.min(s(h, rs1(insn)), s(h, rs2(insn)), fl);
        writeS(h, rd(insn), r);
        accrue(h, fl);
    }

    public static void fmaxS(Hart h, int insn) {
        h.requireFp();
        FpFlags fl = flags(h);
        int r = F32.max(s(h, rs1(insn)), s(h, rs2(insn)), fl);
        writeS(h, rd(insn), r);
        accrue(h, fl);
    }

    public static void feqS(Hart h, int insn) {
        h.requireFp();
        FpFlags fl = flags(h);
        boolean r = F32.eq(s(h, rs1(insn)), s(h, rs2(insn)), fl);
        h.writeX(rd(insn), bool(r));
        accrue(h, fl);
    }

    public static void fltS(Hart h, int insn) {
        h.requireFp();
        FpFlags fl = flags(h);
        boolean r = F32.lt(s(h, rs1(insn)), s(h, rs2(insn)), fl);
        h.writeX(rd(insn), bool(r));
        accrue(h, fl);
    }

    public static void fleS(Hart h, int insn) {
        h.requireFp();
        FpFlags fl = flags(h);
        boolean r = F32.le(s(h, rs1(insn)), s(h, rs2(insn)), fl);
        h.writeX(rd(insn), bool(r));
        accrue(h, fl);
    }

    public static void fcvtWS(Hart h, int insn) {
        h.requireFp();
        int rm = rm(h, insn);
        FpFlags fl = flags(h);
        long r = F32.toInt32(s(h, rs1(insn)), rm, fl);
        h.writeX(rd(insn), r);
        accrue(h, fl);
    }

    public static void fcvtWuS(Hart h, int insn) {
        h.requireFp();
        int rm = rm(h, insn);
        FpFlags fl = flags(h);
        long r = F32.toUInt32(s(h, rs1(insn)), rm, fl);
        h.writeX(rd(insn), r);
        accrue(h, fl);
    }

    public static void fcvtLS(Hart h, int insn) {
        h.requireFp();
        int rm = rm(h, insn);
        FpFlags fl = flags(h);
        long r = F32.toInt64(s(h, rs1(insn)), rm, fl);
        h.writeX(rd(insn), r);
        accrue(h, fl);
    }

    public static void fcvtLuS(Hart h, int insn) {
        h.requireFp();
        int rm = rm(h, insn);
        FpFlags fl = flags(h);
        long r = F32.toUInt64(s(h, rs1(insn)), rm, fl);
        h.writeX(rd(insn), r);
        accrue(h, fl);
    }

    public static void fcvtSW(Hart h, int insn) {
        h.requireFp();
        int rm = rm(h, insn);
        FpFlags fl = flags(h);
        int r = F32.fromInt64((int) h.x[rs1(insn)], rm, fl);
        writeS(h, rd(insn), r);
        accrue(h, fl);
    }

    public static void fcvtSWu(Hart h, int insn) {
        h.requireFp();
        int rm = rm(h, insn);
        FpFlags fl = flags(h);
        int r = F32.fromUInt64(h.x[rs1(insn)] & 0xffff_ffffL, rm, fl);
        writeS(h, rd(insn), r);
        accrue(h, fl);
    }

    public static void fcvtSL(Hart h, int insn) {
        h.requireFp();
        int rm = rm(h, insn);
        FpFlags fl = flags(h);
        int r = F32.fromInt64(h.x[rs1(insn)], rm, fl);
        writeS(h, rd(insn), r);
        accrue(h, fl);
    }

    public static void fcvtSLu(Hart h, int insn) {
        h.requireFp();
        int rm = rm(h, insn);
        FpFlags fl = flags(h);
        int r = F32.fromUInt64(h.x[rs1(insn)], rm, fl);
        writeS(h, rd(insn), r);
        accrue(h, fl);
    }

    public static void fclassS(Hart h, int insn) {
        h.requireFp();
        h.writeX(rd(insn), F32.classify(s(h, rs1(insn))));
    }

    // ---- double precision ----

    /** rs1*rs2 + rs3, rounded once. */
    public static void fmaddD(Hart h, int insn) {
        h.requireFp();
        int rm = rm(h, insn);
        FpFlags fl = flags(h);
        long r = F64.fma(d(h, rs1(insn)), d(h, rs2(insn)), d(h, rs3(insn)), rm, fl);
        h.writeF(rd(insn), r);
        accrue(h, fl);
    }

    /** rs1*rs2 - rs3, rounded once; the negations apply to the operands, which fixes the sign of an exact zero. */
    public static void fmsubD(Hart h, int insn) {
        h.requireFp();
        int rm = rm(h, insn);
        FpFlags fl = flags(h);
        long r = F64.fma(d(h, rs1(insn)), d(h, rs2(insn)), d(h, rs3(insn)) ^ SIGN_D, rm, fl);
        h.writeF(rd(insn), r);
        accrue(h, fl);
    }

    /** -(rs1*rs2) + rs3, rounded once; the negations apply to the operands, which fixes the sign of an exact zero. */
    public static void fnmsubD(Hart h, int insn) {
        h.requireFp();
        int rm = rm(h, insn);
        FpFlags fl = flags(h);
        long r = F64.fma(d(h, rs1(insn)) ^ SIGN_D, d(h, rs2(insn)), d(h, rs3(insn)), rm, fl);
        h.writeF(rd(insn), r);
        accrue(h, fl);
    }

    /** -(rs1*rs2) - rs3, rounded once; the negations apply to the operands, which fixes the sign of an exact zero. */
    public static void fnmaddD(Hart h, int insn) {
        h.requireFp();
        int rm = rm(h, insn);
        FpFlags fl = flags(h);
        long r = F64.fma(d(h, rs1(insn)) ^ SIGN_D, d(h, rs2(insn)), d(h, rs3(insn)) ^ SIGN_D, rm, fl);
        h.writeF(rd(insn), r);
        accrue(h, fl);
    }

    public static void faddD(Hart h, int insn) {
        h.requireFp();
        int rm = rm(h, insn);
        FpFlags fl = flags(h);
        long r = F64.add(d(h, rs1(insn)), d(h, rs2(insn)), rm, fl);
        h.writeF(rd(insn), r);
        accrue(h, fl);
    }

    public static void fsubD(Hart h, int insn) {
        h.requireFp();
        int rm = rm(h, insn);
        FpFlags fl = flags(h);
        long r = F64.sub(d(h, rs1(insn)), d(h, rs2(insn)), rm, fl);
        h.writeF(rd(insn), r);
        accrue(h, fl);
    }

    public static void fmulD(Hart h, int insn) {
        h.requireFp();
        int rm = rm(h, insn);
        FpFlags fl = flags(h);
        long r = F64.mul(d(h, rs1(insn)), d(h, rs2(insn)), rm, fl);
        h.writeF(rd(insn), r);
        accrue(h, fl);
    }

    public static void fdivD(Hart h, int insn) {
        h.requireFp();
        int rm = rm(h, insn);
        FpFlags fl = flags(h);
        long r = F64.div(d(h, rs1(insn)), d(h, rs2(insn)), rm, fl);
        h.writeF(rd(insn), r);
        accrue(h, fl);
    }

    public static void fsqrtD(Hart h, int insn) {
        h.requireFp();
        int rm = rm(h, insn);
        FpFlags fl = flags(h);
        long r = F64.sqrt(d(h, rs1(insn)), rm, fl);
        h.writeF(rd(insn), r);
        accrue(h, fl);
    }

    public static void fsgnjD(Hart h, int insn) {
        h.requireFp();
        long r = F64.sgnj(d(h, rs1(insn)), d(h, rs2(insn)));
        h.writeF(rd(insn), r);
    }

    public static void fsgnjnD(Hart h, int insn) {
        h.requireFp();
        long r = F64.sgnjn(d(h, rs1(insn)), d(h, rs2(insn)));
        h.writeF(rd(insn), r);
    }

    public static void fsgnjxD(Hart h, int insn) {
        h.requireFp();
        long r = F64.sgnjx(d(h, rs1(insn)), d(h, rs2(insn)));
        h.writeF(rd(insn), r);
    }

    public static void fminD(Hart h, int insn) {
        h.requireFp();
        FpFlags fl = flags(h);
        long r = F64.min(d(h, rs1(insn)), d(h, rs2(insn)), fl);
        h.writeF(rd(insn), r);
        accrue(h, fl);
    }

    public static void fmaxD(Hart h, int insn) {
        h.requireFp();
        FpFlags fl = flags(h);
        long r = F64.max(d(h, rs1(insn)), d(h, rs2(insn)), fl);
        h.writeF(rd(insn), r);
        accrue(h, fl);
    }

    public static void feqD(Hart h, int insn) {
        h.requireFp();
        FpFlags fl = flags(h);
        boolean r = F64.eq(d(h, rs1(insn)), d(h, rs2(insn)), fl);
        h.writeX(rd(insn), bool(r));
        accrue(h, fl);
    }

    public static void fltD(Hart h, int insn) {
        h.requireFp();
        FpFlags fl = flags(h);
        boolean r = F64.lt(d(h, rs1(insn)), d(h, rs2(insn)), fl);
        h.writeX(rd(insn), bool(r));
        accrue(h, fl);
    }

    public static void fleD(Hart h, int insn) {
        h.requireFp();
        FpFlags fl = flags(h);
        boolean r = F64.le(d(h, rs1(insn)), d(h, rs2(insn)), fl);
        h.writeX(rd(insn), bool(r));
        accrue(h, fl);
    }

    public static void fcvtWD(Hart h, int insn) {
        h.requireFp();
        int rm = rm(h, insn);
        FpFlags fl = flags(h);
        long r = F64.toInt32(d(h, rs1(insn)), rm, fl);
        h.writeX(rd(insn), r);
        accrue(h, fl);
    }

    public static void fcvtWuD(Hart h, int insn) {
        h.requireFp();
        int rm = rm(h, insn);
        FpFlags fl = flags(h);
        long r = F64.toUInt32(d(h, rs1(insn)), rm, fl);
        h.writeX(rd(insn), r);
        accrue(h, fl);
    }

    public static void fcvtLD(Hart h, int insn) {
        h.requireFp();
        int rm = rm(h, insn);
        FpFlags fl = flags(h);
        long r = F64.toInt64(d(h, rs1(insn)), rm, fl);
        h.writeX(rd(insn), r);
        accrue(h, fl);
    }

    public static void fcvtLuD(Hart h, int insn) {
        h.requireFp();
        int rm = rm(h, insn);
        FpFlags fl = flags(h);
        long r = F64.toUInt64(d(h, rs1(insn)), rm, fl);
        h.writeX(rd(insn), r);
        accrue(h, fl);
    }

    public static void fcvtDW(Hart h, int insn) {
        h.requireFp();
        int rm = rm(h, insn);
        FpFlags fl = flags(h);
        long r = F64.fromInt64((int) h.x[rs1(insn)], rm, fl);
        h.writeF(rd(insn), r);
        accrue(h, fl);
    }

    public static void fcvtDWu(Hart h, int insn) {
        h.requireFp();
        int rm = rm(h, insn);
        FpFlags fl = flags(h);
        long r = F64.fromUInt64(h.x[rs1(insn)] & 0xffff_ffffL, rm, fl);
        h.writeF(rd(insn), r);
        accrue(h, fl);
    }

    public static void fcvtDL(Hart h, int insn) {
        h.requireFp();
        int rm = rm(h, insn);
        FpFlags fl = flags(h);
        long r = F64.fromInt64(h.x[rs1(insn)], rm, fl);
        h.writeF(rd(insn), r);
        accrue(h, fl);
    }

    public static void fcvtDLu(Hart h, int insn) {
        h.requireFp();
        int rm = rm(h, insn);
        FpFlags fl = flags(h);
        long r = F64.fromUInt64(h.x[rs1(insn)], rm, fl);
        h.writeF(rd(insn), r);
        accrue(h, fl);
    }

    public static void fclassD(Hart h, int insn) {
        h.requireFp();
        h.writeX(rd(insn), F64.classify(d(h, rs1(insn))));
    }

    /** Moves the register's low 32 bits, sign-extended, without unboxing. */
    public static void fmvXW(Hart h, int insn) {
        h.requireFp();
        h.writeX(rd(insn), (int) h.f[rs1(insn)]);
    }

    public static void fmvWX(Hart h, int insn) {
        h.requireFp();
        writeS(h, rd(insn), (int) h.x[rs1(insn)]);
    }

    public static void fmvXD(Hart h, int insn) {
        h.requireFp();
        h.writeX(rd(insn), h.f[rs1(insn)]);
    }

    public static void fmvDX(Hart h, int insn) {
        h.requireFp();
        h.writeF(rd(insn), h.x[rs1(insn)]);
    }

    public static void fcvtSD(Hart h, int insn) {
        h.requireFp();
        int rm = rm(h, insn);
        FpFlags fl = flags(h);
        int r = F64.toF32(d(h, rs1(insn)), rm, fl);
        writeS(h, rd(insn), r);
        accrue(h, fl);
    }

    public static void fcvtDS(Hart h, int insn) {
        h.requireFp();
        rm(h, insn); // exact, but a reserved rm is still illegal
        FpFlags fl = flags(h);
        long r = F32.toF64(s(h, rs1(insn)), fl);
        h.writeF(rd(insn), r);
        accrue(h, fl);
    }
}
