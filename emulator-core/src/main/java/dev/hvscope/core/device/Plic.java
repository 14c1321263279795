package dev.hvscope.core.device;

import dev.hvscope.core.bus.BusFault;
import dev.hvscope.core.bus.MmioDevice;
import dev.hvscope.core.bus.VirtMemoryMap;
import java.util.Arrays;

/**
 * The SiFive PLIC as on QEMU's virt board: sources 1..{@link #DEFAULT_SOURCES}, 3 priority bits,
 * two contexts per hart (2h = M-mode, drives MEIP; 2h+1 = S-mode, drives SEIP).
 *
 * <p>Layout: priority at 4*source, pending bits at 0x1000, enable bits per context at
 * 0x2000 + 0x80*ctx, threshold at 0x200000 + 0x1000*ctx and claim/complete 4 bytes above it.
 * Only 4-byte accesses are valid (as QEMU).
 *
 * <p>Sources are level-triggered through a gateway: a high level makes the source pending unless
 * it is claimed; a claim clears pending and marks it claimed; a completion of an enabled source
 * ends the claim and, if the level is still high, makes it pending again.
 */
public final class Plic implements MmioDevice {
    /**
     * Sources QEMU 7.2's virt PLIC implements (ids 1..95: enable bits of 96 and above read as 0,
     * checked from a guest), although its device tree says "riscv,ndev" = {@link #VIRT_DT_NDEV}.
     */
    public static final int DEFAULT_SOURCES = 95;
    /** "riscv,ndev" in QEMU 7.2's virt device tree (0x60). */
    public static final int VIRT_DT_NDEV = 96;
    public static final int PRIORITY_MASK = 7;

    public static final long PENDING_OFFSET = 0x1000;
    public static final long ENABLE_OFFSET = 0x2000;
    public static final long ENABLE_STRIDE = 0x80;
    public static final long CONTEXT_OFFSET = 0x20_0000;
    public static final long CONTEXT_STRIDE = 0x1000;

    private final int ndev;
    private final int contexts;
    private final int words;
    private final HartInterrupts interrupts;
    private final int[] priority;
    private final int[] pending;
    private final int[] claimed;
    private final int[] level;
    private final int[][] enable;
    private final int[] threshold;

    public Plic(int harts, HartInterrupts interrupts) {
        this(harts, DEFAULT_SOURCES, interrupts);
    }

    public Plic(int harts, int ndev, HartInterrupts interrupts) {
        if (ndev < 1 || ndev > 1023) {
            throw new IllegalArgumentException("PLIC supports 1..1023 sources: " + ndev);
        }
        this.ndev = ndev;
        this.contexts = 2 * harts;
        this.words = (ndev + 1 + 31) >>> 5;
        this.interrupts = interrupts;
        this.priority = new int[ndev + 1];
        this.pending = new int[words];
        this.claimed = new int[words];
        this.level = new int[words];
        this.enable = new int[contexts][words];
        this.threshold = new int[contexts];
    }

    /** Machine reset: priorities, enables, thresholds and claims cleared; input levels are kept. */
    public void reset() {
        Arrays.fill(priority, 0);
        Arrays.fill(claimed, 0);
        Arrays.fill(threshold, 0);
        for (int[] e : enable) {
            Arrays.fill(e, 0);
        }
        System.arraycopy(level, 0, pending, 0, words);
        update();
    }

    public int ndev() {
        return ndev;
    }

    /** The wire for a source, for devices (UART: 10). */
    public IrqLine line(int source) {
        checkSource(source);
        return lvl -> setLevel(source, lvl);
    }

    /** Drives the level of a source's input. */
    public void setLevel(int source, boolean high) {
        checkSource(source);
        int w = source >>> 5;
        int bit = 1 << (source & 31);
        if (high) {
            level[w] |= bit;
            if ((claimed[w] & bit) == 0) {
                pending[w] |= bit;
            }
        } else {
            level[w] &= ~bit;
            pending[w] &= ~bit;
        }
        update();
    }

    public boolean isPending(int source) {
        return (pending[source >>> 5] & (1 << (source & 31))) != 0;
    }

    /** Recomputes MEIP/SEIP of every hart from the current state. */
    public void update() {
        for (int ctx = 0; ctx < contexts; ctx++) {
            boolean irq = best(ctx) != 0;
            interrupts.setPending(ctx >>> 1, (ctx & 1) == 0 ? HartInterrupts.MEIP : HartInterrupts.SEIP, irq);
        }
    }

