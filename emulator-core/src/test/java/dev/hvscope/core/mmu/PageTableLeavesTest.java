package dev.hvscope.core.mmu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

/** The one page-table leaf scan (stub views, info mem, the adapter's client-side walk) and its regions. */
class PageTableLeavesTest {
    private static final long RWX_AD = PageTables.VRWX | PageTables.AD;
    private static final long R_AD = PteBits.V | PteBits.R | PageTables.AD;

    private final TestMemory mem = new TestMemory();
    private final PageTables pt = new PageTables(mem, 0x8000_0000L);

    /**
     * Sv39x4: a 2 MiB superpage at GPA 0 then 4 KiB pages continuing it in GPA and HPA, a flag
     * change, an output jump, a 1 GiB leaf in the widened part of the root, an invalid PTE with
     * leaf bits, a reserved W-only leaf and a pointer to a table outside memory.
     */
    private long sv39x4Table() {
        PagingMode m = PagingMode.SV39X4;
        long root = pt.root(m);
        pt.map(m, root, 0x0, 0x9020_0000L, 1, RWX_AD);
        pt.map(m, root, 0x20_0000L, 0x9040_0000L, 0, RWX_AD);
        pt.map(m, root, 0x20_1000L, 0x9040_1000L, 0, RWX_AD);
        pt.map(m, root, 0x20_2000L, 0x9040_2000L, 0, R_AD);            // flags change
        pt.map(m, root, 0x20_3000L, 0x9050_0000L, 0, R_AD);            // output jumps
        long invalid = pt.map(m, root, 0x20_4000L, 0x9040_4000L, 0, RWX_AD);
        mem.put(invalid, mem.get(invalid) & ~PteBits.V);               // R W X set, V clear: nothing
        pt.map(m, root, 0x20_5000L, 0x9040_5000L, 0, PteBits.V | PteBits.W);
        pt.map(m, root, 0x100_0000_0000L, 0xC000_0000L, 2, RWX_AD);   // root index 1024 (x4 widening)
        mem.put(root + 8, PteBits.make(0x1000, PteBits.V));            // GPA 1 GiB: a table outside RAM
        return root;
    }

    private PageTableLeaves scanSv39x4() {
        return PageTableLeaves.scan(PagingMode.SV39X4, sv39x4Table(), mem, LongUnaryOperator.identity());
    }

    @Test
    void sv39x4Scan_collectsLeavesInGpaOrderWithLevelsAndPteAddresses() {
        long root = sv39x4Table();
        PageTableLeaves t = PageTableLeaves.scan(PagingMode.SV39X4, root, mem, LongUnaryOperator.identity());

        assertEquals(7, t.size());
        long[] inputs = new long[t.size()];
        for (int i = 0; i < t.size(); i++) {
            inputs[i] = t.input(i);
        }
        assertEquals("[0, 200000, 201000, 202000, 203000, 205000, 10000000000]",
                Arrays.toString(Arrays.stream(inputs).mapToObj(Long::toHexString).toArray()));
        assertEquals(1, t.level(0));
        assertEquals(21, t.shift(0));
        assertEquals(0x9020_0000L, t.output(0));
        assertEquals(2, t.level(6));
        assertEquals(1L << 30, t.pageSize(6));
        assertEquals(pt.pteAddress(PagingMode.SV39X4, root, 0x20_1000L, 0), t.pteAddr(2));
        assertEquals(root + 1024 * 8, t.pteAddr(6));
        assertTrue(PteBits.isReserved(t.pte(5)), "a W-only PTE is kept as written");
        assertEquals(1, t.unreadable());
    }

    @Test
    void samePageSizeRegions_splitAtPageSizeFlagsAndOutputJumps() {
        LeafRegions r = LeafRegions.samePageSize(scanSv39x4());

        assertEquals(6, r.count());
        assertEquals(0x20_0000L, r.end(0));
        assertEquals(0x20_0000L, r.start(1));
        assertEquals(0x20_2000L, r.end(1));
        assertEquals(2, r.leafCount(1));
        assertEquals(1, r.first(1));
        assertEquals(12, r.shift(1));
        assertEquals("R----AD", PteBits.letters(r.pte(2)));
        assertEquals(0x9050_0000L, r.output(3));
        assertEquals(1, r.find(0x20_1fffL));
        assertEquals(-1, r.find(0x20_4000L));
        assertEquals(5, r.find(0x100_3fff_ffffL));
        assertEquals(-1, r.find(0x100_4000_0000L));
    }

    @Test
    void acrossPageSizesRegions_mergeASuperpageWithTheSmallPagesContinuingIt() {
        LeafRegions r = LeafRegions.acrossPageSizes(scanSv39x4());

        assertEquals(5, r.count());
        assertEquals(0, r.start(0));
        assertEquals(0x20_2000L, r.end(0));
        assertEquals(3, r.leafCount(0));
        assertEquals(0x9020_0000L, r.output(0));
    }

