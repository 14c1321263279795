package dev.hvscope.core.hart.fp;

import java.math.BigInteger;

/**
 * An independent, slow reference for IEEE-754 results in the tests: operands are decoded to exact
 * rationals with BigInteger, the exact result is formed, and rounding is done by BigInteger
 * division of a rational (no shared code with the library's Rounder or FpArith). Special values
 * follow the RISC-V spec text directly.
 */
final class RefFloat {
    /** Format parameters, restated here rather than taken from FpFormat. */
    static final class Fmt {
        final int p, expBits, bias, emin, emax, width;
        final long canonicalNaN;

        Fmt(int expBits, int p) {
            this.p = p;
            this.expBits = expBits;
            this.width = expBits + p;
            this.bias = (1 << (expBits - 1)) - 1;
            this.emin = 1 - bias;
            this.emax = bias;
            this.canonicalNaN = (((1L << expBits) - 1) << (p - 1)) | (1L << (p - 2));
        }

        long mask() {
            return width == 64 ? -1L : (1L << width) - 1;
        }

        long sign() {
            return 1L << (width - 1);
        }

        int expOf(long bits) {
            return (int) ((bits >>> (p - 1)) & ((1 << expBits) - 1));
        }

        long frac(long bits) {
            return bits & ((1L << (p - 1)) - 1);
        }

        boolean isNaN(long bits) {
            return expOf(bits) == (1 << expBits) - 1 && frac(bits) != 0;
        }

        boolean isSNaN(long bits) {
            return isNaN(bits) && ((bits >>> (p - 2)) & 1) == 0;
        }

        boolean isInf(long bits) {
            return expOf(bits) == (1 << expBits) - 1 && frac(bits) == 0;
        }

        boolean isZero(long bits) {
            return expOf(bits) == 0 && frac(bits) == 0;
        }

        boolean neg(long bits) {
            return ((bits >>> (width - 1)) & 1) != 0;
        }

        /** Integer significand M with value = M * 2^exp2(bits). */
        BigInteger mant(long bits) {
            long m = expOf(bits) == 0 ? frac(bits) : frac(bits) | (1L << (p - 1));
            return BigInteger.valueOf(m);
        }

        int exp2(long bits) {
            int e = expOf(bits);
            return (e == 0 ? 1 : e) - bias - (p - 1);
        }

        long inf(boolean neg) {
            return (neg ? sign() : 0) | (((1L << expBits) - 1) << (p - 1));
        }

        long zero(boolean neg) {
            return neg ? sign() : 0;
        }
    }

    static final Fmt S = new Fmt(8, 24);
    static final Fmt D = new Fmt(11, 53);

    /** A result: bits and fflags. */
    static final class R {
        final long bits;
        final int flags;

        R(long bits, int flags) {
            this.bits = bits;
            this.flags = flags;
        }
    }

    private RefFloat() {
    }

    /** Rounds a positive rational num/den (with sign neg) to the format. */
    static R round(Fmt f, boolean neg, BigInteger num, BigInteger den, int rm) {
        if (num.signum() == 0) {
            return new R(f.zero(neg), 0);
        }
        int e = num.bitLength() - den.bitLength();
        if (cmpPow2(num, den, e) < 0) {
            e--;
        }
        // e = floor(log2(num/den))
        int q = Math.max(e, f.emin) - (f.p - 1);
        BigInteger[] qr = scaleDiv(num, den, q);
        boolean inexact = qr[1].signum() != 0;
        BigInteger m = qr[0].add(inc(rm, neg, qr) ? BigInteger.ONE : BigInteger.ZERO);
        int flags = inexact ? FpFlags.NX : 0;
        // Overflow: rounded magnitude >= 2^(emax+1)
        if (m.bitLength() - 1 + q >= f.emax + 1) {
            boolean toInf = rm == 0 || rm == 4 || (rm == 2 && neg) || (rm == 3 && !neg);
            long maxFinite = f.inf(false) - 1;
            return new R(toInf ? f.inf(neg) : (neg ? f.sign() : 0) | maxFinite, FpFlags.OF | FpFlags.NX);
        }
        if (inexact && e < f.emin) {
            int qu = e - (f.p - 1);
            BigInteger[] u = scaleDiv(num, den, qu);
            BigInteger mu = u[0].add(inc(rm, neg, u) ? BigInteger.ONE : BigInteger.ZERO);
            if (mu.bitLength() - 1 + qu < f.emin) {
                flags |= FpFlags.UF;
            }
        }
        long bits;
        if (m.bitLength() < f.p) { // subnormal (q == emin - p + 1)
            bits = m.longValueExact();
        } else {
            if (m.bitLength() > f.p) { // carried to 2^p
                m = m.shiftRight(1);
                q++;
            }
            long biased = q + (f.p - 1) + f.bias;
            bits = (biased << (f.p - 1)) | (m.longValueExact() & ((1L << (f.p - 1)) - 1));
        }
        return new R((neg ? f.sign() : 0) | bits, flags);
    }

