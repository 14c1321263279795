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
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two-stage translation. The guest: 16 MiB of RAM at GPA 0x8000_0000 backed by HPA 0x9000_0000
 * (G-stage 2 MiB leaves), and its VS-stage tables at GPA 0x8800_0000 backed by HPA 0x9800_0000,
 * mapped page by page in the G-stage so tests can choose their permissions.
 */
class PageWalkerTwoStageTest {
    static final long GUEST_RAM_GPA = 0x8000_0000L;
    static final long GUEST_RAM_HPA = 0x9000_0000L;
    static final long VS_TABLES_GPA = 0x8800_0000L;
    static final long GPA_TO_HPA = 0x1000_0000L;
    /** ArceOS guest leaves: V|R|W|X|G|A|D. */
    static final long GUEST_LEAF = 0xefL;
    /** ArceOS hypervisor G-stage leaves: V|R|W|X|U|A|D. */
    static final long G_LEAF = 0xdfL;

    private TestMemory mem;
    private PageTables gPt;
    private PageTables vsPt;
    private PageWalker walker;
    private TranslationRequest req;
    private Translation out;
    private long gRoot;
    private long vsRoot;

    @BeforeEach
    void setUp() {
        mem = new TestMemory();
        gPt = new PageTables(mem, 0x8010_0000L);
        vsPt = new PageTables(mem, VS_TABLES_GPA, GPA_TO_HPA);
        walker = new PageWalker(mem);
        req = new TranslationRequest();
        out = new Translation();
        gRoot = gPt.root(PagingMode.SV39X4);
        vsRoot = vsPt.root(PagingMode.SV39);
        for (long off = 0; off < (16 << 20); off += 2 << 20) {
            gPt.map(PagingMode.SV39X4, gRoot, GUEST_RAM_GPA + off, GUEST_RAM_HPA + off, 1, G_LEAF);
        }
        req.twoStage = true;
        req.atp = PageTables.satp(PagingMode.SV39, vsRoot);
        req.hgatp = PageTables.hgatp(PagingMode.SV39X4, 0, gRoot);
    }

    /** Maps every VS-stage table page allocated so far in the G-stage, with {@code flags}. */
    private void mapVsTablesInG(long flags) {
        for (long gpa = VS_TABLES_GPA; gpa < vsPt.next(); gpa += 4096) {
            gPt.map(PagingMode.SV39X4, gRoot, gpa, gpa + GPA_TO_HPA, 0, flags);
        }
    }

    private boolean translate(long va, AccessType type) {
        return walker.translate(va, type, req, out, null);
    }

    private void assertGuestPageFault(int cause, WalkFailure failure, long gpa, int htinst) {
        assertFalse(out.ok, "expected a guest-page fault");
        assertEquals(Stage.G, out.failedStage);
        assertEquals(cause, out.cause);
        assertEquals(failure, out.failure);
        assertEquals(gpa, out.gpa, "gpa 0x" + Long.toHexString(out.gpa));
        assertEquals(htinst, out.htinst);
    }

    @Test
    void arceosPflashLoad_faultsWithLoadGuestPageFaultUntilHypervisorMapsIt() {
        // The guest's boot table: 1 GiB leaves at the physical-to-virtual offset.
        vsPt.map(PagingMode.SV39, vsRoot, 0xffff_ffc0_0000_0000L, 0, 2, GUEST_LEAF);
        mapVsTablesInG(G_LEAF);
        long va = 0xffff_ffc0_2200_0000L;

        assertFalse(translate(va, AccessType.LOAD));
        assertGuestPageFault(21, WalkFailure.INVALID_PTE, 0x2200_0000L, 0);
        assertEquals(va, out.tval);
        assertEquals(0x0880_0000L, out.gpa >>> 2, "htval");

        // The hypervisor's passthrough: map_linear(0x2200_0000, 0x2200_0000, 4096, RWXU).
        gPt.map(PagingMode.SV39X4, gRoot, 0x2200_0000L, 0x2200_0000L, 0, G_LEAF);
        assertTrue(translate(va, AccessType.LOAD));
        assertEquals(0x2200_0000L, out.pa);
        assertEquals(0x2200_0000L, out.gpa);
        assertEquals(12, out.pageShift, "VS 1 GiB over G 4 KiB is a 4 KiB mapping");
        assertEquals(2, out.level);
    }

