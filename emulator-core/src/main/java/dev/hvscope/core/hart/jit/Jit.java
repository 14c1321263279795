package dev.hvscope.core.hart.jit;

/**
 * Switches for the block translator. Defaults come from the system properties {@code hvscope.jit}
 * (true/false) and {@code hvscope.jit.threshold} (interpreted executions of a block head before it
 * is translated); tests change them to run both engines.
 */
public final class Jit {
    private static volatile boolean enabled = !"false".equals(System.getProperty("hvscope.jit"));
    private static volatile int threshold = Integer.getInteger("hvscope.jit.threshold", 2000);

    private Jit() {
    }

    public static boolean isEnabled() {
        return enabled;
    }

    public static void setEnabled(boolean on) {
        enabled = on;
    }

    public static int threshold() {
        return threshold;
    }

    /** 0 translates a block the first time its head is reached. */
    public static void setThreshold(int executions) {
        if (executions < 0) {
            throw new IllegalArgumentException("threshold " + executions);
        }
        threshold = executions;
    }
}
