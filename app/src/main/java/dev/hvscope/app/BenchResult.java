package dev.hvscope.app;

/** One emulator's best run of the benchmark: instructions retired over wall-clock seconds. */
record BenchResult(String emulator, long instructions, double seconds) {
    /** Millions of instructions per second; NaN when the time is not positive (noise). */
    double mips() {
        return seconds > 0 ? instructions / seconds / 1e6 : Double.NaN;
    }
}
