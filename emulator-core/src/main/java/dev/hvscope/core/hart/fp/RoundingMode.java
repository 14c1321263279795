package dev.hvscope.core.hart.fp;

/**
 * The five IEEE-754 rounding modes as RISC-V encodes them in the rm field and in frm. Plain int
 * constants (not an enum) because the executor passes the resolved field straight through.
 */
public final class RoundingMode {
    /** Round to nearest, ties to even. */
    public static final int RNE = 0;
    /** Round towards zero. */
    public static final int RTZ = 1;
    /** Round down (towards negative infinity). */
    public static final int RDN = 2;
    /** Round up (towards positive infinity). */
    public static final int RUP = 3;
    /** Round to nearest, ties to max magnitude. */
    public static final int RMM = 4;

    private RoundingMode() {
    }

    /** Mnemonic as the assembler writes it (rne, rtz, rdn, rup, rmm). */
    public static String name(int rm) {
        switch (rm) {
            case RNE: return "rne";
            case RTZ: return "rtz";
            case RDN: return "rdn";
            case RUP: return "rup";
            case RMM: return "rmm";
            default: return "rm" + rm;
        }
    }
}
