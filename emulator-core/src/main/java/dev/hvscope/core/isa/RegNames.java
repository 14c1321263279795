package dev.hvscope.core.isa;

/** ABI names of the integer and FP registers, as objdump and gdb print them ({@code s0}, not fp). */
public final class RegNames {
    private static final String[] X = {
        "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1", "a2", "a3", "a4", "a5",
        "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
    };
    private static final String[] F = {
        "ft0", "ft1", "ft2", "ft3", "ft4", "ft5", "ft6", "ft7", "fs0", "fs1", "fa0", "fa1", "fa2", "fa3",
        "fa4", "fa5", "fa6", "fa7", "fs2", "fs3", "fs4", "fs5", "fs6", "fs7", "fs8", "fs9", "fs10", "fs11",
        "ft8", "ft9", "ft10", "ft11",
    };

    private RegNames() {
    }

    /** ABI name of integer register x{@code i}. */
    public static String x(int i) {
        return X[i];
    }

    /** ABI name of FP register f{@code i}. */
    public static String f(int i) {
        return F[i];
    }
}
