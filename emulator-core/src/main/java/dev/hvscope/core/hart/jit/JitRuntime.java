package dev.hvscope.core.hart.jit;

/**
 * Out-of-line pieces of translated blocks: comparisons and the M extension with the spec's
 * results for division by zero and overflow (as RvM computes them). Tiny static methods, which
 * C2 inlines into the block.
 */
public final class JitRuntime {
    private JitRuntime() {
    }

    public static long slt(long a, long b) {
        return a < b ? 1 : 0;
    }

    public static long sltu(long a, long b) {
        return Long.compareUnsigned(a, b) < 0 ? 1 : 0;
    }

    public static long mulh(long a, long b) {
        return Math.multiplyHigh(a, b);
    }

    public static long mulhsu(long a, long b) {
        return Math.multiplyHigh(a, b) + (b < 0 ? a : 0);
    }

    public static long mulhu(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    public static long div(long a, long b) {
        return b == 0 ? -1L : (a == Long.MIN_VALUE && b == -1 ? a : a / b);
    }

    public static long divu(long a, long b) {
        return b == 0 ? -1L : Long.divideUnsigned(a, b);
    }

    public static long rem(long a, long b) {
        return b == 0 ? a : (a == Long.MIN_VALUE && b == -1 ? 0 : a % b);
    }

    public static long remu(long a, long b) {
        return b == 0 ? a : Long.remainderUnsigned(a, b);
    }

    public static long divw(long x, long y) {
        int a = (int) x;
        int b = (int) y;
        return b == 0 ? -1L : (a == Integer.MIN_VALUE && b == -1 ? a : a / b);
    }

    public static long divuw(long x, long y) {
        int b = (int) y;
        return b == 0 ? -1L : Integer.divideUnsigned((int) x, b);
    }

    public static long remw(long x, long y) {
        int a = (int) x;
        int b = (int) y;
        return b == 0 ? a : (a == Integer.MIN_VALUE && b == -1 ? 0 : a % b);
    }

    public static long remuw(long x, long y) {
        int a = (int) x;
        int b = (int) y;
        return b == 0 ? a : Integer.remainderUnsigned(a, b);
    }
}
