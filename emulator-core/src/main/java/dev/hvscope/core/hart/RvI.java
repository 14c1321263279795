package dev.hvscope.core.hart;

import static dev.hvscope.core.isa.Insn.immB;
import static dev.hvscope.core.isa.Insn.immI;
import static dev.hvscope.core.isa.Insn.immJ;
import static dev.hvscope.core.isa.Insn.immS;
import static dev.hvscope.core.isa.Insn.immU;
import static dev.hvscope.core.isa.Insn.rd;
import static dev.hvscope.core.isa.Insn.rs1;
import static dev.hvscope.core.isa.Insn.rs2;
import static dev.hvscope.core.isa.Insn.shamt;

/** RV64I base integer instructions. Control transfers return the next pc. */
final class RvI {
    private RvI() {
    }

    static void lui(Hart h, int i) {
        h.writeX(rd(i), immU(i));
    }

    static void auipc(Hart h, int i, long pc) {
        h.writeX(rd(i), pc + immU(i));
    }

    static long jal(Hart h, int i, long pc, long next) {
        long target = pc + immJ(i);
        h.writeX(rd(i), next);
        return target;
    }

    static long jalr(Hart h, int i, long next) {
        long target = (h.x[rs1(i)] + immI(i)) & ~1L;
        h.writeX(rd(i), next);
        return target;
    }

    static long beq(Hart h, int i, long pc, long next) {
        return h.x[rs1(i)] == h.x[rs2(i)] ? pc + immB(i) : next;
    }

    static long bne(Hart h, int i, long pc, long next) {
        return h.x[rs1(i)] != h.x[rs2(i)] ? pc + immB(i) : next;
    }

    static long blt(Hart h, int i, long pc, long next) {
        return h.x[rs1(i)] < h.x[rs2(i)] ? pc + immB(i) : next;
    }

    static long bge(Hart h, int i, long pc, long next) {
        return h.x[rs1(i)] >= h.x[rs2(i)] ? pc + immB(i) : next;
    }

    static long bltu(Hart h, int i, long pc, long next) {
        return Long.compareUnsigned(h.x[rs1(i)], h.x[rs2(i)]) < 0 ? pc + immB(i) : next;
    }

    static long bgeu(Hart h, int i, long pc, long next) {
        return Long.compareUnsigned(h.x[rs1(i)], h.x[rs2(i)]) >= 0 ? pc + immB(i) : next;
    }

    private static long ea(Hart h, int i) {
        return h.x[rs1(i)] + immI(i);
    }

    private static long storeEa(Hart h, int i) {
        return h.x[rs1(i)] + immS(i);
    }

    static void lb(Hart h, int i) {
        h.writeX(rd(i), h.load8(ea(h, i)));
    }

    static void lh(Hart h, int i) {
        h.writeX(rd(i), h.load16(ea(h, i)));
    }

    static void lw(Hart h, int i) {
        h.writeX(rd(i), h.load32(ea(h, i)));
    }

    static void ld(Hart h, int i) {
        h.writeX(rd(i), h.load64(ea(h, i)));
    }

    static void lbu(Hart h, int i) {
        h.writeX(rd(i), h.load8(ea(h, i)) & 0xffL);
    }

    static void lhu(Hart h, int i) {
        h.writeX(rd(i), h.load16(ea(h, i)) & 0xffffL);
    }

    static void lwu(Hart h, int i) {
        h.writeX(rd(i), h.load32(ea(h, i)) & 0xffff_ffffL);
    }

    static void sb(Hart h, int i) {
        h.store8(storeEa(h, i), h.x[rs2(i)]);
    }

    static void sh(Hart h, int i) {
        h.store16(storeEa(h, i), h.x[rs2(i)]);
    }

    static void sw(Hart h, int i) {
        h.store32(storeEa(h, i), h.x[rs2(i)]);
    }

    static void sd(Hart h, int i) {
        h.store64(storeEa(h, i), h.x[rs2(i)]);
    }

    static void addi(Hart h, int i) {
        h.writeX(rd(i), h.x[rs1(i)] + immI(i));
    }

