package dev.hvscope.core.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hvscope.core.bus.BusFault;
import org.junit.jupiter.api.Test;

class ClintTest {
    private final long[] now = {0};
    private final FakeHartInterrupts irq = new FakeHartInterrupts();
    private final Clint clint = new Clint(2, () -> now[0], irq);

    @Test
    void reset_mtimecmpIsZeroSoMtipIsPendingAsInQemu() {
        clint.reset();
        assertEquals(0, clint.read(0x4000, 8));
        assertTrue(irq.pending(0, HartInterrupts.MTIP));
        assertTrue(irq.pending(1, HartInterrupts.MTIP));
    }

    @Test
    void mtime_followsTheTickSource() {
        now[0] = 12345;
        assertEquals(12345, clint.read(0xbff8, 8));
        assertEquals(12345, clint.read(0xbff8, 4));
        assertEquals(0, clint.read(0xbffc, 4));
    }

    @Test
    void mtimeWrite_movesTimeAndKeepsCounting() {
        now[0] = 100;
        clint.write(0xbff8, 8, 1_000_000L);
        now[0] = 150;
        assertEquals(1_000_050L, clint.mtime());
        clint.write(0xbffc, 4, 1);
        assertEquals((1L << 32) + 1_000_050L, clint.read(0xbff8, 8));
    }

    @Test
    void mtimecmp_raisesMtipOnlyWhenReached() {
        now[0] = 1000;
        clint.write(0x4008, 8, 2000); // hart 1
        assertFalse(irq.pending(1, HartInterrupts.MTIP));
        now[0] = 1999;
        clint.update();
        assertFalse(irq.pending(1, HartInterrupts.MTIP));
        now[0] = 2000;
        clint.update();
        assertTrue(irq.pending(1, HartInterrupts.MTIP));
        clint.write(0x4008, 8, -1L);
        assertFalse(irq.pending(1, HartInterrupts.MTIP), "writing a future mtimecmp lowers MTIP at once");
    }

    @Test
    void mtimecmpHalves_areWrittenSeparately() {
        clint.write(0x4000, 4, 0xdeadbeefL);
        clint.write(0x4004, 4, 0x12L);
        assertEquals(0x12_dead_beefL, clint.read(0x4000, 8));
        assertEquals(0x12L, clint.read(0x4004, 4));
        assertEquals(0xdeadbeefL, clint.read(0x4000, 4));
    }

    @Test
    void msip_drivesMsipOfItsHart() {
        clint.write(4, 4, 1);
        assertTrue(irq.pending(1, HartInterrupts.MSIP));
        assertFalse(irq.pending(0, HartInterrupts.MSIP));
        assertEquals(1, clint.read(4, 4));
        clint.write(4, 4, 0xfffffffeL);
        assertFalse(irq.pending(1, HartInterrupts.MSIP), "only bit 0 is implemented");
        assertEquals(0, clint.read(4, 4));
    }

    @Test
    void byteAccess_isABusFault() {
        assertThrows(BusFault.class, () -> clint.read(0x4000, 1));
        assertThrows(BusFault.class, () -> clint.write(0, 8, 1));
    }

    @Test
    void nextDeadline_isTheEarliestUnreachedMtimecmpInSourceTicks() {
        now[0] = 500;
        clint.write(0xbff8, 8, 0); // mtime = ticks - 500
        clint.write(0x4000, 8, 300);
        clint.write(0x4008, 8, 100);
        assertEquals(600, clint.nextDeadlineTicks());
        now[0] = 650; // hart 1 reached
        assertEquals(800, clint.nextDeadlineTicks());
        now[0] = 900;
        assertEquals(Long.MAX_VALUE, clint.nextDeadlineTicks());
    }

    @Test
    void hostClock_advancesAtTenMegahertz() throws InterruptedException {
        var clock = Clint.hostClock();
        long a = clock.getAsLong();
        Thread.sleep(20);
        long b = clock.getAsLong();
        assertTrue(b - a >= 190_000 && b - a < 5_000_000, "ticks in 20 ms: " + (b - a));
    }
}
