package dev.hvscope.core.hart.fp;

/**
 * Parameters of a binary interchange format (binary32 or binary64) and field access on its raw
 * bits, held in the low bits of a long. The generic algorithms in this package take one of the
 * two instances and so exist once for both precisions.
 */
public final class FpFormat {
    public static final FpFormat SINGLE = new FpFormat(8, 24);
    public static final FpFormat DOUBLE = new FpFormat(11, 53);

    /** Significand precision p, hidden bit included. */
    public final int precision;
    public final int bias;
    /** Exponent of the smallest normal number (1 - bias). */
    public final int emin;
    /** Exponent of the largest finite number (bias). */
    public final int emax;
    public final long signMask;
    public final long fracMask;
    public final long hiddenBit;
    /** Bit pattern of +infinity; also the exponent-field mask. */
    public final long infBits;
    public final long maxFinite;
    public final long quietBit;
    /** The canonical NaN RISC-V produces: positive, quiet, zero payload. */
    public final long canonicalNaN;
    public final int width;

    private FpFormat(int expBits, int precision) {
        this.precision = precision;
        this.width = expBits + precision;
        this.bias = (1 << (expBits - 1)) - 1;
        this.emin = 1 - bias;
        this.emax = bias;
        this.signMask = 1L << (width - 1);
        this.fracMask = (1L << (precision - 1)) - 1;
        this.hiddenBit = 1L << (precision - 1);
        this.infBits = ((1L << expBits) - 1) << (precision - 1);
        this.maxFinite = infBits - 1;
        this.quietBit = 1L << (precision - 2);
        this.canonicalNaN = infBits | quietBit;
    }

    public boolean isNaN(long bits) {
        return (bits & ~signMask) > infBits;
    }

    public boolean isSignalingNaN(long bits) {
        return isNaN(bits) && (bits & quietBit) == 0;
    }

    public boolean isInf(long bits) {
        return (bits & ~signMask) == infBits;
    }

    public boolean isZero(long bits) {
        return (bits & ~signMask) == 0;
    }

    public boolean isNegative(long bits) {
        return (bits & signMask) != 0;
    }

    /** Raw exponent field. */
    public int expField(long bits) {
        return (int) ((bits & infBits) >>> (precision - 1));
    }

    /** Integer significand of a finite value (hidden bit included for normals). */
    public long sig(long bits) {
        long frac = bits & fracMask;
        return (bits & infBits) == 0 ? frac : frac | hiddenBit;
    }

    /** Exponent of the significand's least significant bit: value = sig(bits) * 2^lsbExp(bits). */
    public int lsbExp(long bits) {
        int e = expField(bits);
        return (e == 0 ? emin : e - bias) - (precision - 1);
    }

    /** The value with its sign bit set to {@code negative}. */
    public long withSign(long magnitudeBits, boolean negative) {
        return negative ? magnitudeBits | signMask : magnitudeBits & ~signMask;
    }

    public long zero(boolean negative) {
        return negative ? signMask : 0;
    }

    public long inf(boolean negative) {
        return negative ? infBits | signMask : infBits;
    }
}
