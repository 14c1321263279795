package dev.hvscope.plugin.dap;

import static dev.hvscope.plugin.dap.DapTestClient.error;
import static dev.hvscope.plugin.dap.DapTestClient.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.debug.InstructionBreakpoint;
import org.eclipse.lsp4j.debug.SetInstructionBreakpointsArguments;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hvscope/ requests and the hvscope/vmExit event, through lsp4j's client launcher, against
 * hvscope's stub on a hosted VM running the pflash demo guest (pflash passthrough at GPA 0x22000000).
 */
class DebugAdapterCustomRequestsTest {
    private static final long DEV_READ32_LOAD = 0x8020_0044L;
    private HostedDapSession vm;
    private DapTestClient c;

    @BeforeEach
    void start() throws Exception {
        vm = HostedDapSession.start();
        c = vm.c;
        vm.initialize();
    }

    @AfterEach
    void stop() throws Exception {
        vm.close();
    }

    private static SubscribeExitsArguments kinds(String... kinds) {
        SubscribeExitsArguments a = new SubscribeExitsArguments();
        a.kinds = kinds;
        return a;
    }

    @Test
    void subscribedNestedPageFault_sendsVmExitEvent_andTheRunGoesOnToTheGuestsOutput() throws Exception {
        vm.attachAtEntry("elf");
        SubscribeExitsResult sub = get(c.server.subscribeExits(kinds("nested-page-fault")));
        assertEquals("stub", sub.via);
        vm.continueRun();
        VmExitEventArguments e = c.vmExits.poll(30, TimeUnit.SECONDS);
        assertNotNull(e, "a hvscope/vmExit event");
        assertEquals("nested-page-fault", e.kind);
        assertEquals(21, e.cause);   // load guest-page fault
        assertEquals("0x22000000", e.gpa);
        assertEquals("0x8800000", e.htval);
        assertEquals("0xffffffc022000000", e.stval);
        assertEquals(Addresses.hex(DEV_READ32_LOAD), e.pc);
        assertEquals(1, e.threadId);
        assertEquals(false, e.stopped);
        assertEquals("npf", e.entry.kind);
        assertEquals("0x22000000", e.entry.gpa);
        // no stop: the guest runs to its end
        assertNotNull(c.terminated.poll(30, TimeUnit.SECONDS), "terminated");
        assertTrue(c.stopped.isEmpty(), "no stopped event: " + c.stopped);
        assertTrue(vm.consoleText().contains("pflash payload: hvscope pflash payload"), vm.consoleText());
    }

    @Test
    void subscriptionAndFilter_stopAtTheExit_andExitLogListsItLatestFirst() throws Exception {
        vm.attachAtEntry("elf");
        ExitLogArguments page = new ExitLogArguments();
        ExitLogResult empty = get(c.server.exitLog(page));
        assertEquals(0, empty.total);
        assertEquals(0, empty.entries.length);

        get(c.server.subscribeExits(kinds("any-trap-from-v")));
        vm.exceptionFilter("nested-page-fault", "0x22000000..0x22001000");
        vm.continueRun();
        StoppedEventArguments s = c.nextStop();
        assertEquals("exception", s.getReason());
        assertTrue(s.getDescription().startsWith("VM exit: nested page fault (scause 21, GPA 0x22000000"),
                s.getDescription());
        // every exit before the fault was an event, not a stop; the fault itself says it stopped
        VmExitEventArguments last = null;
        for (VmExitEventArguments e; (e = c.vmExits.poll()) != null; ) {
            last = e;
        }
        assertNotNull(last);
        assertEquals("nested-page-fault", last.kind);
        assertTrue(last.stopped);

        ExitLogResult log = get(c.server.exitLog(page));
        assertTrue(log.total >= 1);
        assertEquals("npf", log.entries[0].kind);
        assertEquals("nested-page-fault", log.entries[0].exitKind);
        assertEquals("0x22000000", log.entries[0].gpa);
        assertEquals(log.total, log.entries.length);
        page.start = 1;
        page.count = 5;
        ExitLogResult older = get(c.server.exitLog(page));
        assertEquals(Math.min(5, log.total - 1), older.entries.length);
        if (older.entries.length > 0) {
            assertEquals(log.entries[1].seq, older.entries[0].seq);
        }
        // the G-stage does not map the pflash page yet
        TableArguments t = new TableArguments();
        t.space = "gstage";
        TableResult g = get(c.server.table(t));
        for (TableResult.Region r : g.regions) {
            long lo = Long.decode(r.start);
            long hi = Long.decode(r.end);
            assertTrue(0x2200_0000L < lo || 0x2200_0000L >= hi, r.start + ".." + r.end);
        }
    }

