package dev.hvscope.core.hart.fp;

import static dev.hvscope.core.hart.fp.RoundingMode.RDN;

/**
 * Exact IEEE-754 arithmetic on raw bits of either format, in every rounding mode: the reference
 * ("soft") path behind {@link F32} and {@link F64}. Each operation computes the exact result, or
 * a truncation of it with a sticky bit, in integer arithmetic and hands it to
 * {@link Rounder#roundPack}. Nothing is allocated.
 *
 * <p>NaN results are always the canonical NaN: RISC-V does not propagate payloads. A signalling
 * NaN operand raises NV.
 */
public final class FpArith {
    private FpArith() {
    }

    /** Canonical NaN, with NV if either operand is a signalling NaN. */
    private static long nanResult(FpFormat f, long a, long b, FpFlags fl) {
        if (f.isSignalingNaN(a) || f.isSignalingNaN(b)) {
            fl.bits |= FpFlags.NV;
        }
        return f.canonicalNaN;
    }

    private static long invalid(FpFormat f, FpFlags fl) {
        fl.bits |= FpFlags.NV;
        return f.canonicalNaN;
    }

    /** The sign of an exact zero sum of operands with opposite signs (IEEE 6.3). */
    private static long exactZeroSum(FpFormat f, int rm) {
        return f.zero(rm == RDN);
    }

    public static long add(FpFormat f, long a, long b, int rm, FpFlags fl) {
        if (f.isNaN(a) || f.isNaN(b)) {
            return nanResult(f, a, b, fl);
        }
        boolean na = f.isNegative(a);
        boolean nb = f.isNegative(b);
        if (f.isInf(a)) {
            if (f.isInf(b) && na != nb) {
                return invalid(f, fl);
            }
            return a;
        }
        if (f.isInf(b)) {
            return b;
        }
        if (f.isZero(a)) {
            if (f.isZero(b)) {
                return na == nb ? a : exactZeroSum(f, rm);
            }
            return b;
        }
        if (f.isZero(b)) {
            return a;
        }
        // Both finite nonzero: align significands with bit 62 on top (bit 63 takes the carry).
        long sa = f.sig(a);
        long sb = f.sig(b);
        int ea = f.lsbExp(a);
        int eb = f.lsbExp(b);
        int la = Long.numberOfLeadingZeros(sa) - 1;
        int lb = Long.numberOfLeadingZeros(sb) - 1;
        sa <<= la;
        ea -= la;
        sb <<= lb;
        eb -= lb;
        if (ea < eb) {
            long ts = sa; sa = sb; sb = ts;
            int te = ea; ea = eb; eb = te;
            boolean tn = na; na = nb; nb = tn;
        }
        sb = shiftRightSticky(sb, ea - eb);
        if (na == nb) {
            return Rounder.roundPack(f, na, ea, sa + sb, rm, fl);
        }
        long d = sa - sb;
        if (d == 0) {
            return exactZeroSum(f, rm);
        }
        if (d < 0) {
            return Rounder.roundPack(f, nb, ea, -d, rm, fl);
        }
        return Rounder.roundPack(f, na, ea, d, rm, fl);
    }

    public static long sub(FpFormat f, long a, long b, int rm, FpFlags fl) {
        // Negating a NaN is harmless: NaN results are canonical and signalling-ness is kept.
        return add(f, a, b ^ f.signMask, rm, fl);
    }

    public static long mul(FpFormat f, long a, long b, int rm, FpFlags fl) {
        if (f.isNaN(a) || f.isNaN(b)) {
            return nanResult(f, a, b, fl);
        }
        boolean neg = f.isNegative(a) != f.isNegative(b);
        if (f.isInf(a) || f.isInf(b)) {
            if (f.isZero(a) || f.isZero(b)) {
                return invalid(f, fl);
            }
            return f.inf(neg);
        }
        if (f.isZero(a) || f.isZero(b)) {
            return f.zero(neg);
        }
        long sa = f.sig(a);
        long sb = f.sig(b);
        int exp = f.lsbExp(a) + f.lsbExp(b);
        long hi = Math.multiplyHigh(sa, sb); // both below 2^53: signed high word is the unsigned one
        long lo = sa * sb;
        return Rounder.roundPack(f, neg, exp + compressShift(hi), compress(hi, lo), rm, fl);
    }

