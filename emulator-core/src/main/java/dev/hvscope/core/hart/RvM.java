package dev.hvscope.core.hart;

import static dev.hvscope.core.isa.Insn.rd;
import static dev.hvscope.core.isa.Insn.rs1;
import static dev.hvscope.core.isa.Insn.rs2;

/** M extension. Division by zero and overflow give the spec's results, never an ArithmeticException. */
final class RvM {
    private RvM() {
    }

    static void mul(Hart h, int i) {
        h.writeX(rd(i), h.x[rs1(i)] * h.x[rs2(i)]);
    }

    static void mulh(Hart h, int i) {
        h.writeX(rd(i), Math.multiplyHigh(h.x[rs1(i)], h.x[rs2(i)]));
    }

    static void mulhsu(Hart h, int i) {
        long a = h.x[rs1(i)];
        long b = h.x[rs2(i)];
        // signed(a) * unsigned(b): correct the signed product when b's top bit is set.
        h.writeX(rd(i), Math.multiplyHigh(a, b) + (b < 0 ? a : 0));
    }

    static void mulhu(Hart h, int i) {
        h.writeX(rd(i), mulhu(h.x[rs1(i)], h.x[rs2(i)]));
    }

    /** Unsigned high product from the signed one (Java 17 has no unsignedMultiplyHigh). */
    static long mulhu(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    static void div(Hart h, int i) {
        long a = h.x[rs1(i)];
        long b = h.x[rs2(i)];
        h.writeX(rd(i), b == 0 ? -1L : (a == Long.MIN_VALUE && b == -1 ? a : a / b));
    }

    static void divu(Hart h, int i) {
        long b = h.x[rs2(i)];
        h.writeX(rd(i), b == 0 ? -1L : Long.divideUnsigned(h.x[rs1(i)], b));
    }

    static void rem(Hart h, int i) {
        long a = h.x[rs1(i)];
        long b = h.x[rs2(i)];
        h.writeX(rd(i), b == 0 ? a : (a == Long.MIN_VALUE && b == -1 ? 0 : a % b));
    }

    static void remu(Hart h, int i) {
        long a = h.x[rs1(i)];
        long b = h.x[rs2(i)];
        h.writeX(rd(i), b == 0 ? a : Long.remainderUnsigned(a, b));
    }

    static void mulw(Hart h, int i) {
        h.writeX(rd(i), (int) h.x[rs1(i)] * (int) h.x[rs2(i)]);
    }

    static void divw(Hart h, int i) {
        int a = (int) h.x[rs1(i)];
        int b = (int) h.x[rs2(i)];
        h.writeX(rd(i), b == 0 ? -1L : (a == Integer.MIN_VALUE && b == -1 ? a : a / b));
    }

    static void divuw(Hart h, int i) {
        int b = (int) h.x[rs2(i)];
        h.writeX(rd(i), b == 0 ? -1L : Integer.divideUnsigned((int) h.x[rs1(i)], b));
    }

    static void remw(Hart h, int i) {
        int a = (int) h.x[rs1(i)];
        int b = (int) h.x[rs2(i)];
        h.writeX(rd(i), b == 0 ? a : (a == Integer.MIN_VALUE && b == -1 ? 0 : a % b));
    }

    static void remuw(Hart h, int i) {
        int a = (int) h.x[rs1(i)];
        int b = (int) h.x[rs2(i)];
        h.writeX(rd(i), b == 0 ? a : Integer.remainderUnsigned(a, b));
    }
}