    /** compare num/den with 2^e. */
    private static int cmpPow2(BigInteger num, BigInteger den, int e) {
        return e >= 0 ? num.compareTo(den.shiftLeft(e)) : num.shiftLeft(-e).compareTo(den);
    }

    /** [floor(num/den * 2^-q), remainder, scaled denominator]. */
    private static BigInteger[] scaleDiv(BigInteger num, BigInteger den, int q) {
        BigInteger n = q < 0 ? num.shiftLeft(-q) : num;
        BigInteger d = q > 0 ? den.shiftLeft(q) : den;
        BigInteger[] qr = n.divideAndRemainder(d);
        return new BigInteger[] {qr[0], qr[1], d};
    }

    /** Whether rounding increments the truncated quotient, per mode (RISC-V rm encoding). */
    private static boolean inc(int rm, boolean neg, BigInteger[] qrd) {
        BigInteger quot = qrd[0];
        BigInteger rem = qrd[1];
        if (rem.signum() == 0) {
            return false;
        }
        int half = rem.shiftLeft(1).compareTo(qrd[2]);
        switch (rm) {
            case 0: return half > 0 || (half == 0 && quot.testBit(0));
            case 1: return false;
            case 2: return neg;
            case 3: return !neg;
            case 4: return half >= 0;
            default: throw new IllegalArgumentException("rm " + rm);
        }
    }

    // ---- operations, special values first as the spec lists them ----

    private static R nan(Fmt f, boolean invalid) {
        return new R(f.canonicalNaN, invalid ? FpFlags.NV : 0);
    }

    /** Signed exact value as BigInteger at exponent e. */
    private static BigInteger signed(Fmt f, long bits) {
        BigInteger m = f.mant(bits);
        return f.neg(bits) ? m.negate() : m;
    }

    /** Rounds the signed exact value v * 2^e; an exact zero gets the sign given. */
    private static R roundSigned(Fmt f, BigInteger v, int e, int rm, boolean zeroNeg) {
        if (v.signum() == 0) {
            return new R(f.zero(zeroNeg), 0);
        }
        boolean neg = v.signum() < 0;
        BigInteger mag = v.abs();
        return e >= 0 ? round(f, neg, mag.shiftLeft(e), BigInteger.ONE, rm)
                : round(f, neg, mag, BigInteger.ONE.shiftLeft(-e), rm);
    }

    static R add(Fmt f, long a, long b, int rm) {
        if (f.isNaN(a) || f.isNaN(b)) {
            return nan(f, f.isSNaN(a) || f.isSNaN(b));
        }
        if (f.isInf(a) && f.isInf(b) && f.neg(a) != f.neg(b)) {
            return nan(f, true);
        }
        if (f.isInf(a)) {
            return new R(a, 0);
        }
        if (f.isInf(b)) {
            return new R(b, 0);
        }
        int e = Math.min(f.exp2(a), f.exp2(b));
        BigInteger sum = signed(f, a).shiftLeft(f.exp2(a) - e).add(signed(f, b).shiftLeft(f.exp2(b) - e));
        // IEEE 6.3: x + x keeps the sign of x for zeros; otherwise an exact zero is +0 (-0 in RDN)
        boolean zeroNeg = (f.isZero(a) && f.isZero(b) && f.neg(a) == f.neg(b)) ? f.neg(a) : rm == 2;
        return roundSigned(f, sum, e, rm, zeroNeg);
    }

    static R sub(Fmt f, long a, long b, int rm) {
        return add(f, a, b ^ f.sign(), rm);
    }

    static R mul(Fmt f, long a, long b, int rm) {
        if (f.isNaN(a) || f.isNaN(b)) {
            return nan(f, f.isSNaN(a) || f.isSNaN(b));
        }
        boolean neg = f.neg(a) != f.neg(b);
        if ((f.isInf(a) && f.isZero(b)) || (f.isZero(a) && f.isInf(b))) {
            return nan(f, true);
        }
        if (f.isInf(a) || f.isInf(b)) {
            return new R(f.inf(neg), 0);
        }
        BigInteger prod = f.mant(a).multiply(f.mant(b));
        return roundSigned(f, neg ? prod.negate() : prod, f.exp2(a) + f.exp2(b), rm, neg);
    }

    static R div(Fmt f, long a, long b, int rm) {
        if (f.isNaN(a) || f.isNaN(b)) {
            return nan(f, f.isSNaN(a) || f.isSNaN(b));
        }
        boolean neg = f.neg(a) != f.neg(b);
        if ((f.isInf(a) && f.isInf(b)) || (f.isZero(a) && f.isZero(b))) {
            return nan(f, true);
        }
        if (f.isInf(a)) {
            return new R(f.inf(neg), 0);
        }
        if (f.isInf(b) || f.isZero(a)) {
            return new R(f.zero(neg), 0);
        }
        if (f.isZero(b)) {
            return new R(f.inf(neg), FpFlags.DZ);
        }
        BigInteger num = f.mant(a);
        BigInteger den = f.mant(b);
        int e = f.exp2(a) - f.exp2(b);
        if (e >= 0) {
            num = num.shiftLeft(e);
        } else {
            den = den.shiftLeft(-e);
        }
        return round(f, neg, num, den, rm);
    }

