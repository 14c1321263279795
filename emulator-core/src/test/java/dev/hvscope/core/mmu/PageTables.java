package dev.hvscope.core.mmu;

/**
 * Builds page tables in a {@link TestMemory}. Tables are allocated from a bump pointer; addresses
 * written into pointer PTEs are the same addresses the tables are stored at, so VS-stage tables
 * must sit where the G-stage maps them identically (tests arrange that).
 */
final class PageTables {
    static final long VRWX = PteBits.V | PteBits.R | PteBits.W | PteBits.X;
    static final long AD = PteBits.A | PteBits.D;

    final TestMemory mem;
    private long next;
    /** Tables live at address + storeOffset in host memory (a guest's GPA-to-HPA offset). */
    private final long storeOffset;

    PageTables(TestMemory mem, long base) {
        this(mem, base, 0);
    }

    PageTables(TestMemory mem, long base, long storeOffset) {
        this.mem = mem;
        this.next = base;
        this.storeOffset = storeOffset;
    }

    long get(long addr) {
        return mem.get(addr + storeOffset);
    }

    void put(long addr, long pte) {
        mem.put(addr + storeOffset, pte);
    }

    /** Next free address (everything below it, from the base, has been handed out). */
    long next() {
        return next;
    }

    /** A zeroed, naturally aligned table of {@code bytes} (4 KiB, or 16 KiB for x4 roots). */
    long alloc(int bytes) {
        next = (next + bytes - 1) & -(long) bytes;
        long t = next;
        next += bytes;
        return t;
    }

    long root(PagingMode mode) {
        return alloc(mode.widenBits == 0 ? 4096 : 4096 << mode.widenBits);
    }

    /** Maps {@code va} to {@code pa} with a leaf PTE at {@code leafLevel}; returns the leaf PTE address. */
    long map(PagingMode mode, long root, long va, long pa, int leafLevel, long flags) {
        long table = root;
        for (int level = mode.levels - 1; level > leafLevel; level--) {
            long pteAddr = table + mode.index(va, level) * 8;
            long pte = get(pteAddr);
            if ((pte & PteBits.V) == 0) {
                long child = alloc(4096);
                pte = PteBits.make(child, PteBits.V);
                put(pteAddr, pte);
            }
            table = PteBits.ppn(pte) << 12;
        }
        long leafAddr = table + mode.index(va, leafLevel) * 8;
        put(leafAddr, PteBits.make(pa, flags));
        return leafAddr;
    }

    /** Address of the PTE for {@code va} at {@code level}, following existing pointers. */
    long pteAddress(PagingMode mode, long root, long va, int level) {
        long table = root;
        for (int l = mode.levels - 1; l > level; l--) {
            table = PteBits.ppn(get(table + mode.index(va, l) * 8)) << 12;
        }
        return table + mode.index(va, level) * 8;
    }

    static long hgatp(PagingMode mode, int vmid, long root) {
        return ((long) mode.encoding << 60) | ((long) vmid << 44) | (root >>> 12);
    }

    static long satp(PagingMode mode, long root) {
        return ((long) mode.encoding << 60) | (root >>> 12);
    }
}
