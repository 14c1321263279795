package dev.hvscope.plugin.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hvscope.core.mmu.LeafRegions;
import dev.hvscope.core.mmu.PageTableLeaves;
import dev.hvscope.core.mmu.PagingMode;
import dev.hvscope.core.mmu.PteBits;
import org.junit.jupiter.api.Test;

/** The client-side table scan and region coalescing that the mapping scopes show. */
class PageTableLeavesTest {
    @Test
    void gigabyteIn4kPages_isOneRegionOf262144Leaves() {
        GStageTableFixture t = new GStageTableFixture(0x1_0000_0000L);
        PageTableLeaves leaves = PageTableLeaves.scan(PagingMode.SV39X4, GStageTableFixture.ROOT, t, a -> a);
        assertEquals(262_144, leaves.size());
        LeafRegions r = LeafRegions.samePageSize(leaves);
        assertEquals(1, r.count());
        assertEquals(0, r.start(0));
        assertEquals(1L << 30, r.end(0));
        assertEquals(0x1_0000_0000L, r.output(0));
        assertEquals("RWXU-AD", PteBits.letters(r.pte(0)));
        assertEquals(12, r.shift(0));
    }

    @Test
    void holeAndFlagChange_splitTheRegion() {
        GStageTableFixture t = new GStageTableFixture(0x1_0000_0000L);
        long l0 = GStageTableFixture.ROOT + 5 * 4096;
        t.set(l0 + 10 * 8, 0);                                                        // GPA 0xa000 unmapped
        t.set(l0 + 20 * 8, ((0x1_0000_0000L + 20 * 4096) >>> 12) << 10 | 0xc3);      // read-only
        LeafRegions r = LeafRegions.samePageSize(PageTableLeaves.scan(PagingMode.SV39X4, GStageTableFixture.ROOT, t, a -> a));
        assertEquals(4, r.count());
        assertEquals(0xa000, r.end(0));
        assertEquals(0xb000, r.start(1));
        assertEquals(0x14000, r.start(2));
        assertEquals("R----AD", PteBits.letters(r.pte(2)));
        assertEquals(-1, r.find(0xa123));
        assertEquals(3, r.find(0x3fff_ffffL));
    }

    @Test
    void superpageLeaf_coversItsWholeRange() {
        GStageTableFixture t = new GStageTableFixture(0);
        long l1 = GStageTableFixture.ROOT + 4 * 4096;
        t.set(l1 + 3 * 8, (0x8020_0000L >>> 12) << 10 | 0xcf);                      // 2 MiB leaf at GPA 0x600000
        PageTableLeaves leaves = PageTableLeaves.scan(PagingMode.SV39X4, GStageTableFixture.ROOT, t, a -> a);
        assertEquals(262_144 - 512 + 1, leaves.size());
        int i = leaves.find(0x6f_f123L);
        assertEquals(0x60_0000L, leaves.input(i));
        assertEquals(21, leaves.shift(i));
        assertEquals("2M", PagingMode.pageSizeName(leaves.shift(i)));
    }

    @Test
    void unreadableTable_isCountedNotFatal() {
        GStageTableFixture t = new GStageTableFixture(0);
        t.set(GStageTableFixture.ROOT + 4 * 4096 + 8, GStageTableFixture.pointer(0x1000)); // outside the fixture
        PageTableLeaves leaves = PageTableLeaves.scan(PagingMode.SV39X4, GStageTableFixture.ROOT, t, a -> a);
        assertEquals(1, leaves.unreadable());
        assertEquals(262_144 - 512, leaves.size());
    }
}
