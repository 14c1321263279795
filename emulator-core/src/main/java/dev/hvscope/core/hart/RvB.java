package dev.hvscope.core.hart;

import static dev.hvscope.core.isa.Insn.rd;
import static dev.hvscope.core.isa.Insn.rs1;
import static dev.hvscope.core.isa.Insn.rs2;
import static dev.hvscope.core.isa.Insn.shamt;

/**
 * Zba, Zbb, Zbc and Zbs, the bit-manipulation extensions of QEMU 7.2's default rv64 CPU. The
 * word forms ({@code *w}, {@code *.uw}) follow the spec: {@code .uw} zero-extends rs1's low word,
 * {@code w} sign-extends the 32-bit result.
 */
final class RvB {
    private RvB() {
    }

    // --- Zba ------------------------------------------------------------------------------------

    static void addUw(Hart h, int i) {
        h.writeX(rd(i), (h.x[rs1(i)] & 0xffffffffL) + h.x[rs2(i)]);
    }

    static void sh1add(Hart h, int i) {
        h.writeX(rd(i), (h.x[rs1(i)] << 1) + h.x[rs2(i)]);
    }

    static void sh2add(Hart h, int i) {
        h.writeX(rd(i), (h.x[rs1(i)] << 2) + h.x[rs2(i)]);
    }

    static void sh3add(Hart h, int i) {
        h.writeX(rd(i), (h.x[rs1(i)] << 3) + h.x[rs2(i)]);
    }

    static void sh1addUw(Hart h, int i) {
        h.writeX(rd(i), ((h.x[rs1(i)] & 0xffffffffL) << 1) + h.x[rs2(i)]);
    }

    static void sh2addUw(Hart h, int i) {
        h.writeX(rd(i), ((h.x[rs1(i)] & 0xffffffffL) << 2) + h.x[rs2(i)]);
    }

    static void sh3addUw(Hart h, int i) {
        h.writeX(rd(i), ((h.x[rs1(i)] & 0xffffffffL) << 3) + h.x[rs2(i)]);
    }

    static void slliUw(Hart h, int i) {
        h.writeX(rd(i), (h.x[rs1(i)] & 0xffffffffL) << shamt(i));
    }

    // --- Zbb ------------------------------------------------------------------------------------

    static void andn(Hart h, int i) {
        h.writeX(rd(i), h.x[rs1(i)] & ~h.x[rs2(i)]);
    }

    static void orn(Hart h, int i) {
        h.writeX(rd(i), h.x[rs1(i)] | ~h.x[rs2(i)]);
    }

    static void xnor(Hart h, int i) {
        h.writeX(rd(i), ~(h.x[rs1(i)] ^ h.x[rs2(i)]));
    }

    static void clz(Hart h, int i) {
        h.writeX(rd(i), Long.numberOfLeadingZeros(h.x[rs1(i)]));
    }

    static void ctz(Hart h, int i) {
        h.writeX(rd(i), Long.numberOfTrailingZeros(h.x[rs1(i)]));
    }

    static void cpop(Hart h, int i) {
        h.writeX(rd(i), Long.bitCount(h.x[rs1(i)]));
    }

    static void clzw(Hart h, int i) {
        h.writeX(rd(i), Integer.numberOfLeadingZeros((int) h.x[rs1(i)]));
    }

    static void ctzw(Hart h, int i) {
        h.writeX(rd(i), Integer.numberOfTrailingZeros((int) h.x[rs1(i)]));
    }

    static void cpopw(Hart h, int i) {
        h.writeX(rd(i), Integer.bitCount((int) h.x[rs1(i)]));
    }

    static void max(Hart h, int i) {
        h.writeX(rd(i), Math.max(h.x[rs1(i)], h.x[rs2(i)]));
    }

    static void maxu(Hart h, int i) {
        long a = h.x[rs1(i)];
        long b = h.x[rs2(i)];
        h.writeX(rd(i), Long.compareUnsigned(a, b) >= 0 ? a : b);
    }

    static void min(Hart h, int i) {
        h.writeX(rd(i), Math.min(h.x[rs1(i)], h.x[rs2(i)]));
    }

    static void minu(Hart h, int i) {
        long a = h.x[rs1(i)];
        long b = h.x[rs2(i)];
        h.writeX(rd(i), Long.compareUnsigned(a, b) <= 0 ? a : b);
    }

