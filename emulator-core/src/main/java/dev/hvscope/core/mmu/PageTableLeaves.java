package dev.hvscope.core.mmu;

import java.util.Arrays;
import java.util.function.LongUnaryOperator;

/**
 * Every leaf of one page table, in input-address order, in parallel primitive arrays: a table of a
 * quarter million PTEs costs a few megabytes and no object per entry. Built by one depth-first
 * scan from the root; a valid PTE with R, W or X is a leaf, a valid one without is a pointer to
 * the next level (privileged spec 4.3.2 step 4). Leaves are kept as the PTEs say, reserved
 * encodings (W without R) and misaligned superpages included, since the table views show what is
 * written; {@link LeafRegions} decides what maps. Inputs of first-stage tables are sign-extended
 * VAs, so the leaves are in unsigned input order for every mode.
 *
 * <p>Used by the stub's {@code info mem} and paged table views and by the debug adapter's
 * client-side walk over RSP reads; each supplies its own {@link TableReader}.
 */
public final class PageTableLeaves {
    /** Upper bound on table pages read, so a corrupt (e.g. cyclic) table cannot stall the debugger. */
    public static final int MAX_TABLE_PAGES = 1 << 14;

    /** How the scan reads one table (page, or the 16 KiB root of an x4 mode). */
    @FunctionalInterface
    public interface TableReader {
        /**
         * Reads the {@code entries} PTEs of the table at {@code table} (the address as the atp or
         * the parent PTE names it) into {@code ptes}.
         *
         * @return how many leading entries could be read: {@code entries} when the whole table
         *     was, fewer (down to 0) when the rest is not readable or the table does not translate
         */
        int read(long table, long[] ptes, int entries);
    }

    private final PagingMode mode;
    private long[] input = new long[64];
    private long[] output = new long[64];
    private long[] pte = new long[64];
    private long[] pteAddr = new long[64];
    private byte[] level = new byte[64];
    private int size;
    private int unreadable;
    private int pagesRead;

    private PageTableLeaves(PagingMode mode) {
        this.mode = mode;
    }

    /** Scans the table of {@code mode} rooted at {@code root}; empty for Bare or a reserved mode (null). */
    public static PageTableLeaves scan(PagingMode mode, long root, TableReader reader) {
        PageTableLeaves t = new PageTableLeaves(mode);
        if (mode != null && !mode.isBare()) {
            long[][] buffers = new long[mode.levels][];
            for (int l = 0; l < mode.levels; l++) {
                buffers[l] = new long[1 << mode.indexBits(l)];
            }
            t.walk(reader, buffers, mode.levels - 1, root, 0);
        }
        return t;
    }

    /**
     * Scans reading one PTE at a time from {@code memory} (a {@link PhysAccessFault} ends that
     * table); table addresses first go through {@code tableToPhys}, which answers -1 when one does
     * not translate (identity for satp and hgatp, the G-stage for vsatp tables at GPAs).
     */
    public static PageTableLeaves scan(PagingMode mode, long root, PhysReader memory, LongUnaryOperator tableToPhys) {
        return scan(mode, root, (table, ptes, entries) -> {
            long pa = tableToPhys.applyAsLong(table);
            if (pa == -1) {
                return 0;
            }
            for (int i = 0; i < entries; i++) {
                try {
                    ptes[i] = memory.read64(pa + (long) i * PagingMode.PTE_SIZE);
                } catch (PhysAccessFault f) {
                    return i;
                }
            }
            return entries;
        });
    }

    private void walk(TableReader reader, long[][] buffers, int lvl, long table, long prefix) {
        int entries = 1 << mode.indexBits(lvl);
        if (++pagesRead > MAX_TABLE_PAGES) {
            unreadable++;
            return;
        }
        long[] ptes = buffers[lvl];
        int readable = reader.read(table, ptes, entries);
        if (readable < entries) {
            unreadable++;
        }
        int leafShift = mode.leafShift(lvl);
        for (int i = 0; i < readable; i++) {
            long e = ptes[i];
            if ((e & PteBits.V) == 0) {
                continue;
            }
            long in = prefix | ((long) i << leafShift);
            if ((e & (PteBits.R | PteBits.W | PteBits.X)) != 0) {
                add(signExtend(in), PteBits.ppn(e) << PagingMode.PAGE_SHIFT, e,
                        table + (long) i * PagingMode.PTE_SIZE, lvl);
            } else if (lvl > 0) {
                walk(reader, buffers, lvl - 1, PteBits.ppn(e) << PagingMode.PAGE_SHIFT, in);
            }
        }
    }

    /** First-stage inputs are VAs sign-extended from their top bit; G-stage GPAs are zero-extended. */
    private long signExtend(long va) {
        if (mode.gStage) {
            return va;
        }
        int s = 64 - mode.addressBits;
        return (va << s) >> s;
    }

    private void add(long in, long out, long e, long at, int lvl) {
        if (size == input.length) {
            int n = size * 2;
            input = Arrays.copyOf(input, n);
            output = Arrays.copyOf(output, n);
            pte = Arrays.copyOf(pte, n);
            pteAddr = Arrays.copyOf(pteAddr, n);
            level = Arrays.copyOf(level, n);
        }
        input[size] = in;
        output[size] = out;
        pte[size] = e;
        pteAddr[size] = at;
        level[size] = (byte) lvl;
        size++;
    }

    /** The scheme scanned (null for a reserved mode). */
    public PagingMode mode() {
        return mode;
    }

    public int size() {
        return size;
    }

    /** Table pages that could not be read (wholly or partly), or did not translate. */
    public int unreadable() {
        return unreadable;
    }

    /** Input address of leaf i: VA (sign-extended), GVA or GPA. */
    public long input(int i) {
        return input[i];
    }

    /** Output address of leaf i: the PTE's PPN as written (not aligned down for a superpage). */
    public long output(int i) {
        return output[i];
    }

    public long pte(int i) {
        return pte[i];
    }

    /** Address of leaf i's PTE, in the space the table lives in (GPA for vsatp tables). */
    public long pteAddr(int i) {
        return pteAddr[i];
    }

    public int level(int i) {
        return level[i];
    }

    /** log2 of the bytes leaf i maps: 12, 21, 30, ... */
    public int shift(int i) {
        return mode.leafShift(level[i]);
    }

    public long pageSize(int i) {
        return 1L << shift(i);
    }

    /** The leaf covering {@code addr}, or -1 (binary search: leaves are in unsigned input order). */
    public int find(long addr) {
        int lo = 0;
        int hi = size - 1;
        int below = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(input[mid], addr) <= 0) {
                below = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return below >= 0 && Long.compareUnsigned(addr - input[below], pageSize(below)) < 0 ? below : -1;
    }
}