    static R sqrt(Fmt f, long a, int rm) {
        if (f.isNaN(a)) {
            return nan(f, f.isSNaN(a));
        }
        if (f.isZero(a)) {
            return new R(a, 0);
        }
        if (f.neg(a)) {
            return nan(f, true);
        }
        if (f.isInf(a)) {
            return new R(a, 0);
        }
        BigInteger m = f.mant(a);
        int e = f.exp2(a);
        if ((e & 1) != 0) {
            m = m.shiftLeft(1);
            e--;
        }
        int k = 120; // root with > 100 bits: a "+1/2" stands in for any irrational tail
        BigInteger scaled = m.shiftLeft(2 * k);
        BigInteger root = scaled.sqrt();
        BigInteger num;
        int exp = e / 2 - k;
        if (root.multiply(root).equals(scaled)) {
            num = root;
        } else {
            num = root.shiftLeft(1).add(BigInteger.ONE);
            exp--;
        }
        return roundSigned(f, num, exp, rm, false);
    }

    static R fma(Fmt f, long a, long b, long c, int rm) {
        boolean invalidProduct = (f.isInf(a) && f.isZero(b)) || (f.isZero(a) && f.isInf(b));
        if (f.isNaN(a) || f.isNaN(b) || f.isNaN(c) || invalidProduct) {
            return nan(f, f.isSNaN(a) || f.isSNaN(b) || f.isSNaN(c) || invalidProduct);
        }
        boolean np = f.neg(a) != f.neg(b);
        if (f.isInf(a) || f.isInf(b)) {
            if (f.isInf(c) && f.neg(c) != np) {
                return nan(f, true);
            }
            return new R(f.inf(np), 0);
        }
        if (f.isInf(c)) {
            return new R(c, 0);
        }
        BigInteger prod = f.mant(a).multiply(f.mant(b));
        if (np) {
            prod = prod.negate();
        }
        int ep = f.exp2(a) + f.exp2(b);
        int ec = f.exp2(c);
        int e = Math.min(ep, ec);
        BigInteger sum = prod.shiftLeft(ep - e).add(signed(f, c).shiftLeft(ec - e));
        boolean bothZero = prod.signum() == 0 && f.isZero(c);
        boolean zeroNeg = bothZero && np == f.neg(c) ? np : rm == 2;
        return roundSigned(f, sum, e, rm, zeroNeg);
    }

    static R convert(Fmt from, Fmt to, long a, int rm) {
        if (from.isNaN(a)) {
            return nan(to, from.isSNaN(a));
        }
        if (from.isInf(a)) {
            return new R(to.inf(from.neg(a)), 0);
        }
        BigInteger v = signed(from, a);
        return roundSigned(to, v, from.exp2(a), rm, from.neg(a));
    }

    static R fromInteger(Fmt to, BigInteger v, int rm) {
        return roundSigned(to, v, 0, rm, false);
    }

    /** Float to integer in [min, max] via BigDecimal rounding (an independent rounding path). */
    static R toInteger(Fmt f, long a, int rm, BigInteger min, BigInteger max) {
        if (f.isNaN(a)) {
            return new R(max.longValue(), FpFlags.NV);
        }
        if (f.isInf(a)) {
            return new R((f.neg(a) ? min : max).longValue(), FpFlags.NV);
        }
        int e = f.exp2(a);
        java.math.BigDecimal exact = e >= 0 ? new java.math.BigDecimal(signed(f, a).shiftLeft(e))
                : new java.math.BigDecimal(signed(f, a)).divide(java.math.BigDecimal.valueOf(2).pow(-e));
        java.math.RoundingMode mode;
        switch (rm) {
            case 0: mode = java.math.RoundingMode.HALF_EVEN; break;
            case 1: mode = java.math.RoundingMode.DOWN; break;
            case 2: mode = java.math.RoundingMode.FLOOR; break;
            case 3: mode = java.math.RoundingMode.CEILING; break;
            default: mode = java.math.RoundingMode.HALF_UP; break;
        }
        java.math.BigDecimal rounded = exact.setScale(0, mode);
        BigInteger r = rounded.toBigIntegerExact();
        if (r.compareTo(min) < 0) {
            return new R(min.longValue(), FpFlags.NV);
        }
        if (r.compareTo(max) > 0) {
            return new R(max.longValue(), FpFlags.NV);
        }
        return new R(r.longValue(), rounded.compareTo(exact) != 0 ? FpFlags.NX : 0);
    }
}
