package dev.hvscope.core.device;

import dev.hvscope.core.bus.BusFault;
import dev.hvscope.core.bus.MmioDevice;
import dev.hvscope.core.bus.VirtMemoryMap;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * The virt board's CLINT: an ACLINT MSWI (msip per hart at +0) and MTIMER (mtimecmp per hart at
 * +0x4000, mtime at +0xBFF8) in the SiFive CLINT layout, counting at 10 MHz.
 *
 * <p>Time comes from a tick source supplied by the machine (host clock or a deterministic one);
 * mtime is that source plus a delta, so a guest write of mtime (QEMU allows it) only moves the
 * delta. As in QEMU 7.2, mtimecmp resets to 0, so MTIP is pending until software programs it.
 * Accesses are 4 or 8 bytes wide (msip: 4), as QEMU's ACLINT accepts.
 */
public final class Clint implements MmioDevice {
    public static final long MSIP_OFFSET = 0x0;
    public static final long MTIMECMP_OFFSET = 0x4000;
    public static final long MTIME_OFFSET = 0xBFF8;

    private final int harts;
    private final LongSupplier ticks;
    private final HartInterrupts interrupts;
    private final boolean[] msip;
    private final long[] mtimecmp;
    private long timeDelta;

    /**
     * @param harts      number of harts (hart ids 0..harts-1)
     * @param ticks      monotonic 10 MHz tick source; see {@link #hostClock()}
     * @param interrupts where MSIP and MTIP go
     */
    public Clint(int harts, LongSupplier ticks, HartInterrupts interrupts) {
        if (harts < 1 || harts > 4095) {
            throw new IllegalArgumentException("CLINT supports 1..4095 harts: " + harts);
        }
        this.harts = harts;
        this.ticks = ticks;
        this.interrupts = interrupts;
        this.msip = new boolean[harts];
        this.mtimecmp = new long[harts];
    }

    /** A 10 MHz tick source from the host's monotonic clock, starting at 0 now. */
    public static LongSupplier hostClock() {
        long start = System.nanoTime();
        return () -> (System.nanoTime() - start) / (1_000_000_000L / VirtMemoryMap.TIMEBASE_HZ);
    }

    /** Machine reset: msip cleared, mtimecmp 0, mtime 0 (ACLINT spec and QEMU); raises MTIP again. */
    public void reset() {
        Arrays.fill(msip, false);
        Arrays.fill(mtimecmp, 0);
        timeDelta = -ticks.getAsLong();
        for (int h = 0; h < harts; h++) {
            interrupts.setPending(h, HartInterrupts.MSIP, false);
        }
        update();
    }

    public long mtime() {
        return ticks.getAsLong() + timeDelta;
    }

    public long mtimecmp(int hart) {
        return mtimecmp[hart];
    }

    public boolean msip(int hart) {
        return msip[hart];
    }

    /** Re-evaluates MTIP of every hart against the current mtime; the machine calls it per batch. */
    public void update() {
        long now = mtime();
        for (int h = 0; h < harts; h++) {
            interrupts.setPending(h, HartInterrupts.MTIP, Long.compareUnsigned(now, mtimecmp[h]) >= 0);
        }
    }

    /**
     * The tick-source value at which the earliest mtimecmp not yet reached will be reached, or
     * {@link Long#MAX_VALUE} when every hart's timer has already fired (or none is armed). An idle
     * machine sleeps until then.
     */
    public long nextDeadlineTicks() {
        long now = mtime();
        long best = Long.MAX_VALUE;
        for (int h = 0; h < harts; h++) {
            long cmp = mtimecmp[h];
            if (Long.compareUnsigned(cmp, now) > 0 && cmp != -1L) {
                long atTicks = cmp - timeDelta;
                if (atTicks < best) {
                    best = atTicks;
                }
            }
        }
        return best;
    }

    @Override
    public long size() {
        return VirtMemoryMap.CLINT_SIZE;
    }

    @Override
    public long read(long offset, int size) {
        if (offset < MTIMECMP_OFFSET) {
            int hart = msipHart(offset, size);
            return hart < 0 ? 0 : (msip[hart] ? 1 : 0);
        }
        checkTimerSize(offset, size);
        if (offset >= MTIME_OFFSET) {
            return slice(mtime(), offset - MTIME_OFFSET, size);
        }
        int hart = (int) ((offset - MTIMECMP_OFFSET) >>> 3);
        if (hart >= harts) {
            return 0;
        }
        return slice(mtimecmp[hart], (offset - MTIMECMP_OFFSET) & 7, size);
    }

    @Override
    public void write(long offset, int size, long value) {
        if (offset < MTIMECMP_OFFSET) {
            int hart = msipHart(offset, size);
            if (hart >= 0) {
                msip[hart] = (value & 1) != 0;
                interrupts.setPending(hart, HartInterrupts.MSIP, msip[hart]);
            }
            return;
        }
        checkTimerSize(offset, size);
        if (offset >= MTIME_OFFSET) {
            long mtime = merge(mtime(), offset - MTIME_OFFSET, size, value);
            timeDelta = mtime - ticks.getAsLong();
            update();
            return;
        }
        int hart = (int) ((offset - MTIMECMP_OFFSET) >>> 3);
        if (hart >= harts) {
            return;
        }
        mtimecmp[hart] = merge(mtimecmp[hart], (offset - MTIMECMP_OFFSET) & 7, size, value);
        interrupts.setPending(hart, HartInterrupts.MTIP, Long.compareUnsigned(mtime(), mtimecmp[hart]) >= 0);
    }

    /** The hart an msip access addresses, -1 for an unimplemented hart; only aligned words. */
    private int msipHart(long offset, int size) {
        if (size != 4 || (offset & 3) != 0) {
            throw BusFault.INSTANCE;
        }
        int hart = (int) (offset >>> 2);
        return hart < harts ? hart : -1;
    }

    private static void checkTimerSize(long offset, int size) {
        if ((size != 4 && size != 8) || (offset & (size - 1)) != 0) {
            throw BusFault.INSTANCE;
        }
    }

    /** The 4 or 8 bytes of a 64-bit register at byte {@code at} (0 or 4). */
    private static long slice(long reg, long at, int size) {
        return size == 8 ? reg : (reg >>> (8 * at)) & 0xffff_ffffL;
    }

    private static long merge(long reg, long at, int size, long value) {
        if (size == 8) {
            return value;
        }
        long shift = 8 * at;
        long mask = 0xffff_ffffL << shift;
        return (reg & ~mask) | ((value & 0xffff_ffffL) << shift);
    }

    @Override
    public String name() {
        return "clint";
    }
}
