package dev.hvscope.core.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hvscope.core.bus.BusFault;
import org.junit.jupiter.api.Test;

class PlicTest {
    private final FakeHartInterrupts irq = new FakeHartInterrupts();
    private final Plic plic = new Plic(2, irq);

    private static long enable(int ctx) {
        return 0x2000 + 0x80L * ctx;
    }

    private static long threshold(int ctx) {
        return 0x200000 + 0x1000L * ctx;
    }

    private static long claim(int ctx) {
        return threshold(ctx) + 4;
    }

    @Test
    void enabledSourceAbovethreshold_raisesSeipOfTheSContext() {
        plic.write(4 * 10, 4, 1);
        plic.write(enable(1), 4, 1 << 10); // hart 0, S-mode
        plic.setLevel(10, true);
        assertTrue(irq.pending(0, HartInterrupts.SEIP));
        assertFalse(irq.pending(0, HartInterrupts.MEIP));
        assertFalse(irq.pending(1, HartInterrupts.SEIP));
        assertEquals(1 << 10, plic.read(0x1000, 4));
    }

    @Test
    void priorityZero_neverInterrupts() {
        plic.write(enable(0), 4, 1 << 5);
        plic.setLevel(5, true);
        assertFalse(irq.pending(0, HartInterrupts.MEIP));
        assertEquals(0, plic.read(claim(0), 4));
    }

    @Test
    void threshold_masksEqualAndLowerPriorities() {
        plic.write(4 * 3, 4, 2);
        plic.write(enable(2), 4, 1 << 3); // hart 1, M-mode
        plic.write(threshold(2), 4, 2);
        plic.setLevel(3, true);
        assertFalse(irq.pending(1, HartInterrupts.MEIP));
        plic.write(threshold(2), 4, 1);
        assertTrue(irq.pending(1, HartInterrupts.MEIP));
    }

    @Test
    void claim_returnsHighestPriorityThenLowestId() {
        for (int s : new int[] {4, 7, 9}) {
            plic.write(enable(0), 4, (1 << 4) | (1 << 7) | (1 << 9));
            plic.setLevel(s, true);
        }
        plic.write(4 * 4, 4, 1);
        plic.write(4 * 7, 4, 3);
        plic.write(4 * 9, 4, 3);
        assertEquals(7, plic.read(claim(0), 4));
        assertEquals(9, plic.read(claim(0), 4));
        assertEquals(4, plic.read(claim(0), 4));
        assertEquals(0, plic.read(claim(0), 4));
        assertFalse(irq.pending(0, HartInterrupts.MEIP), "everything claimed");
    }

    @Test
    void complete_withLevelStillHigh_makesTheSourcePendingAgain() {
        plic.write(4 * 10, 4, 1);
        plic.write(enable(1), 4, 1 << 10);
        plic.setLevel(10, true);
        assertEquals(10, plic.read(claim(1), 4));
        assertFalse(plic.isPending(10));
        assertFalse(irq.pending(0, HartInterrupts.SEIP));
        plic.write(claim(1), 4, 10);
        assertTrue(plic.isPending(10));
        assertTrue(irq.pending(0, HartInterrupts.SEIP));
    }

    @Test
    void complete_afterLevelDropped_leavesNothingPending() {
        plic.write(4 * 10, 4, 1);
        plic.write(enable(1), 4, 1 << 10);
        plic.setLevel(10, true);
        assertEquals(10, plic.read(claim(1), 4));
        plic.setLevel(10, false);
        plic.write(claim(1), 4, 10);
        assertFalse(plic.isPending(10));
        assertFalse(irq.pending(0, HartInterrupts.SEIP));
    }

    @Test
    void claimedSource_raisedAgain_staysQuietUntilComplete() {
        plic.write(4 * 10, 4, 1);
        plic.write(enable(1), 4, 1 << 10);
        plic.setLevel(10, true);
        plic.read(claim(1), 4);
        plic.setLevel(10, false);
        plic.setLevel(10, true);
        assertFalse(irq.pending(0, HartInterrupts.SEIP));
        plic.write(claim(1), 4, 10);
        assertTrue(irq.pending(0, HartInterrupts.SEIP));
    }

    @Test
    void completeOfSourceNotEnabled_isIgnored() {
        plic.write(4 * 10, 4, 1);
        plic.write(enable(1), 4, 1 << 10);
        plic.setLevel(10, true);
        plic.read(claim(1), 4);
        plic.write(enable(1), 4, 0);
        plic.write(claim(1), 4, 10);
        plic.write(enable(1), 4, 1 << 10);
        assertEquals(0, plic.read(claim(1), 4), "still claimed");
    }

    @Test
    void registers_maskUnimplementedBits() {
        plic.write(4 * 1, 4, 0xff);
        assertEquals(7, plic.read(4, 4));
        plic.write(enable(0), 4, 0xffffffffL);
        assertEquals(0xffffffffL, plic.read(enable(0), 4), "QEMU keeps the bit of source 0");
        plic.write(enable(0) + 8, 4, 0xffffffffL);
        assertEquals(0xffffffffL, plic.read(enable(0) + 8, 4), "sources 64..95 all exist");
        plic.write(enable(0) + 12, 4, 0xffffffffL);
        assertEquals(0, plic.read(enable(0) + 12, 4), "sources from 96 up do not exist, as in QEMU 7.2");
        plic.write(0x1000, 4, 0xffffffffL);
        assertEquals(0, plic.read(0x1000, 4), "pending is read-only");
    }

    @Test
    void nonWordAccess_isABusFault() {
        assertThrows(BusFault.class, () -> plic.read(0, 1));
        assertThrows(BusFault.class, () -> plic.write(2, 4, 0));
    }

    @Test
    void line_drivesItsSource() {
        plic.write(4 * 10, 4, 1);
        plic.write(enable(2), 4, 1 << 10);
        plic.line(10).set(true);
        assertTrue(irq.pending(1, HartInterrupts.MEIP));
        plic.line(10).set(false);
        assertFalse(irq.pending(1, HartInterrupts.MEIP));
    }

    @Test
    void reset_clearsConfigurationButKeepsRaisedLevelsPending() {
        plic.write(4 * 10, 4, 1);
        plic.write(enable(1), 4, 1 << 10);
        plic.setLevel(10, true);
        plic.read(claim(1), 4);
        plic.reset();
        assertEquals(0, plic.read(4 * 10, 4));
        assertEquals(0, plic.read(enable(1), 4));
        assertTrue(plic.isPending(10));
        assertFalse(irq.pending(0, HartInterrupts.SEIP));
    }
}
