package dev.hvscope.core.hart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hvscope.core.bus.Bus;
import dev.hvscope.core.bus.Ram;
import org.junit.jupiter.api.Test;

/**
 * The hart's loads and stores at the edges of guest RAM's lazily allocated chunks: its TLB holds a
 * chunk and an offset, so an access crossing into the next chunk must take the split path.
 */
class RamChunkBoundaryTest {
    private static final long RAM = 0x8000_0000L;
    private static final long CHUNK = 1L << Ram.CHUNK_SHIFT;

    private final Bus bus = new Bus(new Ram(RAM, 4 * CHUNK));
    private final Hart hart = new Hart(0, bus, true, () -> 0L);

    @Test
    void misalignedDoublewordAcrossAChunkBoundary_storesAndLoadsEveryByte() {
        long va = RAM + CHUNK - 3;
        for (int pass = 0; pass < 2; pass++) {   // the second pass runs with the pages in the TLB
            hart.store64(va, 0x8877_6655_4433_2211L + pass);
            assertEquals(0x8877_6655_4433_2211L + pass, hart.load64(va));
        }
        assertEquals(0x8877_6655_4433_2212L, bus.ram().read(va, 8));
        assertEquals(0x33, bus.ram().chunk(0)[(int) CHUNK - 1] & 0xff);
        assertEquals(0x44, bus.ram().chunk(CHUNK)[0] & 0xff);
    }

    @Test
    void misalignedWordAndHalfAcrossAChunkBoundary_roundTrip() {
        hart.store32(RAM + 2 * CHUNK - 2, 0xcafe_babeL);
        assertEquals((int) 0xcafe_babeL, hart.load32(RAM + 2 * CHUNK - 2));
        hart.store16(RAM + 3 * CHUNK - 1, 0x7eed);
        assertEquals(0x7eed, hart.load16(RAM + 3 * CHUNK - 1));
    }

    @Test
    void alignedAccessesOnBothSidesOfABoundary_useTheirOwnChunks() {
        for (int pass = 0; pass < 2; pass++) {
            hart.store64(RAM + CHUNK - 8, 0x1111L + pass);
            hart.store64(RAM + CHUNK, 0x2222L + pass);
        }
        assertEquals(0x1112L, hart.load64(RAM + CHUNK - 8));
        assertEquals(0x2223L, hart.load64(RAM + CHUNK));
        assertEquals(0x2223L, Ram.get64(bus.ram().chunk(CHUNK), 0));
    }

    @Test
    void untouchedMemory_loadsAsZero() {
        assertEquals(0, hart.load64(RAM + 3 * CHUNK + 0x800));
        assertEquals(0, hart.load8(RAM + 4 * CHUNK - 1));
        assertEquals(0, hart.load64(RAM + 2 * CHUNK - 4));   // misaligned, across a boundary
    }
}
