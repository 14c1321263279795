package dev.hvscope.core.mmu;

import static dev.hvscope.core.mmu.Pmp.A_NA4;
import static dev.hvscope.core.mmu.Pmp.A_NAPOT;
import static dev.hvscope.core.mmu.Pmp.A_TOR;
import static dev.hvscope.core.mmu.Pmp.CFG_L;
import static dev.hvscope.core.mmu.Pmp.CFG_R;
import static dev.hvscope.core.mmu.Pmp.CFG_W;
import static dev.hvscope.core.mmu.Pmp.CFG_X;
import static dev.hvscope.core.mmu.Pmp.PRIV_M;
import static dev.hvscope.core.mmu.Pmp.PRIV_S;
import static dev.hvscope.core.mmu.Pmp.PRIV_U;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PmpTest {
    private static final int RWX = CFG_R | CFG_W | CFG_X;
    private final Pmp pmp = new Pmp();

    private static int cfg(int a, int perms) {
        return (a << Pmp.CFG_A_SHIFT) | perms;
    }

    /** Sets entry i's config byte, keeping the others. */
    private void setCfg(int i, int value) {
        int reg = i < 8 ? 0 : 2;
        int shift = 8 * (i % 8);
        long old = pmp.readPmpcfg(reg);
        pmp.writePmpcfg(reg, (old & ~(0xFFL << shift)) | ((long) value << shift));
    }

    private static long napot(long base, long size) {
        return (base >>> 2) | ((size >>> 3) - 1);
    }

    @Test
    void noEntryActive_deniesSupervisorAndUserButAllowsMachine() {
        assertFalse(pmp.check(0x8000_0000L, 4, AccessType.LOAD, PRIV_S));
        assertFalse(pmp.check(0x8000_0000L, 4, AccessType.FETCH, PRIV_U));
        assertTrue(pmp.check(0x8000_0000L, 4, AccessType.STORE, PRIV_M));
    }

    @Test
    void qemuMode_allowsUnmatchedWhileNoEntryIsActive() {
        pmp.setAllowUnmatchedWhenNoneActive(true);
        assertTrue(pmp.check(0x8000_0000L, 4, AccessType.LOAD, PRIV_S));
        pmp.writePmpaddr(0, 0x1000 >>> 2);
        setCfg(0, cfg(A_TOR, RWX));
        assertFalse(pmp.check(0x8000_0000L, 4, AccessType.LOAD, PRIV_S));
    }

    @Test
    void noImplementedEntries_allowEverything() {
        Pmp none = new Pmp(0);
        assertTrue(none.check(0x8000_0000L, 8, AccessType.STORE, PRIV_U));
        none.writePmpaddr(0, 0x1234);
        assertEquals(0, none.readPmpaddr(0));
    }

    @Test
    void torEntry_matchesFromPreviousAddressUpToItsOwn() {
        pmp.writePmpaddr(0, 0x8000_0000L >>> 2);
        pmp.writePmpaddr(1, 0x8010_0000L >>> 2);
        setCfg(1, cfg(A_TOR, CFG_R | CFG_X));
        assertFalse(pmp.check(0x7fff_fffcL, 4, AccessType.LOAD, PRIV_S));
        assertTrue(pmp.check(0x8000_0000L, 4, AccessType.LOAD, PRIV_S));
        assertTrue(pmp.check(0x800f_fffcL, 4, AccessType.FETCH, PRIV_U));
        assertFalse(pmp.check(0x800f_fffcL, 4, AccessType.STORE, PRIV_S));
        assertFalse(pmp.check(0x8010_0000L, 4, AccessType.LOAD, PRIV_S));
    }

    @Test
    void torEntryZero_startsAtAddressZero() {
        pmp.writePmpaddr(0, 0x1000 >>> 2);
        setCfg(0, cfg(A_TOR, CFG_R));
        assertTrue(pmp.check(0, 8, AccessType.LOAD, PRIV_U));
        assertTrue(pmp.check(0xff8, 8, AccessType.LOAD, PRIV_U));
        assertFalse(pmp.check(0x1000, 8, AccessType.LOAD, PRIV_U));
    }

    @Test
    void torWithUpperBelowLower_matchesNothing() {
        pmp.writePmpaddr(0, 0x9000_0000L >>> 2);
        pmp.writePmpaddr(1, 0x8000_0000L >>> 2);
        setCfg(1, cfg(A_TOR, RWX));
        assertFalse(pmp.check(0x8800_0000L, 4, AccessType.LOAD, PRIV_S));
    }

    @Test
    void napotEntry_matchesItsNaturallyAlignedRegion() {
        pmp.writePmpaddr(0, napot(0x8000_0000L, 64 << 10));
        setCfg(0, cfg(A_NAPOT, CFG_R | CFG_W));
        assertEquals(0x8000_0000L, pmp.entryStart(0));
        assertEquals(0x8001_0000L, pmp.entryEnd(0));
        assertTrue(pmp.check(0x8000_0000L, 8, AccessType.STORE, PRIV_S));
        assertTrue(pmp.check(0x8000_fff8L, 8, AccessType.LOAD, PRIV_S));
        assertFalse(pmp.check(0x8000_fff8L, 8, AccessType.FETCH, PRIV_S));
        assertFalse(pmp.check(0x8001_0000L, 8, AccessType.LOAD, PRIV_S));
        assertFalse(pmp.check(0x7fff_fff8L, 8, AccessType.LOAD, PRIV_S));
    }

    @Test
    void napotAllOnes_coversWholeAddressSpace() {
        pmp.writePmpaddr(0, -1L);
        setCfg(0, cfg(A_NAPOT, RWX));
        assertEquals((1L << 54) - 1, pmp.readPmpaddr(0), "pmpaddr holds 54 bits");
        assertTrue(pmp.check(0, 8, AccessType.LOAD, PRIV_U));
        assertTrue(pmp.check(0xff_ffff_ffff_fff8L, 8, AccessType.STORE, PRIV_U));
    }

    @Test
    void na4Entry_matchesExactlyFourBytes() {
        pmp.writePmpaddr(0, 0x1000_0004L >>> 2);
        setCfg(0, cfg(A_NA4, CFG_R));
        assertTrue(pmp.check(0x1000_0004L, 4, AccessType.LOAD, PRIV_S));
        assertFalse(pmp.check(0x1000_0000L, 4, AccessType.LOAD, PRIV_S));
        assertFalse(pmp.check(0x1000_0008L, 1, AccessType.LOAD, PRIV_S));
        assertFalse(pmp.check(0x1000_0004L, 8, AccessType.LOAD, PRIV_S), "partly outside");
    }

    @Test
    void lowestNumberedMatchingEntry_decides() {
        pmp.writePmpaddr(0, napot(0x8000_0000L, 4096));
        setCfg(0, cfg(A_NAPOT, CFG_R));
        pmp.writePmpaddr(1, napot(0x8000_0000L, 1 << 20));
        setCfg(1, cfg(A_NAPOT, RWX));
        assertFalse(pmp.check(0x8000_0100L, 4, AccessType.STORE, PRIV_S));
        assertTrue(pmp.check(0x8000_1100L, 4, AccessType.STORE, PRIV_S));
    }

    @Test
    void accessPartlyInsideRegion_failsEvenForMachineMode() {
        pmp.writePmpaddr(0, napot(0x8000_0000L, 4096));
        setCfg(0, cfg(A_NAPOT, RWX));
        pmp.writePmpaddr(1, napot(0x8000_0000L, 1 << 20));
        setCfg(1, cfg(A_NAPOT, RWX));
        assertTrue(pmp.check(0x8000_0ff8L, 8, AccessType.LOAD, PRIV_S));
        assertFalse(pmp.check(0x8000_0ffcL, 8, AccessType.LOAD, PRIV_S));
        assertFalse(pmp.check(0x8000_0ffcL, 8, AccessType.LOAD, PRIV_M));
    }

    @Test
    void unlockedEntry_doesNotRestrictMachineMode() {
        pmp.writePmpaddr(0, napot(0x8000_0000L, 4096));
        setCfg(0, cfg(A_NAPOT, 0));
        assertTrue(pmp.check(0x8000_0000L, 4, AccessType.STORE, PRIV_M));
        assertFalse(pmp.check(0x8000_0000L, 4, AccessType.LOAD, PRIV_S));
    }

    @Test
    void lockedEntry_appliesToMachineModeAndIgnoresWrites() {
        pmp.writePmpaddr(0, napot(0x8000_0000L, 4096));
        setCfg(0, cfg(A_NAPOT, CFG_R) | CFG_L);
        assertTrue(pmp.check(0x8000_0000L, 4, AccessType.LOAD, PRIV_M));
        assertFalse(pmp.check(0x8000_0000L, 4, AccessType.STORE, PRIV_M));
        assertFalse(pmp.check(0x8000_0000L, 4, AccessType.FETCH, PRIV_M));

        int version = pmp.version();
        setCfg(0, cfg(A_NAPOT, RWX));
        pmp.writePmpaddr(0, napot(0x9000_0000L, 4096));
        assertEquals(cfg(A_NAPOT, CFG_R) | CFG_L, pmp.entryConfig(0));
        assertEquals(napot(0x8000_0000L, 4096), pmp.readPmpaddr(0));
        assertEquals(version, pmp.version());
        assertFalse(pmp.check(0x8000_0000L, 4, AccessType.STORE, PRIV_M));
    }

    @Test
    void lockedTorEntry_locksThePreviousAddressRegister() {
        pmp.writePmpaddr(0, 0x8000_0000L >>> 2);
        pmp.writePmpaddr(1, 0x8010_0000L >>> 2);
        setCfg(1, cfg(A_TOR, CFG_R) | CFG_L);
        pmp.writePmpaddr(0, 0x7000_0000L >>> 2);
        assertEquals(0x8000_0000L >>> 2, pmp.readPmpaddr(0));
        // Entry 0's config is still writable.
        setCfg(0, cfg(A_NA4, CFG_R));
        assertEquals(cfg(A_NA4, CFG_R), pmp.entryConfig(0));
    }

    @Test
    void lockedNapotEntry_leavesThePreviousAddressWritable() {
        pmp.writePmpaddr(1, napot(0x8000_0000L, 4096));
        setCfg(1, cfg(A_NAPOT, CFG_R) | CFG_L);
        pmp.writePmpaddr(0, 0x1234);
        assertEquals(0x1234, pmp.readPmpaddr(0));
    }

    @Test
    void pmpcfgWrite_dropsReservedBitsAndIgnoresWriteOnlyCombination() {
        pmp.writePmpcfg(0, 0x7FL | ((long) (CFG_W | (A_TOR << 3)) << 8));
        assertEquals(0x1F, pmp.entryConfig(0), "bits 6:5 read as zero");
        assertEquals(0, pmp.entryConfig(1), "R=0,W=1 write ignored");
        assertEquals(0x1F, pmp.readPmpcfg(0));
        assertThrows(IllegalArgumentException.class, () -> pmp.readPmpcfg(1));
    }

    @Test
    void pmpcfg2_holdsEntries8To15() {
        pmp.writePmpaddr(15, napot(0x8000_0000L, 4096));
        pmp.writePmpcfg(2, (long) cfg(A_NAPOT, CFG_R) << 56);
        assertEquals(cfg(A_NAPOT, CFG_R), pmp.entryConfig(15));
        assertTrue(pmp.check(0x8000_0000L, 4, AccessType.LOAD, PRIV_U));
    }

    @Test
    void version_changesOnlyWhenRulesChange() {
        int v0 = pmp.version();
        pmp.writePmpaddr(0, 0x100);
        int v1 = pmp.version();
        assertNotEquals(v0, v1);
        pmp.writePmpaddr(0, 0x100);
        setCfg(0, 0);
        assertEquals(v1, pmp.version());
        setCfg(0, cfg(A_NA4, CFG_R));
        assertNotEquals(v1, pmp.version());
    }

    @Test
    void pagePermissions_reportsUniformPagesAndRefusesSplitOnes() {
        pmp.writePmpaddr(0, 0x8000_0800L >>> 2);
        setCfg(0, cfg(A_NA4, CFG_R));
        pmp.writePmpaddr(1, napot(0x8000_0000L, 1 << 20));
        setCfg(1, cfg(A_NAPOT, CFG_R | CFG_W));
        assertEquals(-1, pmp.pagePermissions(0x8000_0000L, PRIV_S), "NA4 splits the page");
        assertFalse(pmp.pageUniform(0x8000_0000L, PRIV_S));
        assertEquals(CFG_R | CFG_W, pmp.pagePermissions(0x8000_1000L, PRIV_S));
        assertEquals(RWX, pmp.pagePermissions(0x8000_1000L, PRIV_M));
        assertEquals(0, pmp.pagePermissions(0x9000_0000L, PRIV_U), "unmatched S/U page");
        assertEquals(RWX, pmp.pagePermissions(0x9000_0000L, PRIV_M));
        assertEquals(0, pmp.pagePermissions(0x8010_0000L, PRIV_S), "just above the region: unmatched");
        // A TOR region ending mid-page.
        pmp.writePmpaddr(2, 0x8020_0800L >>> 2);
        setCfg(2, cfg(A_TOR, RWX));
        assertEquals(RWX, pmp.pagePermissions(0x801f_f000L, PRIV_U));
        assertEquals(-1, pmp.pagePermissions(0x8020_0000L, PRIV_U));
        assertEquals(-1, pmp.pagePermissions(0x8020_0000L, PRIV_M));
    }
}
