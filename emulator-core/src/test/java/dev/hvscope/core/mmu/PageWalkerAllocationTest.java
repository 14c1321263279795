package dev.hvscope.core.mmu;

import static dev.hvscope.core.mmu.PageTables.AD;
import static dev.hvscope.core.mmu.PageTables.VRWX;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The walker runs on every TLB miss: walks, faults and traces must allocate nothing. */
class PageWalkerAllocationTest {
    private static final long BASE = 0x8000_0000L;
    private static final int WORDS = 4 << 20 >> 3; // 4 MiB of host memory

    @Test
    void twoStageWalksFaultsAndTraces_allocateNothing() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported());
        threads.setThreadAllocatedMemoryEnabled(true);

        TestMemory built = new TestMemory();
        PageTables gPt = new PageTables(built, BASE + 0x10_0000);
        PageTables vsPt = new PageTables(built, BASE + 0x20_0000);
        long gRoot = gPt.root(PagingMode.SV39X4);
        long vsRoot = vsPt.root(PagingMode.SV39);
        vsPt.map(PagingMode.SV39, vsRoot, 0x1000, BASE + 0x3000, 0, VRWX);
        for (long gpa = BASE; gpa < BASE + (4 << 20); gpa += 4096) {
            gPt.map(PagingMode.SV39X4, gRoot, gpa, gpa, 0, VRWX | PteBits.U);
        }
        PhysReader mem = built.snapshot(BASE, WORDS);
        PageWalker walker = new PageWalker(mem);
        TranslationRequest req = new TranslationRequest();
        req.twoStage = true;
        req.atp = PageTables.satp(PagingMode.SV39, vsRoot);
        req.hgatp = PageTables.hgatp(PagingMode.SV39X4, 1, gRoot);
        Translation out = new Translation();
        WalkTrace trace = new WalkTrace();

        // First walk sets A/D everywhere (through cas64); then the steady state.
        assertTrue(walker.translate(0x1000, AccessType.STORE, req, out, trace));
        for (int i = 0; i < 20_000; i++) {
            runOnce(walker, req, out, trace);
        }
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < 200_000; i++) {
            runOnce(walker, req, out, trace);
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertTrue(allocated < 4096, "allocated " + allocated + " bytes in 200k walks");
    }

    private static void runOnce(PageWalker walker, TranslationRequest req, Translation out, WalkTrace trace) {
        assertTrue(walker.translate(0x1008, AccessType.LOAD, req, out, null));
        assertTrue(walker.translate(0x1008, AccessType.STORE, req, out, trace));
        assertFalse(walker.translate(0x5000, AccessType.FETCH, req, out, trace));
        assertFalse(walker.translate(0x40_0000_0000L, AccessType.LOAD, req, out, null));
    }
}
