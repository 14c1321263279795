package dev.hvscope.core.hart;

import static dev.hvscope.core.isa.Insn.rd;
import static dev.hvscope.core.isa.Insn.rs1;
import static dev.hvscope.core.isa.Insn.rs2;

import java.util.function.LongBinaryOperator;

/**
 * A extension. Harts are interleaved on one host thread, so a read-modify-write is atomic by
 * construction; the machine clears a hart's reservation whenever another hart runs.
 */
final class RvA {
    private RvA() {
    }

    static void lrW(Hart h, int i) {
        h.writeX(rd(i), (int) h.loadReserved(h.x[rs1(i)], 4));
    }

    static void lrD(Hart h, int i) {
        h.writeX(rd(i), h.loadReserved(h.x[rs1(i)], 8));
    }

    static void scW(Hart h, int i) {
        h.writeX(rd(i), h.storeConditional(h.x[rs1(i)], 4, h.x[rs2(i)]) ? 0 : 1);
    }

    static void scD(Hart h, int i) {
        h.writeX(rd(i), h.storeConditional(h.x[rs1(i)], 8, h.x[rs2(i)]) ? 0 : 1);
    }

    private static void amoW(Hart h, int i, LongBinaryOperator op) {
        h.writeX(rd(i), (int) h.atomicUpdate(h.x[rs1(i)], 4, h.x[rs2(i)], op));
    }

    private static void amoD(Hart h, int i, LongBinaryOperator op) {
        h.writeX(rd(i), h.atomicUpdate(h.x[rs1(i)], 8, h.x[rs2(i)], op));
    }

    // Word operands are compared as sign-extended 32-bit values; the stored result keeps the low 32 bits.
    private static final LongBinaryOperator SWAP = (m, r) -> r;
    private static final LongBinaryOperator ADD = Long::sum;
    private static final LongBinaryOperator XOR = (m, r) -> m ^ r;
    private static final LongBinaryOperator AND = (m, r) -> m & r;
    private static final LongBinaryOperator OR = (m, r) -> m | r;
    private static final LongBinaryOperator MIN = Math::min;
    private static final LongBinaryOperator MAX = Math::max;
    private static final LongBinaryOperator MINU = (m, r) -> Long.compareUnsigned(m, r) < 0 ? m : r;
    private static final LongBinaryOperator MAXU = (m, r) -> Long.compareUnsigned(m, r) > 0 ? m : r;
    private static final LongBinaryOperator MIN_W = (m, r) -> Math.min((int) m, (int) r);
    private static final LongBinaryOperator MAX_W = (m, r) -> Math.max((int) m, (int) r);
    private static final LongBinaryOperator MINU_W = (m, r) -> Integer.compareUnsigned((int) m, (int) r) < 0 ? m : r;
    private static final LongBinaryOperator MAXU_W = (m, r) -> Integer.compareUnsigned((int) m, (int) r) > 0 ? m : r;

    static void amoswapW(Hart h, int i) {
        amoW(h, i, SWAP);
    }

    static void amoaddW(Hart h, int i) {
        amoW(h, i, ADD);
    }

    static void amoxorW(Hart h, int i) {
        amoW(h, i, XOR);
    }

    static void amoandW(Hart h, int i) {
        amoW(h, i, AND);
    }

    static void amoorW(Hart h, int i) {
        amoW(h, i, OR);
    }

    static void amominW(Hart h, int i) {
        amoW(h, i, MIN_W);
    }

    static void amomaxW(Hart h, int i) {
        amoW(h, i, MAX_W);
    }

    static void amominuW(Hart h, int i) {
        amoW(h, i, MINU_W);
    }

    static void amomaxuW(Hart h, int i) {
        amoW(h, i, MAXU_W);
    }

    static void amoswapD(Hart h, int i) {
        amoD(h, i, SWAP);
    }

    static void amoaddD(Hart h, int i) {
        amoD(h, i, ADD);
    }

    static void amoxorD(Hart h, int i) {
        amoD(h, i, XOR);
    }

    static void amoandD(Hart h, int i) {
        amoD(h, i, AND);
    }

    static void amoorD(Hart h, int i) {
        amoD(h, i, OR);
    }

    static void amominD(Hart h, int i) {
        amoD(h, i, MIN);
    }

    static void amomaxD(Hart h, int i) {
        amoD(h, i, MAX);
    }

    static void amominuD(Hart h, int i) {
        amoD(h, i, MINU);
    }

    static void amomaxuD(Hart h, int i) {
        amoD(h, i, MAXU);
    }
}
