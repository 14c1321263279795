package dev.hvscope.core.hart.fp;

import static dev.hvscope.core.hart.fp.FpFormat.DOUBLE;
import static dev.hvscope.core.hart.fp.RoundingMode.RNE;

/**
 * binary64 operations on raw bits, as the D extension needs them. With RNE and comfortably
 * normal results, Java's own double arithmetic (IEEE round-to-nearest-even) gives the result and
 * an exact error term (TwoSum, or a residual computed with Math.fma) gives NX; anything else
 * (other rounding modes, NaN, infinities, overflow, results near the subnormal range) takes the
 * exact integer path in {@link FpArith}.
 */
public final class F64 {
    public static final long CANONICAL_NAN = 0x7ff8_0000_0000_0000L;

    /** Results at least this large are normal, not tiny, and have exact error terms. */
    private static final double FAST_MIN = 0x1p-960;

    private F64() {
    }

    private static boolean fastResult(double r) {
        double m = Math.abs(r);
        return m >= FAST_MIN && m <= Double.MAX_VALUE; // false for NaN
    }

    /** Operands whose exponents keep a quotient's or root's residual exactly representable. */
    private static boolean moderate(double v) {
        int e = Math.getExponent(v);
        return e >= -500 && e <= 500;
    }

    public static long add(long a, long b, int rm, FpFlags fl) {
        if (rm == RNE) {
            double x = Double.longBitsToDouble(a);
            double y = Double.longBitsToDouble(b);
            double s = x + y;
            if (fastResult(s)) {
                double bv = s - x; // TwoSum: err = (x + y) - s exactly
                double err = (x - (s - bv)) + (y - bv);
                if (err != 0) {
                    fl.bits |= FpFlags.NX;
                }
                return Double.doubleToRawLongBits(s);
            }
        }
        return FpArith.add(DOUBLE, a, b, rm, fl);
    }

    public static long sub(long a, long b, int rm, FpFlags fl) {
        return add(a, b ^ Long.MIN_VALUE, rm, fl);
    }

    public static long mul(long a, long b, int rm, FpFlags fl) {
        if (rm == RNE) {
            double x = Double.longBitsToDouble(a);
            double y = Double.longBitsToDouble(b);
            double p = x * y;
            if (fastResult(p)) {
                if (Math.fma(x, y, -p) != 0) {
                    fl.bits |= FpFlags.NX;
                }
                return Double.doubleToRawLongBits(p);
            }
        }
        return FpArith.mul(DOUBLE, a, b, rm, fl);
    }

    public static long div(long a, long b, int rm, FpFlags fl) {
        if (rm == RNE) {
            double x = Double.longBitsToDouble(a);
            double y = Double.longBitsToDouble(b);
            if (moderate(x) && moderate(y)) { // also excludes zero, subnormal, inf, NaN
                double q = x / y;
                if (Math.fma(-q, y, x) != 0) {
                    fl.bits |= FpFlags.NX;
                }
                return Double.doubleToRawLongBits(q);
            }
        }
        return FpArith.div(DOUBLE, a, b, rm, fl);
    }

    public static long sqrt(long a, int rm, FpFlags fl) {
        if (rm == RNE) {
            double x = Double.longBitsToDouble(a);
            if (x > 0 && moderate(x)) {
                double r = Math.sqrt(x);
                if (Math.fma(-r, r, x) != 0) {
                    fl.bits |= FpFlags.NX;
                }
                return Double.doubleToRawLongBits(r);
            }
        }
        return FpArith.sqrt(DOUBLE, a, rm, fl);
    }

    /** fmadd.d: a*b + c, rounded once. */
    public static long fma(long a, long b, long c, int rm, FpFlags fl) {
        return FpArith.fma(DOUBLE, a, b, c, rm, fl);
    }

    public static long min(long a, long b, FpFlags fl) {
        return FpCompare.min(DOUBLE, a, b, fl);
    }

    public static long max(long a, long b, FpFlags fl) {
        return FpCompare.max(DOUBLE, a, b, fl);
    }

    public static boolean eq(long a, long b, FpFlags fl) {
        return FpCompare.eq(DOUBLE, a, b, fl);
    }

    public static boolean lt(long a, long b, FpFlags fl) {
        return FpCompare.lt(DOUBLE, a, b, fl);
    }

    public static boolean le(long a, long b, FpFlags fl) {
        return FpCompare.le(DOUBLE, a, b, fl);
    }

    public static int classify(long a) {
        return FpCompare.classify(DOUBLE, a);
    }

    public static long sgnj(long a, long b) {
        return FpCompare.sgnj(DOUBLE, a, b);
    }

    public static long sgnjn(long a, long b) {
        return FpCompare.sgnjn(DOUBLE, a, b);
    }

    public static long sgnjx(long a, long b) {
        return FpCompare.sgnjx(DOUBLE, a, b);
    }

    /** fcvt.s.d. */
    public static int toF32(long a, int rm, FpFlags fl) {
        return (int) FpConvert.convert(DOUBLE, FpFormat.SINGLE, a, rm, fl);
    }

    /** fcvt.w.d (sign-extended). */
    public static long toInt32(long a, int rm, FpFlags fl) {
        return FpConvert.toInt32(DOUBLE, a, rm, fl);
    }

    /** fcvt.wu.d (32-bit result sign-extended). */
    public static long toUInt32(long a, int rm, FpFlags fl) {
        return FpConvert.toUInt32(DOUBLE, a, rm, fl);
    }

    public static long toInt64(long a, int rm, FpFlags fl) {
        return FpConvert.toInt64(DOUBLE, a, rm, fl);
    }

    public static long toUInt64(long a, int rm, FpFlags fl) {
        return FpConvert.toUInt64(DOUBLE, a, rm, fl);
    }

    /** fcvt.d.l (and fcvt.d.w with a sign-extended operand). */
    public static long fromInt64(long v, int rm, FpFlags fl) {
        return FpConvert.fromLong(DOUBLE, v, rm, fl);
    }

    /** fcvt.d.lu (and fcvt.d.wu with a zero-extended operand). */
    public static long fromUInt64(long v, int rm, FpFlags fl) {
        return FpConvert.fromUnsignedLong(DOUBLE, v, rm, fl);
    }
}
