package dev.hvscope.core.hart;

/**
 * One RISC-V hart: architectural state plus the memory path. (Skeleton: the API below is the
 * contract the instruction groups use; bodies are filled in by the engine work.)
 */
public final class Hart {
    /** Integer registers; x[0] is kept zero by {@link #writeX}. */
    public final long[] x = new long[32];
    /** FP registers as raw bits; single-precision values are NaN-boxed (upper 32 bits all ones). */
    public final long[] f = new long[32];
    public long pc;
    /** Accrued FP exception flags (fcsr[4:0]): NV 16, DZ 8, OF 4, UF 2, NX 1. */
    int fflags;
    /** Dynamic rounding mode (fcsr[7:5]). */
    int frm;

    /** Raises illegal instruction unless FP is enabled (mstatus.FS != Off, and vsstatus.FS when V=1). */
    public void requireFp() {
    }

    /**
     * Resolves an instruction's rm field (7 = dynamic, from frm) to a rounding mode 0..4
     * (RNE, RTZ, RDN, RUP, RMM); raises illegal instruction for reserved values.
     */
    public int roundingMode(int rm) {
        return rm == 7 ? frm : rm;
    }

    /** ORs exception flags into fflags and marks the FP state dirty. */
    public void accrueFflags(int flags) {
        fflags |= flags;
    }

    public void writeX(int rd, long value) {
        if (rd != 0) {
            x[rd] = value;
        }
    }

    /** Writes an FP register (raw bits) and marks the FP state dirty. */
    public void writeF(int rd, long bits) {
        f[rd] = bits;
    }

    /** Loads 1, 2, 4 or 8 bytes at a virtual address, zero-extended; traps on faults. */
    public long load(long va, int size) {
        throw new UnsupportedOperationException();
    }

    /** Stores the low size bytes at a virtual address; traps on faults. */
    public void store(long va, int size, long value) {
        throw new UnsupportedOperationException();
    }

    /** Raises illegal instruction (mtval = the instruction word). Never returns normally. */
    public TrapException illegalInstruction() {
        throw new UnsupportedOperationException();
    }
}