    @Test
    void arceosPflashLoad_traceShowsVsLeafThenFailingGStageWalk() {
        vsPt.map(PagingMode.SV39, vsRoot, 0xffff_ffc0_0000_0000L, 0, 2, GUEST_LEAF);
        mapVsTablesInG(G_LEAF);
        WalkTrace trace = new WalkTrace();
        walker.translate(0xffff_ffc0_2200_0000L, AccessType.LOAD, req, out, trace);
        // VS L2 leaf, its PTE read through G (L2 -> L1 -> L0 leaf), then the final GPA's G walk,
        // which finds G-stage root entry 0 empty (nothing below 1 GiB is mapped yet).
        assertEquals(1, trace.count(Stage.VS));
        assertEquals(0x100, trace.index(0));
        assertEquals(WalkTrace.Outcome.LEAF, trace.outcome(0));
        for (int i = 1; i <= 3; i++) {
            assertTrue(trace.nested(i));
            assertEquals(WalkTrace.Purpose.PTE_READ, trace.purpose(i));
            assertEquals(trace.pteAddress(0), trace.inputAddress(i));
        }
        assertEquals(trace.pteAddress(0) + GPA_TO_HPA, trace.pteHostAddress(0));
        assertEquals(5, trace.size());
        assertFalse(trace.nested(4));
        assertEquals(Stage.G, trace.stage(4));
        assertEquals(2, trace.level(4));
        assertEquals(0, trace.index(4));
        assertEquals(0x2200_0000L, trace.inputAddress(4));
        assertEquals(WalkTrace.Outcome.FAULT, trace.outcome(4));
        String text = trace.format();
        assertTrue(text.contains("fault cause=21 INVALID_PTE in G stage at L2 gpa=0x22000000 htval=0x8800000"), text);
    }

    @Test
    void twoStageWalk_pageSizeIsTheSmallerOfBothLeaves() {
        vsPt.map(PagingMode.SV39, vsRoot, 0x1000, GUEST_RAM_GPA + 0x5000, 0, VRWX | AD);
        vsPt.map(PagingMode.SV39, vsRoot, 0x4000_0000L, GUEST_RAM_GPA + 0x20_0000, 1, VRWX | AD);
        vsPt.map(PagingMode.SV39, vsRoot, 0xc000_0000L, 0x1_0000_0000L, 2, VRWX | AD);
        gPt.map(PagingMode.SV39X4, gRoot, 0x1_0000_0000L, 0x1_4000_0000L, 2, G_LEAF);
        mapVsTablesInG(G_LEAF);

        assertTrue(translate(0x1234, AccessType.LOAD));
        assertEquals(GUEST_RAM_HPA + 0x5234, out.pa);
        assertEquals(12, out.pageShift, "VS 4 KiB over G 2 MiB");
        assertTrue(translate(0x4001_2345L, AccessType.LOAD));
        assertEquals(GUEST_RAM_HPA + 0x21_2345, out.pa);
        assertEquals(21, out.pageShift, "VS 2 MiB over G 2 MiB");
        assertTrue(translate(0xc123_4567L, AccessType.LOAD));
        assertEquals(0x1_4123_4567L, out.pa);
        assertEquals(30, out.pageShift, "VS 1 GiB over G 1 GiB");
    }

