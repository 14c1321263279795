package dev.hvscope.gdb.monitor;

import dev.hvscope.core.debug.AddressSpace;
import dev.hvscope.core.debug.Debuggee;
import dev.hvscope.core.debug.HypervisorViews;
import dev.hvscope.core.debug.MemoryAccessException;
import dev.hvscope.core.mmu.PagingMode;
import dev.hvscope.core.mmu.PteBits;
import java.util.Arrays;

/**
 * Every leaf of one paging table (satp, vsatp or hgatp) at a stop, in input-address order, and the
 * leaves coalesced into regions (same page size and flags, contiguous input and output), so the
 * IDE can page through a quarter million PTEs without moving them all. Leaves live in parallel
 * primitive arrays (no object per PTE); each table page is read with one memory access. A valid
 * PTE with R, W or X is a leaf, one without is a pointer (privileged spec 4.3.2 step 4); vsatp
 * tables sit at guest-physical addresses and are read through the G-stage.
 */
public final class TableSnapshot {
    /** Upper bound on table pages read, so a corrupt table cannot stall the stub. */
    static final int MAX_TABLE_PAGES = 1 << 14;

    final HypervisorViews.Table table;
    final long atp;
    /** Null for a reserved mode. */
    final PagingMode mode;
    final long root;
    long[] input = new long[64];
    long[] output = new long[64];
    long[] pte = new long[64];
    long[] pteAddr = new long[64];
    byte[] level = new byte[64];
    int size;
    /** Region r holds leaves {@code regionFirst[r]} .. {@code regionFirst[r+1]-1}. */
    int[] regionFirst;
    int regionCount;
    /** Table pages that could not be read (no memory, or not mapped by the G-stage). */
    int unreadable;
    private int pagesRead;

    private TableSnapshot(HypervisorViews.Table table, long atp) {
        this.table = table;
        this.atp = atp;
        boolean g = table == HypervisorViews.Table.HGATP;
        this.mode = g ? PagingMode.fromHgatp(atp) : PagingMode.fromSatp(atp);
        this.root = g ? PagingMode.hgatpRoot(atp, false) : PagingMode.satpRoot(atp);
    }

    /** Scans the table the thread's atp CSR names. */
    public static TableSnapshot scan(Debuggee d, int thread, HypervisorViews.Table table) {
        TableSnapshot s = new TableSnapshot(table, d.views().tableRoot(thread, table));
        if (s.mode != null && !s.mode.isBare()) {
            AddressSpace space = table == HypervisorViews.Table.VSATP ? AddressSpace.GUEST_PHYSICAL
                    : AddressSpace.HOST_PHYSICAL;
            s.walk(d, thread, space, s.mode.levels - 1, s.root, 0);
        }
        s.coalesce();
        return s;
    }

    /** "bare", "reserved" or the mode's name in lower case (sv39, sv48x4, ...). */
    public String modeName() {
        return mode == null ? "reserved" : mode.isBare() ? "bare" : mode.name().toLowerCase(java.util.Locale.ROOT);
    }

    private void walk(Debuggee d, int thread, AddressSpace space, int lvl, long tableAddr, long prefix) {
        int entries = 1 << mode.indexBits(lvl);
        if (++pagesRead > MAX_TABLE_PAGES) {
            unreadable++;
            return;
        }
        byte[] page;
        try {
            page = d.readMemory(thread, space, tableAddr, entries * PagingMode.PTE_SIZE);
        } catch (MemoryAccessException e) {
            unreadable++;
            return;
        }
        int readable = page.length / PagingMode.PTE_SIZE;
        if (readable < entries) {
            unreadable++;
        }
        java.nio.LongBuffer ptes = java.nio.ByteBuffer.wrap(page).order(java.nio.ByteOrder.LITTLE_ENDIAN).asLongBuffer();
        int leafShift = mode.leafShift(lvl);
        for (int i = 0; i < readable; i++) {
            long e = ptes.get(i);
            if ((e & PteBits.V) == 0) {
                continue;
            }
            long in = prefix | ((long) i << leafShift);
            if ((e & (PteBits.R | PteBits.W | PteBits.X)) != 0) {
                add(signExtend(in), PteBits.ppn(e) << PagingMode.PAGE_SHIFT, e,
                        tableAddr + (long) i * PagingMode.PTE_SIZE, lvl);
            } else if (lvl > 0) {
                walk(d, thread, space, lvl - 1, PteBits.ppn(e) << PagingMode.PAGE_SHIFT, in);
            }
        }
    }

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

    private void coalesce() {
        int[] starts = new int[size + 1];
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (i == 0 || !continues(i)) {
                starts[n++] = i;
            }
        }
        starts[n] = size;
        regionFirst = Arrays.copyOf(starts, n + 1);
        regionCount = n;
    }

    private boolean continues(int i) {
        long step = pageSize(i - 1);
        return level[i] == level[i - 1] && input[i] == input[i - 1] + step && output[i] == output[i - 1] + step
                && (pte[i] & 0xff) == (pte[i - 1] & 0xff);
    }

    /** Bytes one leaf maps. */
    long pageSize(int leaf) {
        return 1L << mode.leafShift(level[leaf]);
    }

    long regionStart(int r) {
        return input[regionFirst[r]];
    }

    long regionEnd(int r) {
        int last = regionFirst[r + 1] - 1;
        return input[last] + pageSize(last);
    }

    int regionLeaves(int r) {
        return regionFirst[r + 1] - regionFirst[r];
    }

    /** Flags as letters {@code RWXUGAD}, '-' where clear. */
    static String flags(long e) {
        String names = "RWXUGAD";
        StringBuilder sb = new StringBuilder(7);
        for (int i = 0; i < 7; i++) {
            sb.append((e & (2L << i)) != 0 ? names.charAt(i) : '-');
        }
        return sb.toString();
    }
}
