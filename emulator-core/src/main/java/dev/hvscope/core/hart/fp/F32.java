package dev.hvscope.core.hart.fp;

import static dev.hvscope.core.hart.fp.FpFormat.SINGLE;
import static dev.hvscope.core.hart.fp.RoundingMode.RNE;

/**
 * binary32 operations on raw bits (an int), as the F extension needs them. The RNE fast paths
 * compute in double: a binary32 product is exact in binary64, a sum is used only when TwoSum
 * shows it exact, and quotients and roots rounded first to binary64 then to binary32 are still
 * correctly rounded because 53 >= 2*24 + 2. NX comes from exact residuals. Everything else goes
 * through {@link FpArith}.
 */
public final class F32 {
    public static final int CANONICAL_NAN = 0x7fc0_0000;

    private static final float FAST_MIN = 0x1p-120f;

    private F32() {
    }

    private static long u(int bits) {
        return bits & 0xffff_ffffL;
    }

    private static boolean fastResult(float r) {
        float m = Math.abs(r);
        return m >= FAST_MIN && m <= Float.MAX_VALUE; // false for NaN
    }

    public static int add(int a, int b, int rm, FpFlags fl) {
        if (rm == RNE) {
            double x = Float.intBitsToFloat(a);
            double y = Float.intBitsToFloat(b);
            double s = x + y;
            double bv = s - x;
            double err = (x - (s - bv)) + (y - bv);
            float r = (float) s;
            if (err == 0 && fastResult(r)) {
                if (r != s) {
                    fl.bits |= FpFlags.NX;
                }
                return Float.floatToRawIntBits(r);
            }
        }
        return (int) FpArith.add(SINGLE, u(a), u(b), rm, fl);
    }

    public static int sub(int a, int b, int rm, FpFlags fl) {
        return add(a, b ^ Integer.MIN_VALUE, rm, fl);
    }

    public static int mul(int a, int b, int rm, FpFlags fl) {
        if (rm == RNE) {
            double p = (double) Float.intBitsToFloat(a) * Float.intBitsToFloat(b); // exact
            float r = (float) p;
            if (fastResult(r)) {
                if (r != p) {
                    fl.bits |= FpFlags.NX;
                }
                return Float.floatToRawIntBits(r);
            }
        }
        return (int) FpArith.mul(SINGLE, u(a), u(b), rm, fl);
    }

    public static int div(int a, int b, int rm, FpFlags fl) {
        if (rm == RNE) {
            double x = Float.intBitsToFloat(a);
            double y = Float.intBitsToFloat(b);
            float r = (float) (x / y);
            if (fastResult(r) && y != 0 && !Double.isInfinite(y)) {
                if (Math.fma(-(double) r, y, x) != 0) { // r*y has 48 bits: the residual is exact
                    fl.bits |= FpFlags.NX;
                }
                return Float.floatToRawIntBits(r);
            }
        }
        return (int) FpArith.div(SINGLE, u(a), u(b), rm, fl);
    }

    public static int sqrt(int a, int rm, FpFlags fl) {
        if (rm == RNE) {
            double x = Float.intBitsToFloat(a);
            float r = (float) Math.sqrt(x);
            if (fastResult(r)) {
                if (Math.fma(-(double) r, r, x) != 0) {
                    fl.bits |= FpFlags.NX;
                }
                return Float.floatToRawIntBits(r);
            }
        }
        return (int) FpArith.sqrt(SINGLE, u(a), rm, fl);
    }

    /** fmadd.s: a*b + c, rounded once. */
    public static int fma(int a, int b, int c, int rm, FpFlags fl) {
        return (int) FpArith.fma(SINGLE, u(a), u(b), u(c), rm, fl);
    }

    public static int min(int a, int b, FpFlags fl) {
        return (int) FpCompare.min(SINGLE, u(a), u(b), fl);
    }

    public static int max(int a, int b, FpFlags fl) {
        return (int) FpCompare.max(SINGLE, u(a), u(b), fl);
    }

    public static boolean eq(int a, int b, FpFlags fl) {
        return FpCompare.eq(SINGLE, u(a), u(b), fl);
    }

    public static boolean lt(int a, int b, FpFlags fl) {
        return FpCompare.lt(SINGLE, u(a), u(b), fl);
    }

    public static boolean le(int a, int b, FpFlags fl) {
        return FpCompare.le(SINGLE, u(a), u(b), fl);
    }

    public static int classify(int a) {
        return FpCompare.classify(SINGLE, u(a));
    }

    public static int sgnj(int a, int b) {
        return (int) FpCompare.sgnj(SINGLE, u(a), u(b));
    }

    public static int sgnjn(int a, int b) {
        return (int) FpCompare.sgnjn(SINGLE, u(a), u(b));
    }

    public static int sgnjx(int a, int b) {
        return (int) FpCompare.sgnjx(SINGLE, u(a), u(b));
    }

    /** fcvt.d.s: always exact. */
    public static long toF64(int a, FpFlags fl) {
        return FpConvert.convert(SINGLE, FpFormat.DOUBLE, u(a), RNE, fl);
    }

    /** fcvt.w.s (sign-extended). */
    public static long toInt32(int a, int rm, FpFlags fl) {
        return FpConvert.toInt32(SINGLE, u(a), rm, fl);
    }

    /** fcvt.wu.s (32-bit result sign-extended). */
    public static long toUInt32(int a, int rm, FpFlags fl) {
        return FpConvert.toUInt32(SINGLE, u(a), rm, fl);
    }

    public static long toInt64(int a, int rm, FpFlags fl) {
        return FpConvert.toInt64(SINGLE, u(a), rm, fl);
    }

    public static long toUInt64(int a, int rm, FpFlags fl) {
        return FpConvert.toUInt64(SINGLE, u(a), rm, fl);
    }

    /** fcvt.s.l (and fcvt.s.w with a sign-extended operand). */
    public static int fromInt64(long v, int rm, FpFlags fl) {
        return (int) FpConvert.fromLong(SINGLE, v, rm, fl);
    }

    /** fcvt.s.lu (and fcvt.s.wu with a zero-extended operand). */
    public static int fromUInt64(long v, int rm, FpFlags fl) {
        return (int) FpConvert.fromUnsignedLong(SINGLE, v, rm, fl);
    }
}
