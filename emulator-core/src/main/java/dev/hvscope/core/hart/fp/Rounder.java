package dev.hvscope.core.hart.fp;

import static dev.hvscope.core.hart.fp.RoundingMode.RDN;
import static dev.hvscope.core.hart.fp.RoundingMode.RMM;
import static dev.hvscope.core.hart.fp.RoundingMode.RNE;
import static dev.hvscope.core.hart.fp.RoundingMode.RUP;

/**
 * The one place where an exact (or sticky-exact) value becomes a representable one: rounding to
 * precision p, gradual underflow, overflow, and the NX/UF/OF flags.
 *
 * <p>Input is a magnitude {@code sig * 2^exp} with {@code sig} an unsigned 64-bit integer. It
 * may be the true value, or a truncation with a "sticky" 1 ORed into bit 0 standing for the
 * discarded nonzero tail; callers that do this keep at least p + 2 significant bits in sig so
 * the sticky bit lies below the rounding and guard positions.
 */
public final class Rounder {
    private static final long HALF = Long.MIN_VALUE; // 0.5 when the remainder is left-aligned

    private Rounder() {
    }

    /** Rounds +-sig*2^exp to {@code f}; sig == 0 gives a zero of the given sign. */
    public static long roundPack(FpFormat f, boolean negative, int exp, long sig, int rm, FpFlags fl) {
        if (sig == 0) {
            return f.zero(negative);
        }
        int lz = Long.numberOfLeadingZeros(sig);
        sig <<= lz;
        exp -= lz;
        int e = exp + 63; // value in [2^e, 2^(e+1))
        int p = f.precision;
        if (e > f.emax) {
            return overflow(f, negative, rm, fl);
        }
        boolean subnormal = e < f.emin;
        int shift = 64 - p + (subnormal ? f.emin - e : 0);
        long kept;
        long rem; // discarded bits, left-aligned so that HALF is exactly one half unit
        if (shift < 64) {
            kept = sig >>> shift;
            rem = sig << (64 - shift);
        } else if (shift == 64) {
            kept = 0;
            rem = sig;
        } else {
            kept = 0;
            rem = 1; // nonzero, below one half
        }
        if (rem == 0) {
            // Exact: no flags; a subnormal exact result is not an underflow (tiny but exact).
            long bits = subnormal ? kept : ((long) (e + f.bias - 1) << (p - 1)) + kept;
            return f.withSign(bits, negative);
        }
        if (subnormal && isTinyAfterRounding(f, negative, e, sig, rm)) {
            fl.bits |= FpFlags.UF;
        }
        fl.bits |= FpFlags.NX;
        if (roundsUp(rm, negative, kept, rem)) {
            kept++; // a carry out of the significand lands in the exponent field, as it should
        }
        long bits = subnormal ? kept : ((long) (e + f.bias - 1) << (p - 1)) + kept;
        if (bits >= f.infBits) {
            return overflow(f, negative, rm, fl);
        }
        return f.withSign(bits, negative);
    }

    /**
     * RISC-V detects tininess after rounding: the value is tiny when, rounded to p bits with an
     * unbounded exponent range, it is still below 2^emin.
     */
    private static boolean isTinyAfterRounding(FpFormat f, boolean negative, int e, long sig, int rm) {
        if (e < f.emin - 1) {
            return true;
        }
        int shift = 64 - f.precision;
        long kept = sig >>> shift;
        long rem = sig << (64 - shift);
        boolean carries = kept == (1L << f.precision) - 1 && roundsUp(rm, negative, kept, rem);
        return !carries;
    }

    /** Whether the kept magnitude goes up by one unit, given the left-aligned discarded bits. */
    static boolean roundsUp(int rm, boolean negative, long kept, long rem) {
        if (rem == 0) {
            return false;
        }
        switch (rm) {
            case RNE: {
                int c = Long.compareUnsigned(rem, HALF);
                return c > 0 || (c == 0 && (kept & 1) != 0);
            }
            case RDN:
                return negative;
            case RUP:
                return !negative;
            case RMM:
                return Long.compareUnsigned(rem, HALF) >= 0;
            default: // RTZ
                return false;
        }
    }

    /** The overflow result: infinity or the largest finite value, by direction (IEEE 7.4). */
    static long overflow(FpFormat f, boolean negative, int rm, FpFlags fl) {
        fl.bits |= FpFlags.OF | FpFlags.NX;
        boolean toInf = rm == RNE || rm == RMM || (rm == RDN && negative) || (rm == RUP && !negative);
        return f.withSign(toInf ? f.infBits : f.maxFinite, negative);
    }
}