    public static long div(FpFormat f, long a, long b, int rm, FpFlags fl) {
        if (f.isNaN(a) || f.isNaN(b)) {
            return nanResult(f, a, b, fl);
        }
        boolean neg = f.isNegative(a) != f.isNegative(b);
        if (f.isInf(a)) {
            return f.isInf(b) ? invalid(f, fl) : f.inf(neg);
        }
        if (f.isInf(b)) {
            return f.zero(neg);
        }
        if (f.isZero(b)) {
            if (f.isZero(a)) {
                return invalid(f, fl);
            }
            fl.bits |= FpFlags.DZ;
            return f.inf(neg);
        }
        if (f.isZero(a)) {
            return f.zero(neg);
        }
        long sa = f.sig(a);
        long sb = f.sig(b);
        int ea = f.lsbExp(a);
        int eb = f.lsbExp(b);
        // Normalise both to p significant bits so the quotient lies in (1/2, 2).
        int shA = Long.numberOfLeadingZeros(sa) - (64 - f.precision);
        int shB = Long.numberOfLeadingZeros(sb) - (64 - f.precision);
        sa <<= shA;
        ea -= shA;
        sb <<= shB;
        eb -= shB;
        // Restoring division, one quotient bit per step: q = floor(sa/sb * 2^63).
        long rem = sa;
        long q = 0;
        for (int i = 0; i < 64; i++) {
            q <<= 1;
            if (rem >= sb) {
                rem -= sb;
                q |= 1;
            }
            rem <<= 1; // rem < 2*sb < 2^54: no overflow
        }
        if (rem != 0) {
            q |= 1; // q has at least 63 significant bits, so bit 0 is far below the guard bit
        }
        return Rounder.roundPack(f, neg, ea - eb - 63, q, rm, fl);
    }

    public static long sqrt(FpFormat f, long a, int rm, FpFlags fl) {
        if (f.isNaN(a)) {
            return nanResult(f, a, a, fl);
        }
        if (f.isZero(a)) {
            return a; // sqrt(-0) = -0
        }
        if (f.isNegative(a)) {
            return invalid(f, fl);
        }
        if (f.isInf(a)) {
            return a;
        }
        long s = f.sig(a);
        int e = f.lsbExp(a);
        if ((e & 1) != 0) {
            s <<= 1;
            e -= 1;
        }
        // Digit-by-digit square root of s * 2^(2k), giving ROOT_BITS root bits; the input's
        // 2-bit groups come from s first, then zeros.
        final int rootBits = 58; // >= p + 2 for binary64; keeps rem < 2^61
        int pairs = (64 - Long.numberOfLeadingZeros(s) + 1) / 2;
        int k = rootBits - pairs;
        long root = 0;
        long rem = 0;
        for (int i = 0; i < rootBits; i++) {
            int pair = pairs - 1 - i;
            long next = pair >= 0 ? (s >>> (2 * pair)) & 3 : 0;
            rem = (rem << 2) | next;
            long trial = (root << 2) | 1;
            root <<= 1;
            if (rem >= trial) {
                rem -= trial;
                root |= 1;
            }
        }
        if (rem != 0) {
            root |= 1; // root has >= 57 bits: bit 0 is a sticky position
        }
        return Rounder.roundPack(f, false, e / 2 - k, root, rm, fl);
    }