    @Test
    void gStageLeafWithoutUserBit_isGuestPageFaultOfAccessType() {
        vsPt.map(PagingMode.SV39, vsRoot, 0x1000, 0x2200_0000L, 0, VRWX | AD);
        mapVsTablesInG(G_LEAF);
        gPt.map(PagingMode.SV39X4, gRoot, 0x2200_0000L, 0x2200_0000L, 0, G_LEAF & ~U);
        assertFalse(translate(0x1008, AccessType.LOAD));
        assertGuestPageFault(21, WalkFailure.NO_PERMISSION, 0x2200_0008L, 0);
        assertFalse(translate(0x1008, AccessType.STORE));
        assertGuestPageFault(23, WalkFailure.NO_PERMISSION, 0x2200_0008L, 0);
        assertFalse(translate(0x1008, AccessType.FETCH));
        assertGuestPageFault(20, WalkFailure.NO_PERMISSION, 0x2200_0008L, 0);
        assertEquals(0x1008, out.tval);
    }

    @Test
    void gStageUnmappedVsPte_faultsWithOriginalAccessTypeAndReadPseudoInstruction() {
        vsPt.map(PagingMode.SV39, vsRoot, 0x1000, GUEST_RAM_GPA, 0, VRWX | AD);
        mapVsTablesInG(G_LEAF);
        // Point the VS L2 entry at a table the G-stage does not map.
        long l2 = vsPt.pteAddress(PagingMode.SV39, vsRoot, 0x1000, 2);
        long missingTable = 0x8100_0000L;
        vsPt.put(l2, PteBits.make(missingTable, V));
        long expectedPteGpa = missingTable + PagingMode.SV39.index(0x1000, 1) * 8;

        assertFalse(translate(0x1000, AccessType.STORE));
        assertGuestPageFault(23, WalkFailure.INVALID_PTE, expectedPteGpa, 0x3000);
        assertEquals(0x1000, out.tval);
        assertFalse(translate(0x1000, AccessType.FETCH));
        assertGuestPageFault(20, WalkFailure.INVALID_PTE, expectedPteGpa, 0x3000);
        assertFalse(translate(0x1000, AccessType.LOAD));
        assertGuestPageFault(21, WalkFailure.INVALID_PTE, expectedPteGpa, 0x3000);
    }

    @Test
    void vsPteReadNeedsGStageReadPermission() {
        vsPt.map(PagingMode.SV39, vsRoot, 0x1000, GUEST_RAM_GPA, 0, VRWX | AD);
        mapVsTablesInG(V | X | U | A);
        assertFalse(translate(0x1000, AccessType.FETCH));
        assertGuestPageFault(20, WalkFailure.NO_PERMISSION, vsPt.pteAddress(PagingMode.SV39, vsRoot, 0x1000, 2), 0x3000);
    }

    @Test
    void vsAccessedUpdateOnReadOnlyGStagePage_faultsWithWritePseudoInstruction() {
        long leafGpa = vsPt.map(PagingMode.SV39, vsRoot, 0x1000, GUEST_RAM_GPA, 0, VRWX);
        mapVsTablesInG(V | R | U | A);
        assertFalse(translate(0x1000, AccessType.LOAD));
        assertGuestPageFault(21, WalkFailure.NO_PERMISSION, leafGpa, 0x3020);
        assertEquals(PteBits.make(GUEST_RAM_GPA, VRWX), vsPt.get(leafGpa), "nothing written");
    }

    @Test
    void twoStageStore_setsAccessedDirtyInBothStagesThroughTheGStage() {
        long vsLeafGpa = vsPt.map(PagingMode.SV39, vsRoot, 0x1000, 0x2200_0000L, 0, VRWX);
        for (long gpa = VS_TABLES_GPA; gpa < vsPt.next(); gpa += 4096) {
            gPt.map(PagingMode.SV39X4, gRoot, gpa, gpa + GPA_TO_HPA, 0, V | R | W | U);
        }
        long gLeaf = gPt.map(PagingMode.SV39X4, gRoot, 0x2200_0000L, 0x2200_0000L, 0, V | R | W | U);
        long vsLeafTableGLeaf = gPt.pteAddress(PagingMode.SV39X4, gRoot, vsLeafGpa, 0);

        assertTrue(translate(0x1000, AccessType.STORE));
        assertEquals(0x2200_0000L, out.pa);
        assertEquals(PteBits.make(0x2200_0000L, VRWX | A | D), mem.get(vsLeafGpa + GPA_TO_HPA));
        assertEquals(PteBits.make(0x2200_0000L, V | R | W | U | A | D), mem.get(gLeaf));
        assertEquals(mem.get(gLeaf), out.gpte);
        // The VS leaf's table page was read (A) and written for the A/D update (D).
        assertEquals(PteBits.make((vsLeafGpa & ~0xfffL) + GPA_TO_HPA, V | R | W | U | A | D),
                     mem.get(vsLeafTableGLeaf));
    }

