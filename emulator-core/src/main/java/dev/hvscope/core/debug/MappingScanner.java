package dev.hvscope.core.debug;

import dev.hvscope.core.mmu.PagingMode;
import dev.hvscope.core.mmu.PteBits;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongUnaryOperator;

/**
 * Walks a whole page table and lists its leaves as coalesced regions (QEMU's {@code info mem}):
 * neighbouring leaves merge when both addresses continue and the permissions match.
 */
final class MappingScanner {
    /** Upper bound on PTE reads, so a corrupt table cannot stall the debugger. */
    static final int MAX_PTE_READS = 1 << 21;

    /** Reads a PTE at a host-physical address; throws on no memory. */
    interface PteReader {
        long read(long hpa);
    }

    private final PagingMode mode;
    private final PteReader reader;
    /** Table address (as stored in the PTEs: GPA for VS tables) to host-physical. */
    private final LongUnaryOperator tableToHpa;
    private final List<MappingRegion> regions = new ArrayList<>();
    private int reads;
    private long runVa;
    private long runPa;
    private long runSize;
    private int runFlags;

    MappingScanner(PagingMode mode, PteReader reader, LongUnaryOperator tableToHpa) {
        this.mode = mode;
        this.reader = reader;
        this.tableToHpa = tableToHpa;
    }

    List<MappingRegion> scan(long root) {
        if (mode.isBare()) {
            return List.of();
        }
        walk(root, mode.levels - 1, 0);
        flush();
        return regions;
    }

    private void walk(long table, int level, long vaPrefix) {
        long hpa;
        try {
            hpa = tableToHpa.applyAsLong(table);
        } catch (RuntimeException e) {
            return;   // a table the G-stage does not map: nothing below it is reachable
        }
        int entries = 1 << mode.indexBits(level);
        for (int i = 0; i < entries; i++) {
            if (++reads > MAX_PTE_READS) {
                return;
            }
            long pte;
            try {
                pte = reader.read(hpa + (long) i * PagingMode.PTE_SIZE);
            } catch (RuntimeException e) {
                return;
            }
            if ((pte & PteBits.V) == 0 || ((pte & PteBits.R) == 0 && (pte & PteBits.W) != 0)) {
                continue;
            }
            long va = vaPrefix | ((long) i << mode.leafShift(level));
            if (!PteBits.isLeaf(pte)) {
                if (level > 0) {
                    walk(PteBits.ppn(pte) << PagingMode.PAGE_SHIFT, level - 1, va);
                }
                continue;
            }
            long size = 1L << mode.leafShift(level);
            long pa = (PteBits.ppn(pte) << PagingMode.PAGE_SHIFT) & ~(size - 1);
            add(signExtend(va), pa, size, (int) (pte & 0xff));
        }
    }

    private long signExtend(long va) {
        if (mode.gStage) {
            return va;
        }
        int shift = 64 - mode.addressBits;
        return (va << shift) >> shift;
    }

    private void add(long va, long pa, long size, int flags) {
        if (runSize != 0 && runVa + runSize == va && runPa + runSize == pa && runFlags == flags) {
            runSize += size;
            return;
        }
        flush();
        runVa = va;
        runPa = pa;
        runSize = size;
        runFlags = flags;
    }

    private void flush() {
        if (runSize != 0) {
            regions.add(new MappingRegion(runVa, runPa, runSize, runFlags));
            runSize = 0;
        }
    }
}