    @Test
    void acrossPageSizesRegions_alignMisalignedSuperpageOutputDown() {
        PagingMode m = PagingMode.SV39;
        long root = pt.root(m);
        pt.map(m, root, 0x4000_0000L, 0x9020_3000L, 1, RWX_AD);
        PageTableLeaves t = PageTableLeaves.scan(m, root, mem, LongUnaryOperator.identity());

        assertEquals(0x9020_3000L, t.output(0));
        assertEquals(0x9020_0000L, LeafRegions.acrossPageSizes(t).output(0));
        assertEquals(0x9020_3000L, LeafRegions.samePageSize(t).output(0));
    }

    @Test
    void sv39Scan_signExtendsUpperHalfVasAndKeepsUnsignedOrder() {
        PagingMode m = PagingMode.SV39;
        long root = pt.root(m);
        pt.map(m, root, 0xffff_ffc0_0000_0000L, 0x8000_0000L, 2, RWX_AD);  // root index 256
        pt.map(m, root, 0x1000, 0x9000_1000L, 0, RWX_AD);
        PageTableLeaves t = PageTableLeaves.scan(m, root, mem, LongUnaryOperator.identity());

        assertEquals(2, t.size());
        assertEquals(0x1000, t.input(0));
        assertEquals(0xffff_ffc0_0000_0000L, t.input(1));
        assertEquals(1, t.find(0xffff_ffc0_1234_5678L));
        assertEquals(0, t.find(0x1fff));
        assertEquals(-1, t.find(0x2000));
        assertEquals(-1, t.find(0x0000_0040_0000_0000L));
    }

    @Test
    void tableAddressThatDoesNotTranslate_isCountedAndSkipped() {
        PagingMode m = PagingMode.SV39;
        long root = pt.root(m);
        pt.map(m, root, 0x1000, 0x9000_1000L, 0, RWX_AD);
        pt.map(m, root, 0x4000_0000L, 0x9000_2000L, 0, RWX_AD);
        long secondL1 = PteBits.ppn(mem.get(root + 8)) << 12;
        PageTableLeaves t = PageTableLeaves.scan(m, root, mem, a -> a == secondL1 ? -1 : a);

        assertEquals(1, t.size());
        assertEquals(0x1000, t.input(0));
        assertEquals(1, t.unreadable());
    }

    @Test
    void partlyReadableTable_keepsTheEntriesBeforeTheFault() {
        PagingMode m = PagingMode.SV39;
        long root = pt.root(m);
        pt.map(m, root, 0x0, 0x9000_0000L, 0, RWX_AD);
        pt.map(m, root, 0x3000, 0x9000_3000L, 0, RWX_AD);
        long l0 = pt.pteAddress(m, root, 0, 0) & ~0xfffL;
        mem.denyRead(l0 + 2 * 8);
        PageTableLeaves t = PageTableLeaves.scan(m, root, mem, LongUnaryOperator.identity());

        assertEquals(1, t.size());
        assertEquals(1, t.unreadable());
    }

    @Test
    void cyclicTable_stopsAtThePageLimit() {
        long[] page = new long[512];
        Arrays.fill(page, PteBits.make(0x8000_0000L, PteBits.V));    // every entry points back at the root
        PageTableLeaves t = PageTableLeaves.scan(PagingMode.SV57, 0x8000_0000L, (table, ptes, n) -> {
            System.arraycopy(page, 0, ptes, 0, n);
            return n;
        });

        assertEquals(0, t.size());
        assertTrue(t.unreadable() > 0);
    }

    @Test
    void bareAndReservedModes_haveNoLeaves() {
        assertEquals(0, PageTableLeaves.scan(PagingMode.BARE, 0, mem, LongUnaryOperator.identity()).size());
        assertEquals(0, PageTableLeaves.scan(null, 0, mem, LongUnaryOperator.identity()).size());
        assertEquals(0, LeafRegions.samePageSize(PageTableLeaves.scan(null, 0, mem, a -> a)).count());
    }

    @Test
    void gigabyteOf4kPages_scansAndCoalescesQuickly() {
        // a flat Sv39x4 table in arrays: root entry 0 -> one L1 table -> 512 L0 tables of 512 leaves
        long base = 0x8000_0000L;
        LongUnaryOperator pteAt = a -> {
            long off = a - base;
            if (off < 0x4000) {
                return off == 0 ? PteBits.make(base + 0x4000, PteBits.V) : 0;
            }
            if (off < 0x5000) {
                return PteBits.make(base + 0x5000 + ((off - 0x4000) / 8) * 4096, PteBits.V);
            }
            long leaf = (off - 0x5000) / 8;
            return PteBits.make(0x1_0000_0000L + leaf * 4096, RWX_AD);
        };
        PageTableLeaves.TableReader reader = (table, ptes, n) -> {
            for (int i = 0; i < n; i++) {
                ptes[i] = pteAt.applyAsLong(table + i * 8L);
            }
            return n;
        };
        // speed is measured by `hvscope bench dap-gstage`, not asserted here
        LeafRegions r = LeafRegions.samePageSize(PageTableLeaves.scan(PagingMode.SV39X4, base, reader));
        assertEquals(262_144, r.leaves().size());
        assertEquals(1, r.count());
        assertEquals(1L << 30, r.end(0));
    }
}