    static void slti(Hart h, int i) {
        h.writeX(rd(i), h.x[rs1(i)] < immI(i) ? 1 : 0);
    }

    static void sltiu(Hart h, int i) {
        h.writeX(rd(i), Long.compareUnsigned(h.x[rs1(i)], immI(i)) < 0 ? 1 : 0);
    }

    static void xori(Hart h, int i) {
        h.writeX(rd(i), h.x[rs1(i)] ^ immI(i));
    }

    static void ori(Hart h, int i) {
        h.writeX(rd(i), h.x[rs1(i)] | immI(i));
    }

    static void andi(Hart h, int i) {
        h.writeX(rd(i), h.x[rs1(i)] & immI(i));
    }

    static void slli(Hart h, int i) {
        h.writeX(rd(i), h.x[rs1(i)] << shamt(i));
    }

    static void srli(Hart h, int i) {
        h.writeX(rd(i), h.x[rs1(i)] >>> shamt(i));
    }

    static void srai(Hart h, int i) {
        h.writeX(rd(i), h.x[rs1(i)] >> shamt(i));
    }

    static void add(Hart h, int i) {
        h.writeX(rd(i), h.x[rs1(i)] + h.x[rs2(i)]);
    }

    static void sub(Hart h, int i) {
        h.writeX(rd(i), h.x[rs1(i)] - h.x[rs2(i)]);
    }

    static void sll(Hart h, int i) {
        h.writeX(rd(i), h.x[rs1(i)] << h.x[rs2(i)]);
    }

    static void slt(Hart h, int i) {
        h.writeX(rd(i), h.x[rs1(i)] < h.x[rs2(i)] ? 1 : 0);
    }

    static void sltu(Hart h, int i) {
        h.writeX(rd(i), Long.compareUnsigned(h.x[rs1(i)], h.x[rs2(i)]) < 0 ? 1 : 0);
    }

    static void xor(Hart h, int i) {
        h.writeX(rd(i), h.x[rs1(i)] ^ h.x[rs2(i)]);
    }

    static void srl(Hart h, int i) {
        h.writeX(rd(i), h.x[rs1(i)] >>> h.x[rs2(i)]);
    }

    static void sra(Hart h, int i) {
        h.writeX(rd(i), h.x[rs1(i)] >> h.x[rs2(i)]);
    }

    static void or(Hart h, int i) {
        h.writeX(rd(i), h.x[rs1(i)] | h.x[rs2(i)]);
    }

    static void and(Hart h, int i) {
        h.writeX(rd(i), h.x[rs1(i)] & h.x[rs2(i)]);
    }

    static void addiw(Hart h, int i) {
        h.writeX(rd(i), (int) (h.x[rs1(i)] + immI(i)));
    }

    static void slliw(Hart h, int i) {
        h.writeX(rd(i), (int) h.x[rs1(i)] << shamt(i));
    }

    static void srliw(Hart h, int i) {
        h.writeX(rd(i), (int) h.x[rs1(i)] >>> shamt(i));
    }

    static void sraiw(Hart h, int i) {
        h.writeX(rd(i), (int) h.x[rs1(i)] >> shamt(i));
    }

    static void addw(Hart h, int i) {
        h.writeX(rd(i), (int) (h.x[rs1(i)] + h.x[rs2(i)]));
    }

    static void subw(Hart h, int i) {
        h.writeX(rd(i), (int) (h.x[rs1(i)] - h.x[rs2(i)]));
    }

    static void sllw(Hart h, int i) {
        h.writeX(rd(i), (int) h.x[rs1(i)] << (h.x[rs2(i)] & 31));
    }

    static void srlw(Hart h, int i) {
        h.writeX(rd(i), (int) h.x[rs1(i)] >>> (h.x[rs2(i)] & 31));
    }

    static void sraw(Hart h, int i) {
        h.writeX(rd(i), (int) h.x[rs1(i)] >> (h.x[rs2(i)] & 31));
    }

    static void fenceI(Hart h) {
        h.fenceInstructions();
    }
}
