package dev.hvscope.core.hart.fp;

/**
 * Conversions between the two formats and to and from 32/64-bit integers (fcvt.*), with the
 * saturation rules of the unprivileged spec's "domains of float-to-integer conversions" table:
 * out of range (or infinite) clamps to the nearest limit with NV, NaN gives the largest
 * positive value with NV, and a valid but inexact result raises NX.
 */
public final class FpConvert {
    private FpConvert() {
    }

    /** fcvt.s.d / fcvt.d.s: round (or widen exactly) between formats; NaN becomes canonical. */
    public static long convert(FpFormat from, FpFormat to, long a, int rm, FpFlags fl) {
        if (from.isNaN(a)) {
            if (from.isSignalingNaN(a)) {
                fl.bits |= FpFlags.NV;
            }
            return to.canonicalNaN;
        }
        boolean neg = from.isNegative(a);
        if (from.isInf(a)) {
            return to.inf(neg);
        }
        if (from.isZero(a)) {
            return to.zero(neg);
        }
        return Rounder.roundPack(to, neg, from.lsbExp(a), from.sig(a), rm, fl);
    }

    /** Signed 64-bit integer to float. */
    public static long fromLong(FpFormat to, long v, int rm, FpFlags fl) {
        boolean neg = v < 0;
        return Rounder.roundPack(to, neg, 0, neg ? -v : v, rm, fl); // -MIN_VALUE is 2^63 unsigned
    }

    /** Unsigned 64-bit integer to float. */
    public static long fromUnsignedLong(FpFormat to, long v, int rm, FpFlags fl) {
        return Rounder.roundPack(to, false, 0, v, rm, fl);
    }

    /** fcvt.w.*: result sign-extended to 64 bits. */
    public static long toInt32(FpFormat f, long a, int rm, FpFlags fl) {
        return toInteger(f, a, rm, fl, Integer.MIN_VALUE, Integer.MAX_VALUE, false);
    }

    /** fcvt.wu.*: the 32-bit result is sign-extended to 64 bits, as RV64 writes it. */
    public static long toUInt32(FpFormat f, long a, int rm, FpFlags fl) {
        return (int) toInteger(f, a, rm, fl, 0, 0xffff_ffffL, true);
    }

    /** fcvt.l.*. */
    public static long toInt64(FpFormat f, long a, int rm, FpFlags fl) {
        return toInteger(f, a, rm, fl, Long.MIN_VALUE, Long.MAX_VALUE, false);
    }

    /** fcvt.lu.*: the unsigned result in a long's bits. */
    public static long toUInt64(FpFormat f, long a, int rm, FpFlags fl) {
        return toInteger(f, a, rm, fl, 0, -1L, true);
    }

    /**
     * Rounds to an integer and saturates into [min, max]; for unsigned targets min is 0 and max
     * is compared unsigned.
     */
    private static long toInteger(FpFormat f, long a, int rm, FpFlags fl, long min, long max,
            boolean unsigned) {
        if (f.isNaN(a)) {
            fl.bits |= FpFlags.NV;
            return max;
        }
        boolean neg = f.isNegative(a);
        if (f.isInf(a)) {
            fl.bits |= FpFlags.NV;
            return neg ? min : max;
        }
        if (f.isZero(a)) {
            return 0;
        }
        long sig = f.sig(a);
        int exp = f.lsbExp(a);
        int topBit = exp + 63 - Long.numberOfLeadingZeros(sig); // |a| in [2^topBit, 2^(topBit+1))
        if (topBit >= 64) {
            fl.bits |= FpFlags.NV;
            return neg ? min : max;
        }
        long mag;
        boolean inexact = false;
        if (exp >= 0) {
            mag = sig << exp; // exact: fits since topBit < 64
        } else {
            int shift = -exp;
            long kept;
            long rem;
            if (shift < 64) {
                kept = sig >>> shift;
                rem = sig << (64 - shift);
            } else {
                kept = 0;
                rem = 1; // |a| < 2^53 * 2^-64 < 1/2: nonzero, below one half
            }
            inexact = rem != 0;
            mag = kept + (Rounder.roundsUp(rm, neg, kept, rem) ? 1 : 0); // |a| < 2^53: no wrap
        }
        boolean inRange;
        if (unsigned) {
            inRange = neg ? mag == 0 : Long.compareUnsigned(mag, max) <= 0;
        } else {
            inRange = neg ? Long.compareUnsigned(mag, -min) <= 0 : Long.compareUnsigned(mag, max) <= 0;
        }
        if (!inRange) {
            fl.bits |= FpFlags.NV;
            return neg ? min : max;
        }
        if (inexact) {
            fl.bits |= FpFlags.NX;
        }
        return neg ? -mag : mag;
    }
}
