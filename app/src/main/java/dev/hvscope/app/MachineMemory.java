package dev.hvscope.app;

import dev.hvscope.core.machine.MachineException;
import java.util.function.Supplier;

/**
 * The last resort for a memory size the JVM cannot give: building a machine that runs out of heap
 * is reported in one line (with what to do about it), not as an {@link OutOfMemoryError} trace.
 */
final class MachineMemory {
    private MachineMemory() {
    }

    /** Builds with {@code build}; an OutOfMemoryError on the way becomes a MachineException. */
    static <T> T orOneLine(long ramBytes, Supplier<T> build) {
        try {
            return build.get();
        } catch (OutOfMemoryError e) {
            throw new MachineException("not enough memory for " + (ramBytes >> 20) + " MiB of guest RAM (Java heap limit "
                    + (Runtime.getRuntime().maxMemory() >> 20) + " MiB; raise it with HVSCOPE_JAVA_OPTS=-Xmx...)");
        }
    }
}