    @Test
    void twoStageDebugWalk_writesNothingInEitherStage() {
        long vsLeafGpa = vsPt.map(PagingMode.SV39, vsRoot, 0x1000, 0x2200_0000L, 0, VRWX);
        mapVsTablesInG(V | R | W | U);
        long gLeaf = gPt.map(PagingMode.SV39X4, gRoot, 0x2200_0000L, 0x2200_0000L, 0, V | R | W | U);
        req.debug = true;
        assertTrue(translate(0x1000, AccessType.STORE));
        assertTrue(out.adPending);
        assertEquals(0, mem.casCount);
        assertEquals(PteBits.make(0x2200_0000L, VRWX), vsPt.get(vsLeafGpa));
        assertEquals(PteBits.make(0x2200_0000L, V | R | W | U), mem.get(gLeaf));
    }

    @Test
    void sv39x4Walk_faultsWhenGpaExceedsWidth() {
        req.atp = 0; // vsatp Bare: GPA = VA
        assertFalse(translate(1L << 41, AccessType.LOAD));
        assertGuestPageFault(21, WalkFailure.ADDRESS_OUT_OF_RANGE, 1L << 41, 0);
        assertEquals(1L << 41, out.tval);

        req.atp = PageTables.satp(PagingMode.SV39, vsRoot);
        vsPt.map(PagingMode.SV39, vsRoot, 0x4000_0000L, 0x200_0000_0000L, 2, VRWX | AD);
        mapVsTablesInG(G_LEAF);
        assertFalse(translate(0x4000_0010L, AccessType.STORE));
        assertGuestPageFault(23, WalkFailure.ADDRESS_OUT_OF_RANGE, 0x200_0000_0010L, 0);
    }

    @Test
    void sv39x4Walk_indexesRootWithGpaBits40To30() {
        req.atp = 0;
        long gpa = 0x180_0000_0000L; // root index 0x600: beyond a plain 4 KiB table
        gPt.map(PagingMode.SV39X4, gRoot, gpa, 0xC000_0000L, 2, G_LEAF);
        WalkTrace trace = new WalkTrace();
        assertTrue(walker.translate(gpa + 0x1234, AccessType.LOAD, req, out, trace));
        assertEquals(0xC000_1234L, out.pa);
        assertEquals(1, trace.size());
        assertEquals(0x600, trace.index(0));
        assertEquals(gRoot + 0x600 * 8, trace.pteAddress(0));
    }

    @Test
    void hgatpRoot_followsQemuByDefaultAndSpecLetterWhenStrict() {
        // The tour's G-stage root: a plain 4 KiB table, 4 KiB but not 16 KiB aligned.
        PageTables tour = new PageTables(mem, 0x8040_0000L);
        long masked = tour.alloc(4096);
        long root = tour.alloc(4096);
        assertEquals(masked, root & ~0x3fffL);
        tour.map(PagingMode.SV39X4, root, GUEST_RAM_GPA, GUEST_RAM_HPA, 1, G_LEAF);
        req.atp = 0;
        req.hgatp = PageTables.hgatp(PagingMode.SV39X4, 0, root);

        assertTrue(translate(GUEST_RAM_GPA + 0x10, AccessType.LOAD));
        assertEquals(GUEST_RAM_HPA + 0x10, out.pa);

        req.strictHgatpRoot = true;
        WalkTrace trace = new WalkTrace();
        assertFalse(walker.translate(GUEST_RAM_GPA + 0x10, AccessType.LOAD, req, out, trace));
        assertGuestPageFault(21, WalkFailure.INVALID_PTE, GUEST_RAM_GPA + 0x10, 0);
        assertEquals(masked, trace.tableAddress(0));
    }

