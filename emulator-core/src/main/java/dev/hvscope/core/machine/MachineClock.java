package dev.hvscope.core.machine;

import dev.hvscope.core.bus.VirtMemoryMap;
import java.util.function.LongSupplier;

/**
 * The board's 10 MHz time base (mtime, the time CSR): the host's monotonic clock, except while a
 * debugger holds the machine stopped — then it stands still, as QEMU's virtual clock does, so a
 * timer does not fire the moment the user continues from a long stop.
 */
final class MachineClock implements LongSupplier {
    private static final long NANOS_PER_TICK = 1_000_000_000L / VirtMemoryMap.TIMEBASE_HZ;

    private final long start = System.nanoTime();
    /** Host time when the clock was paused, or -1 while it runs. */
    private volatile long pausedAt = -1;
    private volatile long pausedTotal;

    @Override
    public long getAsLong() {
        long at = pausedAt;
        long now = at >= 0 ? at : System.nanoTime();
        return (now - start - pausedTotal) / NANOS_PER_TICK;
    }

    synchronized void pause() {
        if (pausedAt < 0) {
            pausedAt = System.nanoTime();
        }
    }

    synchronized void resume() {
        if (pausedAt >= 0) {
            pausedTotal += System.nanoTime() - pausedAt;
            pausedAt = -1;
        }
    }
}
