package dev.hvscope.core.mmu;

import java.util.Arrays;

/**
 * Leaves coalesced into regions: runs contiguous in both input and output addresses whose PTEs
 * have the same low 8 bits (V R W X U G A D). Region r holds leaves {@link #first(int) first(r)}
 * .. {@code first(r+1)-1}. Two rules: {@link #samePageSize} (the table views, whose region reads
 * "N pages of size S") and {@link #acrossPageSizes} (QEMU's {@code info mem}, which merges any
 * contiguous run and prints each output aligned down to its page).
 */
public final class LeafRegions {
    private final PageTableLeaves leaves;
    private final boolean acrossSizes;
    private final int[] first;
    private final int count;

    private LeafRegions(PageTableLeaves leaves, boolean acrossSizes) {
        this.leaves = leaves;
        this.acrossSizes = acrossSizes;
        int[] starts = new int[leaves.size() + 1];
        int n = 0;
        for (int i = 0; i < leaves.size(); i++) {
            if (i == 0 || !continues(i)) {
                starts[n++] = i;
            }
        }
        starts[n] = leaves.size();
        this.first = Arrays.copyOf(starts, n + 1);
        this.count = n;
    }

    /** Regions of one page size each. */
    public static LeafRegions samePageSize(PageTableLeaves leaves) {
        return new LeafRegions(leaves, false);
    }

    /** Regions that may mix page sizes, outputs aligned down to each leaf's page. */
    public static LeafRegions acrossPageSizes(PageTableLeaves leaves) {
        return new LeafRegions(leaves, true);
    }

    private boolean continues(int i) {
        PageTableLeaves t = leaves;
        long step = t.pageSize(i - 1);
        return (acrossSizes || t.level(i) == t.level(i - 1))
                && t.input(i) == t.input(i - 1) + step
                && leafOutput(i) == leafOutput(i - 1) + step
                && (t.pte(i) & 0xff) == (t.pte(i - 1) & 0xff);
    }

    private long leafOutput(int i) {
        return acrossSizes ? leaves.output(i) & -leaves.pageSize(i) : leaves.output(i);
    }

    public PageTableLeaves leaves() {
        return leaves;
    }

    public int count() {
        return count;
    }

    /** Index of region r's first leaf. */
    public int first(int r) {
        return first[r];
    }

    public int leafCount(int r) {
        return first[r + 1] - first[r];
    }

    public long start(int r) {
        return leaves.input(first[r]);
    }

    /** Exclusive end of region r's input range. */
    public long end(int r) {
        int last = first[r + 1] - 1;
        return leaves.input(last) + leaves.pageSize(last);
    }

    public long output(int r) {
        return leafOutput(first[r]);
    }

    /** The first leaf's PTE (all of the region's leaves share its low 8 bits). */
    public long pte(int r) {
        return leaves.pte(first[r]);
    }

    public int level(int r) {
        return leaves.level(first[r]);
    }

    /** The first leaf's page shift (the region's only one under {@link #samePageSize}). */
    public int shift(int r) {
        return leaves.shift(first[r]);
    }

    /** The region containing {@code addr}, or -1. */
    public int find(long addr) {
        int leaf = leaves.find(addr);
        if (leaf < 0) {
            return -1;
        }
        int r = Arrays.binarySearch(first, 0, count, leaf);
        return r >= 0 ? r : -r - 2;
    }
}
