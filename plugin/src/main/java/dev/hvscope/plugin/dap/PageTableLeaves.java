package dev.hvscope.plugin.dap;

import dev.hvscope.core.mmu.PagingMode;
import dev.hvscope.core.mmu.PhysAccessFault;
import dev.hvscope.core.mmu.PhysReader;
import dev.hvscope.core.mmu.PteBits;
import java.util.Arrays;
import java.util.function.LongUnaryOperator;

/**
 * Every leaf of one page table, in input-address order, in parallel primitive arrays so a table
 * of a quarter million PTEs costs a few megabytes and no object per entry. Built by a depth-first
 * scan from the root: a valid PTE with R, W or X is a leaf (privileged spec 4.3.2 step 4), a valid
 * one without is a pointer to the next level. Table addresses are translated by
 * {@code tableAddress} before reading (identity for satp and hgatp; the G-stage for vsatp tables,
 * whose PTE addresses are guest-physical).
 */
final class PageTableLeaves {
    long[] input = new long[64];
    long[] output = new long[64];
    long[] pte = new long[64];
    long[] pteAddr = new long[64];
    int[] shift = new int[64];
    int size;
    /** Table pages that could not be read (or whose address did not translate). */
    int unreadable;

    /** Scans the table of {@code mode} rooted at {@code root}. */
    static PageTableLeaves scan(PagingMode mode, long root, PhysReader memory, LongUnaryOperator tableAddress) {
        PageTableLeaves t = new PageTableLeaves();
        if (!mode.isBare()) {
            t.walk(mode, mode.levels - 1, root, 0, memory, tableAddress);
        }
        return t;
    }

    private void walk(PagingMode mode, int level, long table, long prefix, PhysReader memory,
                      LongUnaryOperator tableAddress) {
        long entries = 1L << mode.indexBits(level);
        long hostTable = tableAddress.applyAsLong(table);
        if (hostTable == -1) {
            unreadable++;
            return;
        }
        for (long i = 0; i < entries; i++) {
            long e;
            try {
                e = memory.read64(hostTable + i * PagingMode.PTE_SIZE);
            } catch (PhysAccessFault f) {
                unreadable++;
                return;
            }
            if ((e & PteBits.V) == 0) {
                continue;
            }
            long in = prefix | (i << mode.leafShift(level));
            if ((e & (PteBits.R | PteBits.W | PteBits.X)) != 0) {
                add(signExtend(mode, in), PteBits.ppn(e) << PagingMode.PAGE_SHIFT, mode.leafShift(level), e,
                        table + i * PagingMode.PTE_SIZE);
            } else if (level > 0) {
                walk(mode, level - 1, PteBits.ppn(e) << PagingMode.PAGE_SHIFT, in, memory, tableAddress);
            }
        }
    }

    private static long signExtend(PagingMode mode, long va) {
        if (mode.gStage) {
            return va;
        }
        int s = 64 - mode.addressBits;
        return (va << s) >> s;
    }

    private void add(long in, long out, int sh, long e, long at) {
        if (size == input.length) {
            int n = size * 2;
            input = Arrays.copyOf(input, n);
            output = Arrays.copyOf(output, n);
            pte = Arrays.copyOf(pte, n);
            pteAddr = Arrays.copyOf(pteAddr, n);
            shift = Arrays.copyOf(shift, n);
        }
        input[size] = in;
        output[size] = out;
        shift[size] = sh;
        pte[size] = e;
        pteAddr[size] = at;
        size++;
    }

    /** The leaf covering {@code addr}, or -1. */
    int find(long addr) {
        for (int i = 0; i < size; i++) {
            if (Long.compareUnsigned(addr - input[i], 1L << shift[i]) < 0) {
                return i;
            }
        }
        return -1;
    }

    /** Flags printed as objdump-like letters: {@code RWXUGAD}. */
    static String flags(long e) {
        StringBuilder sb = new StringBuilder(7);
        sb.append((e & PteBits.R) != 0 ? 'R' : '-');
        sb.append((e & PteBits.W) != 0 ? 'W' : '-');
        sb.append((e & PteBits.X) != 0 ? 'X' : '-');
        sb.append((e & PteBits.U) != 0 ? 'U' : '-');
        sb.append((e & PteBits.G) != 0 ? 'G' : '-');
        sb.append((e & PteBits.A) != 0 ? 'A' : '-');
        sb.append((e & PteBits.D) != 0 ? 'D' : '-');
        return sb.toString();
    }

    static String pageSize(int shift) {
        if (shift >= 30) {
            return (1L << (shift - 30)) + "G";
        }
        return shift >= 20 ? (1L << (shift - 20)) + "M" : (1L << (shift - 10)) + "K";
    }
}
