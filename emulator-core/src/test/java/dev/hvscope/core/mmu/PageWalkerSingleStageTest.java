package dev.hvscope.core.mmu;

import static dev.hvscope.core.mmu.PageTables.AD;
import static dev.hvscope.core.mmu.PageTables.VRWX;
import static dev.hvscope.core.mmu.PteBits.A;
import static dev.hvscope.core.mmu.PteBits.D;
import static dev.hvscope.core.mmu.PteBits.R;
import static dev.hvscope.core.mmu.PteBits.U;
import static dev.hvscope.core.mmu.PteBits.V;
import static dev.hvscope.core.mmu.PteBits.W;
import static dev.hvscope.core.mmu.PteBits.X;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PageWalkerSingleStageTest {
    private TestMemory mem;
    private PageTables pt;
    private PageWalker walker;
    private TranslationRequest req;
    private Translation out;
    private long root;

    @BeforeEach
    void setUp() {
        mem = new TestMemory();
        pt = new PageTables(mem, 0x8010_0000L);
        walker = new PageWalker(mem);
        req = new TranslationRequest();
        out = new Translation();
        useMode(PagingMode.SV39);
    }

    private void useMode(PagingMode mode) {
        root = pt.root(mode);
        req.atp = PageTables.satp(mode, root);
    }

    private boolean translate(long va, AccessType type) {
        return walker.translate(va, type, req, out, null);
    }

    private void assertFault(int cause, WalkFailure failure) {
        assertFalse(out.ok, "expected a fault");
        assertEquals(cause, out.cause);
        assertEquals(failure, out.failure);
        assertEquals(-1, out.gpa);
        assertEquals(0, out.htinst);
    }

    @Test
    void globalBitOnPointer_makesMappingGlobal() {
        pt.map(PagingMode.SV39, root, 0x1000, 0x9000_1000L, 0, VRWX | AD);
        pt.map(PagingMode.SV39, root, 0x4000_1000L, 0x9000_2000L, 0, VRWX | AD);
        assertTrue(translate(0x1000, AccessType.LOAD));
        assertFalse(out.global);
        long l1 = pt.pteAddress(PagingMode.SV39, root, 0x4000_1000L, 1);
        mem.put(l1, mem.get(l1) | PteBits.G);
        assertTrue(translate(0x4000_1000L, AccessType.LOAD));
        assertTrue(out.global);
        assertTrue(translate(0x1000, AccessType.LOAD));
        assertFalse(out.global);
    }

    @Test
    void bareSatp_passesAddressThrough() {
        req.atp = 0;
        assertTrue(translate(0x1234_5678L, AccessType.STORE));
        assertEquals(0x1234_5678L, out.pa);
        assertEquals(12, out.pageShift);
    }

    @Test
    void sv39Walk_translates4KiBLeaf() {
        pt.map(PagingMode.SV39, root, 0x4000_1000L, 0x9000_3000L, 0, VRWX | AD);
        assertTrue(translate(0x4000_1abcL, AccessType.LOAD));
        assertEquals(0x9000_3abcL, out.pa);
        assertEquals(12, out.pageShift);
        assertEquals(0, out.level);
        assertNull(out.failure);
    }

    @Test
    void sv39Walk_translates2MiBSuperpage() {
        pt.map(PagingMode.SV39, root, 0x4020_0000L, 0x9060_0000L, 1, VRWX | AD);
        assertTrue(translate(0x402f_edcbL, AccessType.FETCH));
        assertEquals(0x906f_edcbL, out.pa);
        assertEquals(21, out.pageShift);
        assertEquals(2 << 20, out.pageSize());
    }

    @Test
    void sv39Walk_translates1GiBSuperpageOfKernelHalf() {
        pt.map(PagingMode.SV39, root, 0xffff_ffc0_8000_0000L, 0x8000_0000L, 2, VRWX | AD);
        assertTrue(translate(0xffff_ffc0_8123_4567L, AccessType.STORE));
        assertEquals(0x8123_4567L, out.pa);
        assertEquals(30, out.pageShift);
        assertEquals(2, out.level);
    }

    @Test
    void sv48Walk_translates4KiB2MiB1GiBAnd512GiBLeaves() {
        useMode(PagingMode.SV48);
        pt.map(PagingMode.SV48, root, 0x0000_7f00_0000_1000L, 0x9000_5000L, 0, VRWX | AD);
        pt.map(PagingMode.SV48, root, 0x0000_1000_0020_0000L, 0x9080_0000L, 1, VRWX | AD);
        pt.map(PagingMode.SV48, root, 0xffff_8000_4000_0000L, 0x1_4000_0000L, 2, VRWX | AD);
        pt.map(PagingMode.SV48, root, 0x0000_0080_0000_0000L, 0x100_0000_0000L, 3, VRWX | AD);
        assertTrue(translate(0x0000_7f00_0000_1008L, AccessType.LOAD));
        assertEquals(0x9000_5008L, out.pa);
        assertTrue(translate(0x0000_1000_0021_0000L, AccessType.LOAD));
        assertEquals(0x9081_0000L, out.pa);
        assertTrue(translate(0xffff_8000_4abc_d000L, AccessType.LOAD));
        assertEquals(0x1_4abc_d000L, out.pa);
        assertEquals(30, out.pageShift);
        assertTrue(translate(0x0000_0081_2345_6789L, AccessType.LOAD));
        assertEquals(0x101_2345_6789L, out.pa);
        assertEquals(39, out.pageShift);
    }

    @Test
    void sv39Walk_faultsOnNonCanonicalVa() {
        pt.map(PagingMode.SV39, root, 0x4000_0000L, 0x8000_0000L, 2, VRWX | AD);
        // Bit 39 set but bit 38 clear: not sign-extended.
        assertFalse(translate(0x80_4000_0000L, AccessType.LOAD));
        assertFault(13, WalkFailure.ADDRESS_OUT_OF_RANGE);
        assertEquals(0x80_4000_0000L, out.tval);
        assertFalse(translate(0x80_4000_0000L, AccessType.FETCH));
        assertEquals(12, out.cause);
    }

    @Test
    void sv48Walk_acceptsVaThatSv39WouldReject() {
        useMode(PagingMode.SV48);
        pt.map(PagingMode.SV48, root, 0x80_4000_0000L, 0x8000_0000L, 2, VRWX | AD);
        assertTrue(translate(0x80_4000_0010L, AccessType.LOAD));
        assertEquals(0x8000_0010L, out.pa);
        assertFalse(translate(0x8000_0000_0000L, AccessType.LOAD));
        assertFault(13, WalkFailure.ADDRESS_OUT_OF_RANGE);
    }

    @Test
    void invalidPte_faultsWithPageFaultOfAccessType() {
        assertFalse(translate(0x1000, AccessType.FETCH));
        assertFault(12, WalkFailure.INVALID_PTE);
        assertEquals(2, out.level);
        assertFalse(translate(0x1000, AccessType.LOAD));
        assertFault(13, WalkFailure.INVALID_PTE);
        assertFalse(translate(0x1000, AccessType.STORE));
        assertFault(15, WalkFailure.INVALID_PTE);
        assertEquals(0x1000, out.tval);
    }

    @Test
    void writableButNotReadablePte_isInvalid() {
        pt.map(PagingMode.SV39, root, 0x1000, 0x9000_0000L, 0, V | W | AD);
        assertFalse(translate(0x1000, AccessType.STORE));
        assertFault(15, WalkFailure.INVALID_PTE);
        assertEquals(0, out.level);
    }

    @Test
    void reservedPteBits_makePteInvalid() {
        long leaf = pt.map(PagingMode.SV39, root, 0x1000, 0x9000_0000L, 0, VRWX | AD);
        for (int bit = 54; bit < 64; bit++) {
            mem.put(leaf, PteBits.make(0x9000_0000L, VRWX | AD) | (1L << bit));
            assertFalse(translate(0x1000, AccessType.LOAD), "bit " + bit);
            assertFault(13, WalkFailure.INVALID_PTE);
        }
        mem.put(leaf, PteBits.make(0x9000_0000L, VRWX | AD));
        assertTrue(translate(0x1000, AccessType.LOAD));
    }

    @Test
    void pointerPteWithAccessedDirtyOrUserBit_isInvalid() {
        pt.map(PagingMode.SV39, root, 0x1000, 0x9000_0000L, 0, VRWX | AD);
        long l2 = pt.pteAddress(PagingMode.SV39, root, 0x1000, 2);
        long pointer = mem.get(l2);
        for (long bit : new long[] {A, D, U}) {
            mem.put(l2, pointer | bit);
            assertFalse(translate(0x1000, AccessType.LOAD));
            assertFault(13, WalkFailure.INVALID_PTE);
            assertEquals(2, out.level);
        }
    }

    @Test
    void pointerAtLastLevel_faultsWithNoLeaf() {
        long leaf = pt.map(PagingMode.SV39, root, 0x1000, 0x9000_0000L, 0, V);
        assertFalse(translate(0x1000, AccessType.LOAD));
        assertFault(13, WalkFailure.NO_LEAF);
        assertEquals(0, out.level);
        assertEquals(PteBits.make(0x9000_0000L, V), mem.get(leaf));
    }

    @Test
    void sv39Walk_faultsOnMisalignedSuperpage() {
        pt.map(PagingMode.SV39, root, 0x4020_0000L, 0x9060_1000L, 1, VRWX | AD);
        assertFalse(translate(0x4020_0000L, AccessType.LOAD));
        assertFault(13, WalkFailure.MISALIGNED_SUPERPAGE);
        assertEquals(1, out.level);
        pt.map(PagingMode.SV39, root, 0x8000_0000L, 0x9020_0000L, 2, VRWX | AD);
        assertFalse(translate(0x8000_0000L, AccessType.STORE));
        assertFault(15, WalkFailure.MISALIGNED_SUPERPAGE);
    }

    @Test
    void leafPermissions_followAccessType() {
        pt.map(PagingMode.SV39, root, 0x1000, 0x9000_1000L, 0, V | R | AD);
        pt.map(PagingMode.SV39, root, 0x2000, 0x9000_2000L, 0, V | X | AD);
        pt.map(PagingMode.SV39, root, 0x3000, 0x9000_3000L, 0, V | R | W | AD);
        assertTrue(translate(0x1000, AccessType.LOAD));
        assertFalse(translate(0x1000, AccessType.STORE));
        assertFault(15, WalkFailure.NO_PERMISSION);
        assertFalse(translate(0x1000, AccessType.FETCH));
        assertFault(12, WalkFailure.NO_PERMISSION);
        assertTrue(translate(0x2000, AccessType.FETCH));
        assertFalse(translate(0x2000, AccessType.LOAD));
        assertFault(13, WalkFailure.NO_PERMISSION);
        assertTrue(translate(0x3000, AccessType.STORE));
        assertFalse(translate(0x3000, AccessType.FETCH));
    }

    @Test
    void mxr_makesExecuteOnlyPagesReadable() {
        pt.map(PagingMode.SV39, root, 0x2000, 0x9000_2000L, 0, V | X | AD);
        req.mxr = true;
        assertTrue(translate(0x2000, AccessType.LOAD));
        assertFalse(translate(0x2000, AccessType.STORE));
    }

    @Test
    void supervisorAccessToUserPage_needsSumAndNeverFetches() {
        pt.map(PagingMode.SV39, root, 0x1000, 0x9000_1000L, 0, VRWX | U | AD);
        assertFalse(translate(0x1000, AccessType.LOAD));
        assertFault(13, WalkFailure.NO_PERMISSION);
        req.sum = true;
        assertTrue(translate(0x1000, AccessType.LOAD));
        assertTrue(translate(0x1000, AccessType.STORE));
        assertFalse(translate(0x1000, AccessType.FETCH));
        assertFault(12, WalkFailure.NO_PERMISSION);
    }

    @Test
    void userAccess_needsUserPage() {
        pt.map(PagingMode.SV39, root, 0x1000, 0x9000_1000L, 0, VRWX | U | AD);
        pt.map(PagingMode.SV39, root, 0x2000, 0x9000_2000L, 0, VRWX | AD);
        req.userMode = true;
        req.sum = true;
        assertTrue(translate(0x1000, AccessType.FETCH));
        assertFalse(translate(0x2000, AccessType.LOAD));
        assertFault(13, WalkFailure.NO_PERMISSION);
    }

    @Test
    void load_setsAccessedOnlyAndStore_setsDirty() {
        long leaf = pt.map(PagingMode.SV39, root, 0x1000, 0x9000_1000L, 0, VRWX);
        assertTrue(translate(0x1000, AccessType.LOAD));
        assertEquals(PteBits.make(0x9000_1000L, VRWX | A), mem.get(leaf));
        assertEquals(mem.get(leaf), out.pte);
        assertTrue(translate(0x1000, AccessType.STORE));
        assertEquals(PteBits.make(0x9000_1000L, VRWX | A | D), mem.get(leaf));
        int cas = mem.casCount;
        assertTrue(translate(0x1000, AccessType.STORE));
        assertEquals(cas, mem.casCount, "no write when A and D are already set");
    }

    @Test
    void fetch_setsAccessedNotDirty() {
        long leaf = pt.map(PagingMode.SV39, root, 0x1000, 0x9000_1000L, 0, V | X);
        assertTrue(translate(0x1000, AccessType.FETCH));
        assertEquals(PteBits.make(0x9000_1000L, V | X | A), mem.get(leaf));
    }

    @Test
    void failedPermissionCheck_doesNotSetAccessed() {
        long leaf = pt.map(PagingMode.SV39, root, 0x1000, 0x9000_1000L, 0, V | R);
        assertFalse(translate(0x1000, AccessType.STORE));
        assertEquals(PteBits.make(0x9000_1000L, V | R), mem.get(leaf));
    }

    @Test
    void debugWalk_reportsTranslationWithoutWritingAccessedDirty() {
        long leaf = pt.map(PagingMode.SV39, root, 0x1000, 0x9000_1000L, 0, VRWX);
        req.debug = true;
        WalkTrace trace = new WalkTrace();
        assertTrue(walker.translate(0x1000, AccessType.STORE, req, out, trace));
        assertEquals(0x9000_1000L, out.pa);
        assertTrue(out.adPending);
        assertEquals(PteBits.make(0x9000_1000L, VRWX), mem.get(leaf));
        assertEquals(0, mem.casCount);
        assertEquals(A | D, trace.adNeeded(2));
        assertFalse(trace.adWritten(2));
        assertTrue(trace.format().contains("needs A|D"), trace.format());
    }

    @Test
    void lostAccessedDirtyRace_restartsWalkWithNewPte() {
        long leaf = pt.map(PagingMode.SV39, root, 0x1000, 0x9000_1000L, 0, VRWX);
        // Another hart remaps the page between our read and our CAS.
        mem.beforeNextCas = () -> mem.put(leaf, PteBits.make(0x9000_7000L, VRWX));
        WalkTrace trace = new WalkTrace();
        assertTrue(walker.translate(0x1000, AccessType.LOAD, req, out, trace));
        assertEquals(0x9000_7000L, out.pa);
        assertEquals(PteBits.make(0x9000_7000L, VRWX | A), mem.get(leaf));
        assertEquals(WalkTrace.Outcome.RETRY, trace.outcome(2));
        assertEquals(6, trace.size());
    }

    @Test
    void lostRaceToInvalidation_faults() {
        long leaf = pt.map(PagingMode.SV39, root, 0x1000, 0x9000_1000L, 0, VRWX);
        mem.beforeNextCas = () -> mem.put(leaf, 0);
        assertFalse(translate(0x1000, AccessType.STORE));
        assertFault(15, WalkFailure.INVALID_PTE);
    }

    @Test
    void unreadablePte_raisesAccessFaultOfAccessType() {
        pt.map(PagingMode.SV39, root, 0x1000, 0x9000_1000L, 0, VRWX | AD);
        mem.denyRead(pt.pteAddress(PagingMode.SV39, root, 0x1000, 1));
        assertFalse(translate(0x1000, AccessType.LOAD));
        assertFault(5, WalkFailure.PTE_ACCESS_FAULT);
        assertEquals(1, out.level);
        assertFalse(translate(0x1000, AccessType.FETCH));
        assertEquals(1, out.cause);
        assertFalse(translate(0x1000, AccessType.STORE));
        assertEquals(7, out.cause);
    }

    @Test
    void unwritablePteDuringDirtyUpdate_raisesStoreAccessFault() {
        long leaf = pt.map(PagingMode.SV39, root, 0x1000, 0x9000_1000L, 0, VRWX | A);
        mem.denyWrite(leaf);
        assertTrue(translate(0x1000, AccessType.LOAD));
        assertFalse(translate(0x1000, AccessType.STORE));
        assertFault(7, WalkFailure.PTE_ACCESS_FAULT);
    }

    @Test
    void rootOutsideMemory_raisesAccessFault() {
        req.atp = PageTables.satp(PagingMode.SV39, 0x1000_0000L);
        assertFalse(translate(0x1000, AccessType.LOAD));
        assertFault(5, WalkFailure.PTE_ACCESS_FAULT);
        assertEquals(2, out.level);
    }

    @Test
    void reservedSatpMode_faultsAsUnsupported() {
        req.atp = 5L << 60;
        assertFalse(translate(0x1000, AccessType.LOAD));
        assertFault(13, WalkFailure.UNSUPPORTED_MODE);
    }

    @Test
    void trace_listsEachLevelWithTableIndexAndPte() {
        pt.map(PagingMode.SV39, root, 0x4000_1000L, 0x9000_3000L, 0, VRWX | AD);
        WalkTrace trace = new WalkTrace();
        assertTrue(walker.translate(0x4000_1000L, AccessType.LOAD, req, out, trace));
        assertEquals(3, trace.size());
        assertEquals(3, trace.count(Stage.SINGLE));
        for (int i = 0; i < 3; i++) {
            assertEquals(Stage.SINGLE, trace.stage(i));
            assertEquals(2 - i, trace.level(i));
            assertEquals(trace.tableAddress(i) + trace.index(i) * 8, trace.pteAddress(i));
            assertEquals(mem.get(trace.pteAddress(i)), trace.pte(i));
        }
        assertEquals(root, trace.tableAddress(0));
        assertEquals(1, trace.index(0));
        assertEquals(0, trace.index(1));
        assertEquals(1, trace.index(2));
        assertEquals(WalkTrace.Outcome.POINTER, trace.outcome(1));
        assertEquals(WalkTrace.Outcome.LEAF, trace.outcome(2));
        String text = trace.format();
        assertTrue(text.contains("va=0x40001000"), text);
        assertTrue(text.contains("=> pa=0x90003000"), text);
        assertTrue(text.contains("DA--XWRV"), text);
    }

    @Test
    void trace_recordsFailingLevel() {
        WalkTrace trace = new WalkTrace();
        assertFalse(walker.translate(0x1000, AccessType.STORE, req, out, trace));
        assertEquals(1, trace.size());
        assertEquals(WalkTrace.Outcome.FAULT, trace.outcome(0));
        assertEquals(WalkFailure.INVALID_PTE, trace.failure(0));
        assertTrue(trace.format().contains("fault cause=15 INVALID_PTE in SINGLE stage at L2"), trace.format());
    }

    @Test
    void trace_isReusedAcrossWalks() {
        pt.map(PagingMode.SV39, root, 0x1000, 0x9000_1000L, 0, VRWX | AD);
        WalkTrace trace = new WalkTrace(2);
        walker.translate(0x1000, AccessType.LOAD, req, out, trace);
        assertEquals(2, trace.size());
        assertEquals(1, trace.dropped());
        assertTrue(out.ok, "a full trace does not stop the walk");
        walker.translate(0x5000_0000L, AccessType.LOAD, req, out, trace);
        assertEquals(1, trace.size());
        assertEquals(0, trace.dropped());
    }
}