    @Test
    void setBreakpointMode_onAnInstructionBreakpoint_switchesPflashToEmulateAtTheHit() throws Exception {
        vm.attachAtEntry("elf");
        InstructionBreakpoint ib = new InstructionBreakpoint();
        ib.setInstructionReference(Addresses.hex(DEV_READ32_LOAD));
        SetInstructionBreakpointsArguments a = new SetInstructionBreakpointsArguments();
        a.setBreakpoints(new InstructionBreakpoint[] {ib});
        int id = get(c.server.setInstructionBreakpoints(a)).getBreakpoints()[0].getId();

        SetBreakpointModeArguments m = new SetBreakpointModeArguments();
        m.breakpointId = id;
        m.mode = "pflash-emulate";
        SetBreakpointModeResult r = get(c.server.setBreakpointMode(m));
        assertEquals("pflash-emulate", r.mode);
        assertEquals("instruction", r.kind);

        m.breakpointId = id + 1000;
        assertTrue(error(c.server.setBreakpointMode(m)).contains("no breakpoint with id"));
        m.breakpointId = id;
        m.mode = "pflash-sideways";
        assertTrue(error(c.server.setBreakpointMode(m)).contains("unknown breakpoint mode"));
        assertTrue(error(c.server.setBreakpointMode(new SetBreakpointModeArguments())).contains("needs"));
        // a client without a modes UI sends its breakpoints again (new ids, no mode): the mode stays
        int newId = get(c.server.setInstructionBreakpoints(a)).getBreakpoints()[0].getId();
        assertNotEquals(id, newId);

        vm.continueRun();
        StoppedEventArguments s = c.nextStop();
        assertEquals("instruction breakpoint", s.getReason());
        assertEquals("pflash mode switched to emulate", s.getDescription());
        // the load faults into the hypervisor, which maps the emulated page and resumes the guest
        // at the load again: the breakpoint is hit a second time, and the mode is left alone
        vm.continueRun();
        StoppedEventArguments again = c.nextStop();
        assertEquals("instruction breakpoint", again.getReason());
        assertEquals("pflash mode already emulate", again.getDescription());
        a.setBreakpoints(new InstructionBreakpoint[0]);   // dev_read32 runs once per word read: let it run
        get(c.server.setInstructionBreakpoints(a));
        vm.continueRun();
        assertNotNull(c.terminated.poll(30, TimeUnit.SECONDS), "terminated");
        assertTrue(vm.consoleText().contains("pflash payload: emulated by hvscope from pflash-emulate.img"), vm.consoleText());
    }

    @Test
    void table_pagesTheGStageLeaves_andMatchesTheClientWalk() throws Exception {
        vm.attachAtEntry("elf");
        TableArguments a = new TableArguments();
        a.space = "gstage";
        a.start = 10;
        a.count = 4;
        TableResult t = get(c.server.table(a));
        assertEquals("stub", t.source);
        assertEquals("hgatp", t.csr);
        assertEquals("sv39x4", t.mode);
        assertTrue(t.leafTotal > 14, "leaves: " + t.leafTotal);
        assertEquals(4, t.leaves.length);
        for (int i = 0; i < 4; i++) {
            assertEquals(10 + i, t.leaves[i].index);
        }
        assertTrue(Long.decode(t.leaves[0].input) < Long.decode(t.leaves[1].input));
        int sum = 0;
        for (TableResult.Region r : t.regions) {
            sum += r.count;
        }
        assertEquals(t.leafTotal, sum);

        // the same table walked the client's way (PageTableLeaves, the path other stubs take) agrees leaf for leaf
        dev.hvscope.core.mmu.PageTableLeaves walked = dev.hvscope.core.mmu.PageTableLeaves.scan(dev.hvscope.core.mmu.PagingMode.SV39X4, Long.decode(t.root),
                new dev.hvscope.core.mmu.PhysReader() {
                    @Override
                    public long read64(long pa) {
                        return vm.host.machine().bus().read(pa, 8);
                    }

                    @Override
                    public boolean cas64(long pa, long expect, long update) {
                        throw new UnsupportedOperationException();
                    }
                }, x -> x);
        assertEquals(walked.size(), t.leafTotal);
        for (TableResult.Leaf l : t.leaves) {
            assertEquals(walked.input(l.index), Long.decode(l.input));
            assertEquals(walked.pte(l.index), Long.parseUnsignedLong(l.value.substring(2), 16));
            assertEquals(walked.pteAddr(l.index), Long.decode(l.pteAddress));
        }

        a.start = t.leafTotal - 2;
        a.count = 100;
        assertEquals(2, get(c.server.table(a)).leaves.length);

        TableArguments vs = new TableArguments();
        vs.space = "vsstage";
        TableResult v = get(c.server.table(vs));
        assertEquals("vsatp", v.csr);
        assertEquals(0, v.leaves.length, "leaves only when asked");

        TableArguments satp = new TableArguments();
        satp.space = "satp";
        TableResult hs = get(c.server.table(satp));
        assertEquals("satp", hs.csr);
        assertEquals("stub", hs.source);

        TableArguments bad = new TableArguments();
        bad.space = "hgatp";
        assertTrue(error(c.server.table(bad)).contains("space must be"));
        bad.space = "gstage";
        bad.count = -1;
        assertTrue(error(c.server.table(bad)).contains("negative"));
        assertTrue(error(c.server.subscribeExits(kinds("page-fault"))).contains("unknown VM exit kind"));
        assertEquals("vsatp", get(c.server.table(vs)).csr, "still serving");
    }

    @Test
    void requestsBeforeAttach_getErrorResponses_andTheAdapterKeepsServing() throws Exception {
        TableArguments a = new TableArguments();
        a.space = "gstage";
        assertTrue(error(c.server.table(a)).contains("not connected"));
        assertTrue(error(c.server.exitLog(new ExitLogArguments())).contains("not connected"));
        assertTrue(error(c.server.subscribeExits(kinds("sbi-call"))).contains("not connected"));
        SetBreakpointModeArguments m = new SetBreakpointModeArguments();
        m.breakpointId = 1;
        m.mode = "plain";
        assertTrue(error(c.server.setBreakpointMode(m)).contains("no breakpoint with id 1"));
        vm.attachAtEntry("elf");
        assertEquals(0, get(c.server.exitLog(new ExitLogArguments())).total);
    }
}
