package dev.hvscope.core.hart.fp;

/**
 * The non-arithmetic operations: sign injection, minimumNumber/maximumNumber, comparisons and
 * classification, on raw bits of either format. None of them rounds.
 */
public final class FpCompare {
    /** fclass result bits (unprivileged spec, table "Format of result of FCLASS instruction"). */
    public static final int NEG_INF = 1, NEG_NORMAL = 1 << 1, NEG_SUBNORMAL = 1 << 2, NEG_ZERO = 1 << 3,
            POS_ZERO = 1 << 4, POS_SUBNORMAL = 1 << 5, POS_NORMAL = 1 << 6, POS_INF = 1 << 7,
            SIGNALING_NAN = 1 << 8, QUIET_NAN = 1 << 9;

    private FpCompare() {
    }

    public static long sgnj(FpFormat f, long a, long b) {
        return (a & ~f.signMask) | (b & f.signMask);
    }

    public static long sgnjn(FpFormat f, long a, long b) {
        return (a & ~f.signMask) | (~b & f.signMask);
    }

    public static long sgnjx(FpFormat f, long a, long b) {
        return a ^ (b & f.signMask);
    }

    /**
     * Numeric a < b for non-NaN operands, with -0 == +0: compares sign-magnitude encodings
     * without converting (so it works the same for both formats).
     */
    private static boolean less(FpFormat f, long a, long b) {
        boolean na = f.isNegative(a);
        boolean nb = f.isNegative(b);
        long ma = a & ~f.signMask;
        long mb = b & ~f.signMask;
        if (na != nb) {
            return na && (ma | mb) != 0;
        }
        return na ? ma > mb : ma < mb;
    }

    private static boolean equal(FpFormat f, long a, long b) {
        return a == b || ((a | b) & ~f.signMask) == 0;
    }

    /**
     * fmin (IEEE 754-2019 minimumNumber): a NaN operand is ignored, two NaNs give the canonical
     * NaN, -0 counts as less than +0, NV only for a signalling NaN.
     */
    public static long min(FpFormat f, long a, long b, FpFlags fl) {
        return minMax(f, a, b, fl, true);
    }

    /** fmax (IEEE 754-2019 maximumNumber), see {@link #min}. */
    public static long max(FpFormat f, long a, long b, FpFlags fl) {
        return minMax(f, a, b, fl, false);
    }

    private static long minMax(FpFormat f, long a, long b, FpFlags fl, boolean min) {
        boolean nanA = f.isNaN(a);
        boolean nanB = f.isNaN(b);
        if (nanA || nanB) {
            if (f.isSignalingNaN(a) || f.isSignalingNaN(b)) {
                fl.bits |= FpFlags.NV;
            }
            if (nanA && nanB) {
                return f.canonicalNaN;
            }
            return nanA ? b : a;
        }
        if (equal(f, a, b)) {
            // Only +-0 pairs differ here: min prefers the negative zero, max the positive one.
            return min ? a | b : a & b;
        }
        return less(f, a, b) == min ? a : b;
    }

    /** feq: a quiet comparison, NV only for a signalling NaN. */
    public static boolean eq(FpFormat f, long a, long b, FpFlags fl) {
        if (f.isNaN(a) || f.isNaN(b)) {
            if (f.isSignalingNaN(a) || f.isSignalingNaN(b)) {
                fl.bits |= FpFlags.NV;
            }
            return false;
        }
        return equal(f, a, b);
    }

    /** flt: a signalling comparison, NV for any NaN. */
    public static boolean lt(FpFormat f, long a, long b, FpFlags fl) {
        if (f.isNaN(a) || f.isNaN(b)) {
            fl.bits |= FpFlags.NV;
            return false;
        }
        return less(f, a, b);
    }

    /** fle: a signalling comparison, NV for any NaN. */
    public static boolean le(FpFormat f, long a, long b, FpFlags fl) {
        if (f.isNaN(a) || f.isNaN(b)) {
            fl.bits |= FpFlags.NV;
            return false;
        }
        return less(f, a, b) || equal(f, a, b);
    }

    /** fclass: a one-hot mask of the operand's class. */
    public static int classify(FpFormat f, long a) {
        boolean neg = f.isNegative(a);
        if (f.isNaN(a)) {
            return (a & f.quietBit) != 0 ? QUIET_NAN : SIGNALING_NAN;
        }
        if (f.isInf(a)) {
            return neg ? NEG_INF : POS_INF;
        }
        if (f.isZero(a)) {
            return neg ? NEG_ZERO : POS_ZERO;
        }
        if (f.expField(a) == 0) {
            return neg ? NEG_SUBNORMAL : POS_SUBNORMAL;
        }
        return neg ? NEG_NORMAL : POS_NORMAL;
    }
}