    /** The source a claim by ctx would return: highest priority above threshold, lowest id wins ties. */
    private int best(int ctx) {
        int bestSource = 0;
        int bestPriority = threshold[ctx];
        int[] en = enable[ctx];
        for (int w = 0; w < words; w++) {
            int candidates = pending[w] & en[w] & ~claimed[w];
            while (candidates != 0) {
                int b = Integer.numberOfTrailingZeros(candidates);
                candidates &= candidates - 1;
                int source = (w << 5) + b;
                if (priority[source] > bestPriority) {
                    bestPriority = priority[source];
                    bestSource = source;
                }
            }
        }
        return bestSource;
    }

    private int claim(int ctx) {
        int source = best(ctx);
        if (source != 0) {
            int w = source >>> 5;
            int bit = 1 << (source & 31);
            pending[w] &= ~bit;
            claimed[w] |= bit;
            update();
        }
        return source;
    }

    private void complete(int ctx, int source) {
        if (source < 1 || source > ndev) {
            return;
        }
        int w = source >>> 5;
        int bit = 1 << (source & 31);
        // The spec ignores completions of sources not enabled for the context.
        if ((enable[ctx][w] & bit) == 0) {
            return;
        }
        claimed[w] &= ~bit;
        if ((level[w] & bit) != 0) {
            pending[w] |= bit;
        }
        update();
    }

    @Override
    public long size() {
        return VirtMemoryMap.PLIC_SIZE;
    }

    @Override
    public long read(long offset, int size) {
        checkAccess(offset, size);
        if (offset < PENDING_OFFSET) {
            int source = (int) (offset >>> 2);
            return source <= ndev ? priority[source] : 0;
        }
        if (offset < ENABLE_OFFSET) {
            int w = (int) ((offset - PENDING_OFFSET) >>> 2);
            return w < words ? pending[w] & 0xffff_ffffL : 0;
        }
        if (offset < CONTEXT_OFFSET) {
            int ctx = (int) ((offset - ENABLE_OFFSET) / ENABLE_STRIDE);
            int w = (int) (((offset - ENABLE_OFFSET) % ENABLE_STRIDE) >>> 2);
            return ctx < contexts && w < words ? enable[ctx][w] & 0xffff_ffffL : 0;
        }
        int ctx = (int) ((offset - CONTEXT_OFFSET) / CONTEXT_STRIDE);
        long reg = (offset - CONTEXT_OFFSET) % CONTEXT_STRIDE;
        if (ctx >= contexts) {
            return 0;
        }
        if (reg == 0) {
            return threshold[ctx];
        }
        if (reg == 4) {
            return claim(ctx);
        }
        return 0;
    }

    @Override
    public void write(long offset, int size, long value) {
        checkAccess(offset, size);
        int v = (int) value;
        if (offset < PENDING_OFFSET) {
            int source = (int) (offset >>> 2);
            if (source >= 1 && source <= ndev) {
                priority[source] = v & PRIORITY_MASK;
                update();
            }
            return;
        }
        if (offset < ENABLE_OFFSET) {
            return; // pending bits are read-only
        }
        if (offset < CONTEXT_OFFSET) {
            int ctx = (int) ((offset - ENABLE_OFFSET) / ENABLE_STRIDE);
            int w = (int) (((offset - ENABLE_OFFSET) % ENABLE_STRIDE) >>> 2);
            if (ctx < contexts && w < words) {
                enable[ctx][w] = v & implementedMask(w);
                update();
            }
            return;
        }
        int ctx = (int) ((offset - CONTEXT_OFFSET) / CONTEXT_STRIDE);
        long reg = (offset - CONTEXT_OFFSET) % CONTEXT_STRIDE;
        if (ctx >= contexts) {
            return;
        }
        if (reg == 0) {
            threshold[ctx] = v & PRIORITY_MASK;
            update();
        } else if (reg == 4) {
            complete(ctx, v);
        }
    }

    /**
     * Bits of enable word w that name implemented sources. The bit of source 0 is kept as written,
     * as QEMU does; it has no effect because source 0 is never pending.
     */
    private int implementedMask(int w) {
        int mask = -1;
        int last = ndev - (w << 5);
        if (last < 31) {
            mask &= (int) ((2L << last) - 1);
        }
        return mask;
    }

    private void checkSource(int source) {
        if (source < 1 || source > ndev) {
            throw new IllegalArgumentException("PLIC source out of range 1.." + ndev + ": " + source);
        }
    }

    private static void checkAccess(long offset, int size) {
        if (size != 4 || (offset & 3) != 0) {
            throw BusFault.INSTANCE;
        }
    }

    @Override
    public String name() {
        return "plic";
    }
}
