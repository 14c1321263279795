package dev.hvscope.core.hart.fp;

/**
 * NaN-boxing of single-precision values in 64-bit FP registers (unprivileged spec, "NaN Boxing of
 * Narrower Values"): a valid single has its upper 32 bits all ones; anything else reads as the
 * canonical NaN.
 */
public final class NanBox {
    private static final long BOX = 0xffff_ffff_0000_0000L;

    private NanBox() {
    }

    /** The single held in a register, or the canonical NaN when the register is not a valid box. */
    public static int unbox(long reg) {
        return (reg & BOX) == BOX ? (int) reg : F32.CANONICAL_NAN;
    }

    /** A register value holding the single {@code bits}. */
    public static long box(int bits) {
        return BOX | (bits & 0xffff_ffffL);
    }
}
