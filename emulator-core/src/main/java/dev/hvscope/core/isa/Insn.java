package dev.hvscope.core.isa;

/** Field extraction from a 32-bit instruction word (compressed ones already expanded). */
public final class Insn {
    private Insn() {
    }

    public static int rd(int insn) {
        return (insn >>> 7) & 31;
    }

    public static int rs1(int insn) {
        return (insn >>> 15) & 31;
    }

    public static int rs2(int insn) {
        return (insn >>> 20) & 31;
    }

    public static int rs3(int insn) {
        return insn >>> 27;
    }

    /** funct3, which is also the rounding-mode field of FP instructions. */
    public static int funct3(int insn) {
        return (insn >>> 12) & 7;
    }

    public static int csr(int insn) {
        return insn >>> 20;
    }

    public static long immI(int insn) {
        return insn >> 20;
    }

    public static long immS(int insn) {
        return ((insn >> 25) << 5) | ((insn >>> 7) & 31);
    }

    public static long immB(int insn) {
        return ((insn >> 31) << 12) | (((insn >>> 7) & 1) << 11) | (((insn >>> 25) & 0x3f) << 5)
                | (((insn >>> 8) & 0xf) << 1);
    }

    public static long immU(int insn) {
        return insn & 0xfffff000;
    }

    public static long immJ(int insn) {
        return ((insn >> 31) << 20) | (((insn >>> 12) & 0xff) << 12) | (((insn >>> 20) & 1) << 11)
                | (((insn >>> 21) & 0x3ff) << 1);
    }

    /** 6-bit shift amount of RV64 immediate shifts. */
    public static int shamt(int insn) {
        return (insn >>> 20) & 63;
    }

    /** True when the word came from a 16-bit instruction; see {@link #COMPRESSED_FLAG}. */
    public static boolean isCompressedMarker(int lengthAndFlags) {
        return (lengthAndFlags & COMPRESSED_FLAG) != 0;
    }

    /** Flag kept beside a cached instruction word when it was expanded from a 16-bit form. */
    public static final int COMPRESSED_FLAG = 1;
}
