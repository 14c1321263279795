package dev.hvscope.core.hart.fp;

/**
 * Accrued IEEE exception flags, laid out as RISC-V fflags. One instance per hart (or per test) is
 * passed to every operation, which ORs into {@link #bits}; nothing is allocated per operation.
 */
public final class FpFlags {
    /** Invalid operation. */
    public static final int NV = 16;
    /** Divide by zero. */
    public static final int DZ = 8;
    /** Overflow. */
    public static final int OF = 4;
    /** Underflow (tiny after rounding and inexact). */
    public static final int UF = 2;
    /** Inexact. */
    public static final int NX = 1;

    /** The accrued flags, fflags layout. */
    public int bits;

    public void raise(int flags) {
        bits |= flags;
    }

    /** Returns the accrued flags and clears them, for an executor that moves them into fcsr. */
    public int take() {
        int b = bits;
        bits = 0;
        return b;
    }

    public static String toString(int flags) {
        StringBuilder sb = new StringBuilder();
        if ((flags & NV) != 0) sb.append("NV ");
        if ((flags & DZ) != 0) sb.append("DZ ");
        if ((flags & OF) != 0) sb.append("OF ");
        if ((flags & UF) != 0) sb.append("UF ");
        if ((flags & NX) != 0) sb.append("NX ");
        return sb.length() == 0 ? "-" : sb.toString().trim();
    }

    @Override
    public String toString() {
        return toString(bits);
    }
}