    @Test
    void hlvx_needsExecuteInsteadOfReadInBothStages() {
        vsPt.map(PagingMode.SV39, vsRoot, 0x1000, GUEST_RAM_GPA, 0, V | X | A);
        vsPt.map(PagingMode.SV39, vsRoot, 0x2000, GUEST_RAM_GPA, 0, V | R | A);
        vsPt.map(PagingMode.SV39, vsRoot, 0x3000, 0x2200_0000L, 0, V | X | A);
        mapVsTablesInG(G_LEAF);
        gPt.map(PagingMode.SV39X4, gRoot, 0x2200_0000L, 0x2200_0000L, 0, V | R | U | A);

        assertFalse(translate(0x1000, AccessType.LOAD));
        assertEquals(13, out.cause);
        req.hlvx = true;
        assertTrue(translate(0x1000, AccessType.LOAD));
        assertEquals(GUEST_RAM_HPA, out.pa);
        assertFalse(translate(0x2000, AccessType.LOAD));
        assertEquals(13, out.cause);
        assertEquals(Stage.VS, out.failedStage);
        assertEquals(-1, out.gpa);
        assertFalse(translate(0x3000, AccessType.LOAD));
        assertGuestPageFault(21, WalkFailure.NO_PERMISSION, 0x2200_0000L, 0);
    }

    @Test
    void mxr_vsstatusAppliesToVsStageOnlyAndMstatusToBoth() {
        vsPt.map(PagingMode.SV39, vsRoot, 0x1000, GUEST_RAM_GPA, 0, V | X | A);
        vsPt.map(PagingMode.SV39, vsRoot, 0x2000, 0x2200_0000L, 0, V | R | A);
        mapVsTablesInG(G_LEAF);
        gPt.map(PagingMode.SV39X4, gRoot, 0x2200_0000L, 0x2200_0000L, 0, V | X | U | A);

        assertFalse(translate(0x1000, AccessType.LOAD));
        req.mxr = true;
        assertTrue(translate(0x1000, AccessType.LOAD));
        assertFalse(translate(0x2000, AccessType.LOAD));
        assertGuestPageFault(21, WalkFailure.NO_PERMISSION, 0x2200_0000L, 0);
        req.mxr = false;
        req.hsMxr = true;
        assertTrue(translate(0x1000, AccessType.LOAD));
        assertTrue(translate(0x2000, AccessType.LOAD));
    }

    @Test
    void vsStageFailure_isOrdinaryPageFaultWithoutGpa() {
        vsPt.map(PagingMode.SV39, vsRoot, 0x1000, GUEST_RAM_GPA, 0, VRWX | AD);
        mapVsTablesInG(G_LEAF);
        req.userMode = true;
        assertFalse(translate(0x1000, AccessType.LOAD));
        assertEquals(13, out.cause);
        assertEquals(WalkFailure.NO_PERMISSION, out.failure);
        assertEquals(Stage.VS, out.failedStage);
        assertEquals(-1, out.gpa);
        assertEquals(0, out.htinst);
        assertFalse(translate(0x5000_0000L, AccessType.STORE));
        assertEquals(15, out.cause);
        assertEquals(WalkFailure.INVALID_PTE, out.failure);
    }

    @Test
    void gStageMisalignedSuperpage_isGuestPageFault() {
        req.atp = 0;
        gPt.map(PagingMode.SV39X4, gRoot, 0x4000_0000L, 0x9000_1000L, 2, G_LEAF);
        assertFalse(translate(0x4000_0000L, AccessType.LOAD));
        assertGuestPageFault(21, WalkFailure.MISALIGNED_SUPERPAGE, 0x4000_0000L, 0);
        assertEquals(2, out.level);
    }

