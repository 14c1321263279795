package dev.hvscope.plugin.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hvscope.plugin.lsp.GStagePlan.Run;
import java.util.List;
import org.junit.jupiter.api.Test;

class GStagePlanTest {

    @Test
    void linear_misalignedByFourKib_isAllSmallPages() {
        GStagePlan p = GStagePlan.linear(0x8000_0000L, 0x8000_1000L, 0x40_0000L);
        assertEquals(List.of(new Run(0x8000_0000L, 0x8000_1000L, GStagePlan.PAGE_4K, 1024)), p.runs());
        assertEquals(2, p.level0Tables());
        assertEquals(1, p.level1Tables());
        assertEquals(7, p.tablePages());
    }

    @Test
    void linear_headAndTailOfSmallPagesAroundMegapages() {
        GStagePlan p = GStagePlan.linear(0x801f_f000L, 0x801f_f000L, 0x40_2000L);
        assertEquals(List.of(
                new Run(0x801f_f000L, 0x801f_f000L, GStagePlan.PAGE_4K, 1),
                new Run(0x8020_0000L, 0x8020_0000L, GStagePlan.PAGE_2M, 2),
                new Run(0x8060_0000L, 0x8060_0000L, GStagePlan.PAGE_4K, 1)), p.runs());
        assertEquals(2, p.level0Tables());
        assertEquals(1, p.level1Tables());
    }

    @Test
    void allocated_crossingAGibibyte_countsBothLevel1Tables() {
        GStagePlan p = GStagePlan.allocated(0x3fff_f000L, 0x2000L);
        assertEquals(2, p.level1Tables());
        assertEquals(2, p.level0Tables());
        assertEquals(8, p.tablePages());
    }

    @Test
    void wholeSv39x4Space_isComputedWithoutIteratingPages() {
        GStagePlan p = GStagePlan.allocated(0, GStagePlan.GPA_LIMIT);
        assertEquals(1L << 29, p.runs().get(0).count());
        assertEquals(2048, p.level1Tables());
    }

    @Test
    void leafPte_ofTheTutorialsFlagsIs0xdf() {
        assertEquals(0xdf, GStagePlan.leafPte(0xf));
    }

    @Test
    void hex_groupsDigitsByFour() {
        assertEquals("0x8000_0000", Hex.of(0x8000_0000L));
        assertEquals("0x200_0000", Hex.of(0x200_0000L));
        assertEquals("0x0", Hex.of(0));
    }
}
