package dev.hvscope.core.mmu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PagingModeTest {
    @Test
    void satpModes_decodeFromBits63To60() {
        assertSame(PagingMode.BARE, PagingMode.fromSatp(0));
        assertSame(PagingMode.SV39, PagingMode.fromSatp(8L << 60 | 0x1234));
        assertSame(PagingMode.SV48, PagingMode.fromSatp(9L << 60));
        assertSame(PagingMode.SV57, PagingMode.fromSatp(10L << 60));
        assertNull(PagingMode.fromSatp(1L << 60));
        assertNull(PagingMode.fromSatp(15L << 60));
    }

    @Test
    void hgatpModes_decodeToWidenedSchemes() {
        assertSame(PagingMode.BARE, PagingMode.fromHgatp(0));
        assertSame(PagingMode.SV39X4, PagingMode.fromHgatp(8L << 60));
        assertSame(PagingMode.SV48X4, PagingMode.fromHgatp(9L << 60));
        assertNull(PagingMode.fromHgatp(3L << 60));
    }

    @Test
    void widths_followLevelsAndWidening() {
        assertEquals(39, PagingMode.SV39.addressBits);
        assertEquals(48, PagingMode.SV48.addressBits);
        assertEquals(57, PagingMode.SV57.addressBits);
        assertEquals(41, PagingMode.SV39X4.addressBits);
        assertEquals(50, PagingMode.SV48X4.addressBits);
        assertEquals(11, PagingMode.SV39X4.indexBits(2));
        assertEquals(9, PagingMode.SV39X4.indexBits(1));
        assertEquals(9, PagingMode.SV39.indexBits(2));
        assertEquals(30, PagingMode.SV39.leafShift(2));
    }

    @Test
    void sv39x4RootIndex_usesGpaBits40To30() {
        assertEquals(0x7ff, PagingMode.SV39X4.index(0x1ff_c000_0000L, 2));
        assertEquals(0x1ff, PagingMode.SV39.index(0x1ff_c000_0000L, 2));
        assertEquals(0x110, PagingMode.SV39X4.index(0x2200_0000L, 1));
    }

    @Test
    void addressRange_isSignExtensionForVasAndZeroExtensionForGpas() {
        assertTrue(PagingMode.SV39.addressInRange(0xffff_ffc0_0000_0000L));
        assertFalse(PagingMode.SV39.addressInRange(0xffff_ff80_0000_0000L));
        assertFalse(PagingMode.SV39.addressInRange(0x40_0000_0000L));
        assertTrue(PagingMode.SV39X4.addressInRange(0x1ff_ffff_ffffL));
        assertFalse(PagingMode.SV39X4.addressInRange(0x200_0000_0000L));
        assertFalse(PagingMode.SV39X4.addressInRange(-1L));
        assertTrue(PagingMode.BARE.addressInRange(-1L));
    }

    @Test
    void atpFields_extractPpnAsidVmid() {
        long satp = 8L << 60 | 0xABCDL << 44 | 0x80201L;
        assertEquals(0x80201L, PagingMode.ppn(satp));
        assertEquals(0xABCD, PagingMode.asid(satp));
        assertEquals(0x8020_1000L, PagingMode.satpRoot(satp));
        long hgatp = 8L << 60 | 0x3FFFL << 44 | 0x80201L;
        assertEquals(0x3FFF, PagingMode.vmid(hgatp));
        assertEquals(0x8020_1000L, PagingMode.hgatpRoot(hgatp, false));
        assertEquals(0x8020_0000L, PagingMode.hgatpRoot(hgatp, true));
    }
}