    @Test
    void gStageTableOutsideMemory_isAccessFaultWithoutGpa() {
        req.atp = 0;
        req.hgatp = PageTables.hgatp(PagingMode.SV39X4, 0, 0x1000_0000L);
        assertFalse(translate(0x8000_0000L, AccessType.STORE));
        assertEquals(7, out.cause);
        assertEquals(WalkFailure.PTE_ACCESS_FAULT, out.failure);
        assertEquals(Stage.G, out.failedStage);
        assertEquals(-1, out.gpa);
        assertEquals(0, out.htinst);
    }

    @Test
    void bareStages_passAddressesThrough() {
        req.atp = 0;
        req.hgatp = 0;
        assertTrue(translate(0x1234_5678L, AccessType.STORE));
        assertEquals(0x1234_5678L, out.pa);
        assertEquals(0x1234_5678L, out.gpa);
        assertEquals(12, out.pageShift);

        // hgatp Bare: VS tables are read at their GPA, which is the HPA.
        PageTables direct = new PageTables(mem, 0x8060_0000L);
        long root = direct.root(PagingMode.SV39);
        direct.map(PagingMode.SV39, root, 0x4000_0000L, 0x2200_0000L, 1, VRWX | AD);
        req.atp = PageTables.satp(PagingMode.SV39, root);
        assertTrue(translate(0x4000_1234L, AccessType.LOAD));
        assertEquals(0x2200_1234L, out.pa);
        assertEquals(0x2200_1234L, out.gpa);
        assertEquals(0, out.gpte);
        assertEquals(21, out.pageShift);
    }

    @Test
    void vsatpBare_sendsVaStraightToGStage() {
        req.atp = 0;
        assertTrue(translate(GUEST_RAM_GPA + 0x12_3456, AccessType.FETCH));
        assertEquals(GUEST_RAM_HPA + 0x12_3456, out.pa);
        assertEquals(21, out.pageShift);
        assertEquals(1, out.level);
        assertEquals(0, out.pte);
    }

    @Test
    void twoStageTrace_nestsAGStageWalkUnderEveryVsLevel() {
        vsPt.map(PagingMode.SV39, vsRoot, 0x1000, GUEST_RAM_GPA + 0x3000, 0, VRWX | AD);
        mapVsTablesInG(G_LEAF);
        WalkTrace trace = new WalkTrace();
        assertTrue(walker.translate(0x1000, AccessType.LOAD, req, out, trace));
        // Per VS level: the VS step, then the nested G walk of its PTE (L2, L1, L0 for 4 KiB-mapped
        // tables); then the final GPA's G walk (L2, L1 over guest RAM's 2 MiB leaves).
        assertEquals(3, trace.count(Stage.VS));
        assertEquals(3 * 3 + 2, trace.count(Stage.G));
        int i = 0;
        for (int vsLevel = 2; vsLevel >= 0; vsLevel--) {
            assertEquals(Stage.VS, trace.stage(i));
            assertEquals(vsLevel, trace.level(i));
            long pteGpa = trace.pteAddress(i);
            i++;
            for (int gLevel = 2; gLevel >= 0; gLevel--, i++) {
                assertEquals(Stage.G, trace.stage(i));
                assertTrue(trace.nested(i));
                assertEquals(gLevel, trace.level(i));
                assertEquals(pteGpa, trace.inputAddress(i));
            }
        }
        assertEquals(Stage.G, trace.stage(i));
        assertFalse(trace.nested(i));
        assertEquals(GUEST_RAM_GPA + 0x3000, trace.inputAddress(i));
        assertEquals(WalkTrace.Outcome.LEAF, trace.outcome(i + 1));
        assertEquals(i + 2, trace.size());
    }
}