    /**
     * Fused a*b + c with a single rounding. The RISC-V spec requires NV for inf*0 even when c is
     * a quiet NaN.
     */
    public static long fma(FpFormat f, long a, long b, long c, int rm, FpFlags fl) {
        boolean invalidProduct = (f.isInf(a) && f.isZero(b)) || (f.isZero(a) && f.isInf(b));
        if (f.isSignalingNaN(a) || f.isSignalingNaN(b) || f.isSignalingNaN(c) || invalidProduct) {
            fl.bits |= FpFlags.NV;
            return f.canonicalNaN;
        }
        if (f.isNaN(a) || f.isNaN(b) || f.isNaN(c)) {
            return f.canonicalNaN;
        }
        boolean np = f.isNegative(a) != f.isNegative(b);
        boolean nc = f.isNegative(c);
        if (f.isInf(a) || f.isInf(b)) {
            if (f.isInf(c) && nc != np) {
                return invalid(f, fl);
            }
            return f.inf(np);
        }
        if (f.isInf(c)) {
            return c;
        }
        if (f.isZero(a) || f.isZero(b)) {
            if (f.isZero(c)) {
                return np == nc ? c : exactZeroSum(f, rm);
            }
            return c;
        }
        if (f.isZero(c)) {
            return mul(f, a, b, rm, fl); // exact product + 0 cannot be zero: the sign is the product's
        }
        // 128-bit frame (hi:lo). Product and addend are each left-aligned with the top bit at 125,
        // then the one with the smaller exponent is shifted right with sticky.
        long sa = f.sig(a);
        long sb = f.sig(b);
        long pHi = Math.multiplyHigh(sa, sb);
        long pLo = sa * sb;
        int pExp = f.lsbExp(a) + f.lsbExp(b);
        int pLz = pHi != 0 ? Long.numberOfLeadingZeros(pHi) : 64 + Long.numberOfLeadingZeros(pLo);
        int sh = pLz - 2;
        if (sh >= 64) {
            pHi = pLo << (sh - 64);
            pLo = 0;
        } else if (sh > 0) {
            pHi = (pHi << sh) | (pLo >>> (64 - sh));
            pLo <<= sh;
        }
        pExp -= sh;
        long sc = f.sig(c);
        int cExp = f.lsbExp(c);
        int cSh = 64 + Long.numberOfLeadingZeros(sc) - 2; // always >= 64 (sc < 2^53)
        long cHi = sc << (cSh - 64);
        long cLo = 0;
        cExp -= cSh;
        // Shift the smaller-exponent operand right; name the larger one x and the other y.
        long xHi, xLo, yHi, yLo;
        int exp;
        boolean nx, ny;
        if (pExp >= cExp) {
            xHi = pHi; xLo = pLo; nx = np;
            yHi = cHi; yLo = cLo; ny = nc;
            exp = pExp;
        } else {
            xHi = cHi; xLo = cLo; nx = nc;
            yHi = pHi; yLo = pLo; ny = np;
            exp = cExp;
        }
        int d = Math.abs(pExp - cExp);
        if (d >= 128) {
            yLo = (yHi | yLo) != 0 ? 1 : 0;
            yHi = 0;
        } else if (d >= 64) {
            boolean sticky = yLo != 0 || (d > 64 && (yHi << (128 - d)) != 0);
            yLo = (yHi >>> (d - 64)) | (sticky ? 1 : 0);
            yHi = 0;
        } else if (d > 0) {
            boolean sticky = (yLo << (64 - d)) != 0;
            yLo = (yLo >>> d) | (yHi << (64 - d)) | (sticky ? 1 : 0);
            yHi >>>= d;
        }
        long rHi, rLo;
        boolean neg = nx;
        if (nx == ny) {
            rLo = xLo + yLo;
            rHi = xHi + yHi + (Long.compareUnsigned(rLo, xLo) < 0 ? 1 : 0);
        } else {
            rLo = xLo - yLo;
            rHi = xHi - yHi - (Long.compareUnsigned(xLo, yLo) < 0 ? 1 : 0);
            if (rHi < 0) { // |y| > |x|: negate the 128-bit difference
                rLo = -rLo;
                rHi = ~rHi + (rLo == 0 ? 1 : 0);
                neg = ny;
            } else if (rHi == 0 && rLo == 0) {
                return exactZeroSum(f, rm);
            }
        }
        return Rounder.roundPack(f, neg, exp + compressShift(rHi), compress(rHi, rLo), rm, fl);
    }

    /** x >> n, with a 1 ORed into bit 0 if any nonzero bit was shifted out. */
    static long shiftRightSticky(long x, int n) {
        if (n == 0) {
            return x;
        }
        if (n >= 64) {
            return x != 0 ? 1 : 0;
        }
        return (x >>> n) | ((x << (64 - n)) != 0 ? 1 : 0);
    }

    /** How far {@link #compress} shifts hi:lo right (the bit count of hi). */
    static int compressShift(long hi) {
        return 64 - Long.numberOfLeadingZeros(hi);
    }

    /**
     * The unsigned 128-bit hi:lo reduced to 64 bits: shifted right by {@link #compressShift}
     * with sticky. When hi is nonzero the result has 64 significant bits.
     */
    static long compress(long hi, long lo) {
        int n = compressShift(hi);
        if (n == 0) {
            return lo;
        }
        if (n == 64) {
            return hi | (lo != 0 ? 1 : 0);
        }
        return (hi << (64 - n)) | (lo >>> n) | ((lo << (64 - n)) != 0 ? 1 : 0);
    }
}