    static void sextB(Hart h, int i) {
        h.writeX(rd(i), (byte) h.x[rs1(i)]);
    }

    static void sextH(Hart h, int i) {
        h.writeX(rd(i), (short) h.x[rs1(i)]);
    }

    static void zextH(Hart h, int i) {
        h.writeX(rd(i), h.x[rs1(i)] & 0xffffL);
    }

    static void rol(Hart h, int i) {
        h.writeX(rd(i), Long.rotateLeft(h.x[rs1(i)], (int) h.x[rs2(i)]));
    }

    static void ror(Hart h, int i) {
        h.writeX(rd(i), Long.rotateRight(h.x[rs1(i)], (int) h.x[rs2(i)]));
    }

    static void rolw(Hart h, int i) {
        h.writeX(rd(i), Integer.rotateLeft((int) h.x[rs1(i)], (int) h.x[rs2(i)]));
    }

    static void rorw(Hart h, int i) {
        h.writeX(rd(i), Integer.rotateRight((int) h.x[rs1(i)], (int) h.x[rs2(i)]));
    }

    static void rori(Hart h, int i) {
        h.writeX(rd(i), Long.rotateRight(h.x[rs1(i)], shamt(i)));
    }

    /** The shift amount is the rs2 field (5 bits), as for slliw. */
    static void roriw(Hart h, int i) {
        h.writeX(rd(i), Integer.rotateRight((int) h.x[rs1(i)], rs2(i)));
    }

    /** Each byte becomes 0xff if any of its bits is set, else 0. */
    static void orcB(Hart h, int i) {
        long v = h.x[rs1(i)];
        long r = 0;
        for (int b = 0; b < 64; b += 8) {
            if ((v >>> b & 0xff) != 0) {
                r |= 0xffL << b;
            }
        }
        h.writeX(rd(i), r);
    }

    static void rev8(Hart h, int i) {
        h.writeX(rd(i), Long.reverseBytes(h.x[rs1(i)]));
    }

    // --- Zbc ------------------------------------------------------------------------------------

    static void clmul(Hart h, int i) {
        h.writeX(rd(i), clmulLow(h.x[rs1(i)], h.x[rs2(i)]));
    }

    static void clmulh(Hart h, int i) {
        long a = h.x[rs1(i)];
        long b = h.x[rs2(i)];
        long r = 0;
        for (int k = 1; k < 64; k++) {
            if ((b >>> k & 1) != 0) {
                r ^= a >>> (64 - k);
            }
        }
        h.writeX(rd(i), r);
    }

    static void clmulr(Hart h, int i) {
        long a = h.x[rs1(i)];
        long b = h.x[rs2(i)];
        long r = 0;
        for (int k = 0; k < 64; k++) {
            if ((b >>> k & 1) != 0) {
                r ^= a >>> (63 - k);
            }
        }
        h.writeX(rd(i), r);
    }

    /** The low 64 bits of the carry-less product. */
    static long clmulLow(long a, long b) {
        long r = 0;
        for (int k = 0; k < 64; k++) {
            if ((b >>> k & 1) != 0) {
                r ^= a << k;
            }
        }
        return r;
    }

    // --- Zbs ------------------------------------------------------------------------------------

    static void bclr(Hart h, int i) {
        h.writeX(rd(i), h.x[rs1(i)] & ~(1L << h.x[rs2(i)]));
    }

    static void bclri(Hart h, int i) {
        h.writeX(rd(i), h.x[rs1(i)] & ~(1L << shamt(i)));
    }

    static void bext(Hart h, int i) {
        h.writeX(rd(i), h.x[rs1(i)] >>> h.x[rs2(i)] & 1);
    }

    static void bexti(Hart h, int i) {
        h.writeX(rd(i), h.x[rs1(i)] >>> shamt(i) & 1);
    }

    static void binv(Hart h, int i) {
        h.writeX(rd(i), h.x[rs1(i)] ^ 1L << h.x[rs2(i)]);
    }

    static void binvi(Hart h, int i) {
        h.writeX(rd(i), h.x[rs1(i)] ^ 1L << shamt(i));
    }

    static void bset(Hart h, int i) {
        h.writeX(rd(i), h.x[rs1(i)] | 1L << h.x[rs2(i)]);
    }

    static void bseti(Hart h, int i) {
        h.writeX(rd(i), h.x[rs1(i)] | 1L << shamt(i));
    }
}
