package dev.hvscope.plugin.dap;

import java.util.Arrays;

/**
 * Leaves coalesced into regions: runs of leaves contiguous in both input and output addresses
 * with the same flags and page size. {@code first[r]} .. {@code first[r+1]-1} are region r's leaves.
 */
final class MappingRegions {
    final PageTableLeaves leaves;
    final int[] first;
    final int count;

    MappingRegions(PageTableLeaves leaves) {
        this.leaves = leaves;
        int[] starts = new int[Math.max(1, leaves.size + 1)];
        int n = 0;
        for (int i = 0; i < leaves.size; i++) {
            if (i == 0 || !continues(leaves, i)) {
                starts[n++] = i;
            }
        }
        starts[n] = leaves.size;
        this.first = Arrays.copyOf(starts, n + 1);
        this.count = n;
    }

    private static boolean continues(PageTableLeaves t, int i) {
        long size = 1L << t.shift[i - 1];
        return t.shift[i] == t.shift[i - 1]
                && t.input[i] == t.input[i - 1] + size
                && t.output[i] == t.output[i - 1] + size
                && (t.pte[i] & 0xff) == (t.pte[i - 1] & 0xff);
    }

    long start(int r) {
        return leaves.input[first[r]];
    }

    long end(int r) {
        int last = first[r + 1] - 1;
        return leaves.input[last] + (1L << leaves.shift[last]);
    }

    long outputStart(int r) {
        return leaves.output[first[r]];
    }

    int leafCount(int r) {
        return first[r + 1] - first[r];
    }

    int shift(int r) {
        return leaves.shift[first[r]];
    }

    long pte(int r) {
        return leaves.pte[first[r]];
    }

    /** The region containing {@code addr}, or -1. */
    int find(long addr) {
        for (int r = 0; r < count; r++) {
            if (Long.compareUnsigned(addr - start(r), end(r) - start(r)) < 0) {
                return r;
            }
        }
        return -1;
    }
}
