package dev.hvscope.core.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hvscope.core.mmu.LeafRegions;
import dev.hvscope.core.mmu.PageTableLeaves;
import dev.hvscope.core.mmu.PagingMode;
import dev.hvscope.core.mmu.PteBits;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code info mem} regions from the shared leaf scan. */
class MappingRegionTest {
    private static final long RWX_AD = PteBits.V | PteBits.R | PteBits.W | PteBits.X | PteBits.A | PteBits.D;

    @Test
    void infoMem_mergesAcrossPageSizesAndLeavesReservedLeavesOut() {
        Map<Long, Long> words = new HashMap<>();
        words.put(0x1000L, PteBits.make(0x2000, PteBits.V));                 // Sv39 root[0] -> L1
        words.put(0x2000L, PteBits.make(0x8020_0000L, RWX_AD));              // 2 MiB at VA 0
        words.put(0x2008L, PteBits.make(0x3000, PteBits.V));                 // L1[1] -> L0
        words.put(0x3000L, PteBits.make(0x8040_0000L, RWX_AD));              // 4 KiB pages continuing it
        words.put(0x3008L, PteBits.make(0x8040_1000L, RWX_AD));
        words.put(0x3010L, PteBits.make(0x8040_2000L, PteBits.V | PteBits.W)); // reserved: maps nothing
        words.put(0x3018L, PteBits.make(0x8040_3000L, PteBits.V | PteBits.R));
        PageTableLeaves leaves = PageTableLeaves.scan(PagingMode.SV39, 0x1000, (table, ptes, n) -> {
            for (int i = 0; i < n; i++) {
                ptes[i] = words.getOrDefault(table + i * 8L, 0L);
            }
            return n;
        });

        List<MappingRegion> regions = MappingRegion.of(LeafRegions.acrossPageSizes(leaves));

        assertEquals(List.of(new MappingRegion(0, 0x8020_0000L, 0x20_2000L, 0xcf),
                new MappingRegion(0x20_3000L, 0x8040_3000L, 0x1000, 0x03)), regions);
        assertEquals("rwx--ad", regions.get(0).attributes());
        assertEquals("r------", regions.get(1).attributes());
    }
}
