package dev.hvscope.plugin.dap;

import static dev.hvscope.plugin.dap.DapTestClient.error;
import static dev.hvscope.plugin.dap.DapSession.named;
import static dev.hvscope.plugin.dap.DapTestClient.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hvscope.core.isa.Disassembler;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.debug.Capabilities;
import org.eclipse.lsp4j.debug.ConfigurationDoneArguments;
import org.eclipse.lsp4j.debug.ContinueArguments;
import org.eclipse.lsp4j.debug.DisassembleArguments;
import org.eclipse.lsp4j.debug.DisassembledInstruction;
import org.eclipse.lsp4j.debug.EvaluateArguments;
import org.eclipse.lsp4j.debug.FunctionBreakpoint;
import org.eclipse.lsp4j.debug.ReadMemoryArguments;
import org.eclipse.lsp4j.debug.ScopesArguments;
import org.eclipse.lsp4j.debug.SetFunctionBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetFunctionBreakpointsResponse;
import org.eclipse.lsp4j.debug.SetVariableArguments;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.debug.StepInArguments;
import org.eclipse.lsp4j.debug.SteppingGranularity;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.StoppedEventArgumentsReason;
import org.eclipse.lsp4j.debug.TerminateArguments;
import org.eclipse.lsp4j.debug.Thread;
import org.eclipse.lsp4j.debug.Variable;
import org.eclipse.lsp4j.debug.VariablesArguments;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The adapter driven by lsp4j's client launcher against QEMU's gdbstub (skipped without QEMU). */
class DebugAdapterQemuTest {
    private static final Path ALU = Qemu.examples().resolve("tests/test_rv64i_alu.elf");
    private static final Path HV = Qemu.examples().resolve("hv-baremetal/hv-passthrough.elf");

    @TempDir
    Path tmp;
    private DapSession dap;
    private DapTestClient c;

    @BeforeEach
    void start() throws Exception {
        Assumptions.assumeTrue(Qemu.installed(), "qemu-system-riscv64 is not installed");
        dap = new DapSession();
        c = dap.c;
    }

    @AfterEach
    void stop() throws Exception {
        if (dap != null) {
            dap.close();
        }
    }

    private void launch(List<String> command, Path elf) throws Exception {
        dap.initialize();
        assertNotNull(dap.launch(command, elf), "initialized event");
    }

    @Test
    void initialize_announcesCapabilitiesFiltersAndModes() throws Exception {
        Capabilities caps = dap.initialize();
        assertTrue(caps.getSupportsConfigurationDoneRequest());
        assertTrue(caps.getSupportsInstructionBreakpoints());
        assertTrue(caps.getSupportsDataBreakpoints());
        assertTrue(caps.getSupportsDisassembleRequest());
        assertTrue(caps.getSupportsSteppingGranularity());
        assertEquals(5, caps.getExceptionBreakpointFilters().length);
        assertEquals("nested-page-fault", caps.getExceptionBreakpointFilters()[0].getFilter());
        assertEquals(List.of("plain", "pflash: passthrough", "pflash: emulate"),
                Arrays.stream(caps.getBreakpointModes()).map(m -> m.getLabel()).toList());
    }

    @Test
    void powerOff_isReportedAsExitedWithQemusExitCode() throws Exception {
        launch(Qemu.kernel(ALU), ALU);
        dap.configurationDone();
        dap.continueRun();
        // QEMU 7.2 closes the gdb connection at the sifive_test power-off without a W packet
        org.eclipse.lsp4j.debug.ExitedEventArguments exited = c.exited.poll(60, java.util.concurrent.TimeUnit.SECONDS);
        assertNotNull(exited, "no exited event; output: " + dap.output());
        assertEquals(0, exited.getExitCode());
        assertNotNull(c.terminated.poll(60, java.util.concurrent.TimeUnit.SECONDS), "terminated event");
        assertTrue(!dap.output().contains("lost the target"), dap.output());
    }

    @Test
    void launch_stopsAtEntryWithOneThreadPerHart() throws Exception {
        launch(Qemu.kernel(ALU), ALU);
        StoppedEventArguments s = dap.configurationDone();
        assertEquals(StoppedEventArgumentsReason.ENTRY, s.getReason());
        Thread[] threads = get(c.server.threads()).getThreads();
        assertEquals(1, threads.length);
        assertEquals("hart 0", threads[0].getName());
        StackFrame f = dap.frame(threads[0].getId());
        // QEMU's virt board resets into its ROM at 0x1000 (no symbol there), which jumps to _start
        assertEquals("0x1000", f.getInstructionPointerReference());
        assertEquals("0x1000", f.getName());
    }

    @Test
    void functionBreakpointOnMain_stopsThereAndShowsRegisters() throws Exception {
        launch(Qemu.kernel(ALU), ALU);
        dap.configurationDone();
        SetFunctionBreakpointsResponse bp = dap.functionBreakpoint("main", null);
        assertTrue(bp.getBreakpoints()[0].isVerified());
        StoppedEventArguments s = dap.continueToStop();
        assertEquals(StoppedEventArgumentsReason.FUNCTION_BREAKPOINT, s.getReason());
        assertEquals(bp.getBreakpoints()[0].getId(), s.getHitBreakpointIds()[0]);
        assertEquals("main", dap.frame(1).getName());

        Variable[] regs = dap.variables(dap.scope(1, "Registers").getVariablesReference());
        assertEquals("0x0000000000000000", named(regs, "x0 (zero)").getValue());
        assertTrue(named(regs, "pc").getValue().endsWith("<main>"), named(regs, "pc").getValue());
        assertNotEquals("0x0000000000000000", named(regs, "x2 (sp)").getValue());
        assertTrue(Arrays.stream(regs).anyMatch(v -> v.getName().equals("f10 (fa0)")), "FP registers");

        Variable[] groups = dap.variables(dap.scope(1, "CSRs").getVariablesReference());
        Variable machine = named(groups, "Machine");
        Variable mstatus = named(dap.variables(machine.getVariablesReference()), "mstatus");
        assertTrue(mstatus.getVariablesReference() > 0, "mstatus has decoded fields");
        long value = Long.parseUnsignedLong(mstatus.getValue().substring(2), 16);
        Variable[] fields = dap.variables(mstatus.getVariablesReference());
        assertEquals("0x" + Long.toHexString((value >>> 13) & 3), named(fields, "FS").getValue());
        assertEquals("0x" + Long.toHexString((value >>> 11) & 3), named(fields, "MPP").getValue());
        assertTrue(Arrays.stream(groups).anyMatch(v -> v.getName().equals("Hypervisor")));
        assertTrue(Arrays.stream(groups).anyMatch(v -> v.getName().equals("Virtual supervisor")));
    }

    @Test
    void readMemoryAndDisassemble_atMain_agree() throws Exception {
        launch(Qemu.kernel(ALU), ALU);
        dap.configurationDone();
        dap.functionBreakpoint("main", null);
        dap.continueToStop();
        String pc = dap.frame(1).getInstructionPointerReference();

        ReadMemoryArguments r = new ReadMemoryArguments();
        r.setMemoryReference(pc.substring(2)); // a raw hex address, as memory inspectors send
        r.setCount(4);
        byte[] bytes = Base64.getDecoder().decode(get(c.server.readMemory(r)).getData());
        assertEquals(4, bytes.length);

        DisassembleArguments d = new DisassembleArguments();
        d.setMemoryReference(pc);
        d.setInstructionCount(8);
        DisassembledInstruction[] insns = get(c.server.disassemble(d)).getInstructions();
        assertEquals(8, insns.length);
        assertEquals(pc, insns[0].getAddress());
        assertEquals("main", insns[0].getSymbol());
        int raw = (bytes[0] & 0xff) | (bytes[1] & 0xff) << 8 | (bytes[2] & 0xff) << 16 | (bytes[3] & 0xff) << 24;
        assertEquals(Disassembler.disassemble(raw, Long.decode(pc)), insns[0].getInstruction());
    }

    @Test
    void stepIn_byInstruction_movesThePc() throws Exception {
        launch(Qemu.kernel(ALU), ALU);
        dap.configurationDone();
        assertEquals("0x1000", dap.frame(1).getInstructionPointerReference());
        StepInArguments a = new StepInArguments();
        a.setThreadId(1);
        a.setGranularity(SteppingGranularity.INSTRUCTION);
        get(c.server.stepIn(a));
        assertEquals(StoppedEventArgumentsReason.STEP, c.nextStop().getReason());
        String pc = dap.frame(1).getInstructionPointerReference();
        assertEquals("0x1004", pc);
        assertEquals(Long.decode(pc), Long.decode(dap.evaluate("$pc").split(" ")[0]));
    }

    @Test
    void next_runsOverACallWhileStepInEntersIt() throws Exception {
        launch(Qemu.kernel(ALU), ALU);
        dap.configurationDone();
        // the first call in _start is its call of main, which returns to it
        DisassembleArguments d = new DisassembleArguments();
        d.setMemoryReference(dap.evaluate("_start").split(" ")[0]);
        d.setInstructionCount(64);
        DisassembledInstruction call = Arrays.stream(get(c.server.disassemble(d)).getInstructions())
                .filter(i -> i.getInstructionBytes() != null && (i.getInstructionBytes().length() == 8
                        ? NextHandler.isCall((int) Long.parseLong(i.getInstructionBytes(), 16))
                        : NextHandler.isCompressedCall(Integer.parseInt(i.getInstructionBytes(), 16))))
                .findFirst().orElseThrow(() -> new AssertionError("no call in _start"));
        long at = Long.decode(call.getAddress());
        long after = at + call.getInstructionBytes().length() / 2;
        org.eclipse.lsp4j.debug.InstructionBreakpoint ib = new org.eclipse.lsp4j.debug.InstructionBreakpoint();
        ib.setInstructionReference(call.getAddress());
        org.eclipse.lsp4j.debug.SetInstructionBreakpointsArguments a = new org.eclipse.lsp4j.debug.SetInstructionBreakpointsArguments();
        a.setBreakpoints(new org.eclipse.lsp4j.debug.InstructionBreakpoint[] {ib});
        get(c.server.setInstructionBreakpoints(a));
        assertEquals(StoppedEventArgumentsReason.INSTRUCTION_BREAKPOINT, dap.continueToStop().getReason());

        StepInArguments in = new StepInArguments();
        in.setThreadId(1);
        in.setGranularity(SteppingGranularity.INSTRUCTION);   // main has no line table: by line would step over it
        get(c.server.stepIn(in));
        assertEquals(StoppedEventArgumentsReason.STEP, c.nextStop().getReason());
        assertEquals("main", dap.frame(1).getName());
        assertTrue(dap.evaluate("$ra == " + after).startsWith("0x0000000000000001"));

        // back to the call (set pc), then next: the callee runs and the stop is after the call
        SetVariableArguments pc = new SetVariableArguments();
        pc.setVariablesReference(dap.scope(1, "Registers").getVariablesReference());
        pc.setName("pc");
        pc.setValue(call.getAddress());
        get(c.server.setVariable(pc));
        org.eclipse.lsp4j.debug.NextArguments next = new org.eclipse.lsp4j.debug.NextArguments();
        next.setThreadId(1);
        next.setGranularity(SteppingGranularity.INSTRUCTION);
        get(c.server.next(next));
        assertEquals(StoppedEventArgumentsReason.STEP, c.nextStop().getReason());
        assertEquals(Addresses.hex(after), dap.frame(1).getInstructionPointerReference());
    }

    @Test
    void evaluate_registersMemoryAndMonitorPassthrough() throws Exception {
        launch(Qemu.kernel(ALU), ALU);
        dap.configurationDone();
        assertTrue(dap.evaluate("$pc").startsWith("0x0000000000001000"));
        assertTrue(dap.evaluate("$pc == 0x1000 && $zero == 0").startsWith("0x0000000000000001"));
        // *addr reads the first 8 bytes of _start, as readMemory does
        ReadMemoryArguments r = new ReadMemoryArguments();
        r.setMemoryReference("0x80000000");
        r.setCount(8);
        byte[] b = Base64.getDecoder().decode(get(c.server.readMemory(r)).getData());
        long word = 0;
        for (int i = 7; i >= 0; i--) {
            word = word << 8 | (b[i] & 0xff);
        }
        assertEquals(word, Long.parseUnsignedLong(dap.evaluate("*0x80000000").substring(2, 18), 16));
        String info = dap.evaluate("monitor info registers");
        assertTrue(info.contains("pc") && info.contains("1000"), info);
    }

    @Test
    void setVariable_writesARegisterAndReadsItBack() throws Exception {
        launch(Qemu.kernel(ALU), ALU);
        dap.configurationDone();
        int regs = dap.scope(1, "Registers").getVariablesReference();
        SetVariableArguments a = new SetVariableArguments();
        a.setVariablesReference(regs);
        a.setName("x5 (t0)");
        a.setValue("0x1234");
        assertEquals("0x0000000000001234", get(c.server.setVariable(a)).getValue());
        assertTrue(dap.evaluate("$t0").startsWith("0x0000000000001234"));
    }

    @Test
    void gStageScope_showsThePflashPageUnmappedAtTheFaultAndMappedAfter() throws Exception {
        Path pflash = Qemu.pflash32(tmp);
        launch(Qemu.hypervisor(HV, pflash), HV);
        dap.configurationDone();
        // a conditional function breakpoint: only guest-page-fault exits stop
        dap.functionBreakpoint("hs_trap", "$scause == 20 || $scause == 21 || $scause == 23");
        StoppedEventArguments s = dap.continueToStop();
        assertEquals(StoppedEventArgumentsReason.FUNCTION_BREAKPOINT, s.getReason());
        assertEquals("hs_trap", dap.frame(1).getName());

        Variable[] hv = dap.variables(dap.scope(1, "Hypervisor").getVariablesReference());
        assertTrue(named(hv, "hgatp").getValue().contains("SV39X4"), named(hv, "hgatp").getValue());
        assertEquals("0x22000000", named(hv, "faulting GPA").getValue());

        Variable[] before = dap.variables(dap.scope(1, "G-stage mappings").getVariablesReference());
        assertTrue(before.length >= 1);
        assertTrue(Arrays.stream(before).noneMatch(v -> v.getName().startsWith("0x22000000")), Arrays.toString(before));
        Variable ram = named(before, "0x80000000..0x81000000");
        assertTrue(ram.getValue().startsWith("HPA 0x84000000 RWXU-AD 4K x 4096"), ram.getValue());
        Variable[] leaves = dap.variables(ram.getVariablesReference());
        assertEquals(4096, leaves.length);
        assertTrue(leaves[1].getValue().startsWith("HPA 0x84001000"), leaves[1].getValue());

        // the guest's own (VS-stage) table maps its pflash window; each region shows GPA and HPA
        Variable[] guest = dap.variables(dap.scope(1, "Guest mappings").getVariablesReference());
        // the guest's 4 KiB device page for pflash#1 has no G-stage mapping yet; its RAM (1 GiB) does
        String pflashPage = named(guest, "0xffffffc022000000..0xffffffc022001000").getValue();
        assertTrue(pflashPage.startsWith("GPA 0x22000000 -> HPA <G-stage unmapped>") && pflashPage.contains("4K x 1"),
                Arrays.toString(guest));
        assertTrue(named(guest, "0xffffffc080000000..0xffffffc0c0000000").getValue()
                .startsWith("GPA 0x80000000 -> HPA 0x84000000"), Arrays.toString(guest));

        // hvscope/translate: the guest's pflash window faults in the G-stage, its RAM translates
        TranslateArguments tr = new TranslateArguments();
        tr.address = "0xffffffc022000000";
        TranslateResult fault = get(c.server.translate(tr));
        assertFalse(fault.ok);
        assertEquals(21, fault.faultCause);
        assertEquals("0x22000000", fault.gpa);
        assertTrue(fault.trace.contains("VS"), fault.trace);
        tr.address = "0x80001000";
        tr.space = "gpa";
        TranslateResult ramPage = get(c.server.translate(tr));
        assertTrue(ramPage.ok);
        assertEquals("0x84001000", ramPage.hpa);
        assertEquals("4K", ramPage.pageSize);

        // the next exit comes after the hypervisor mapped the page and the guest's load retried
        dap.functionBreakpoint("hs_trap", null);
        dap.continueToStop();
        Variable[] after = dap.variables(dap.scope(1, "G-stage mappings").getVariablesReference());
        Variable pf = named(after, "0x22000000..0x22001000");
        assertTrue(pf.getValue().startsWith("HPA 0x22000000"), pf.getValue());

        ReadMemoryArguments r = new ReadMemoryArguments();
        r.setMemoryReference("gpa:0x22000000");
        r.setCount(4);
        assertEquals("pfld", new String(Base64.getDecoder().decode(get(c.server.readMemory(r)).getData())));
    }

    @Test
    void pause_stopsAGuestThatSpinsForEver() throws Exception {
        Path loop = Qemu.examples().resolve("hv-baremetal/hv-fault-loop.elf");
        launch(Qemu.hypervisor(loop, Qemu.pflash32(tmp)), loop);
        dap.configurationDone();
        ContinueArguments a = new ContinueArguments();
        a.setThreadId(1);
        get(c.server.continue_(a));
        java.lang.Thread.sleep(300);
        // while running, register requests are refused with an error, not a hang
        ScopesArguments sa = new ScopesArguments();
        sa.setFrameId(1);
        assertTrue(error(c.server.scopes(sa)).contains("running"));
        get(c.server.pause(new org.eclipse.lsp4j.debug.PauseArguments()));
        assertEquals(StoppedEventArgumentsReason.PAUSE, c.nextStop().getReason());
        // the guest was spinning in VS-mode, far from the ROM it started in
        assertNotEquals("0x1000", dap.frame(1).getInstructionPointerReference());
    }

    @Test
    void restart_relaunchesAndKeepsBreakpoints() throws Exception {
        launch(Qemu.kernel(ALU), ALU);
        dap.configurationDone();
        dap.functionBreakpoint("main", null);
        assertEquals(StoppedEventArgumentsReason.FUNCTION_BREAKPOINT, dap.continueToStop().getReason());
        get(c.server.restart(new org.eclipse.lsp4j.debug.RestartArguments()));
        assertEquals(StoppedEventArgumentsReason.ENTRY, c.nextStop().getReason());
        assertEquals("0x1000", dap.frame(1).getInstructionPointerReference());
        assertEquals(StoppedEventArgumentsReason.FUNCTION_BREAKPOINT, dap.continueToStop().getReason());
        assertEquals("main", dap.frame(1).getName());
    }

    @Test
    void hitCondition_stopsOnTheNthHit() throws Exception {
        Path pflash = Qemu.pflash32(tmp);
        launch(Qemu.hypervisor(HV, pflash), HV);
        dap.configurationDone();
        FunctionBreakpoint fb = new FunctionBreakpoint();
        fb.setName("hs_trap");
        fb.setHitCondition("3");
        SetFunctionBreakpointsArguments a = new SetFunctionBreakpointsArguments();
        a.setBreakpoints(new FunctionBreakpoint[] {fb});
        get(c.server.setFunctionBreakpoints(a));
        assertEquals(StoppedEventArgumentsReason.FUNCTION_BREAKPOINT, dap.continueToStop().getReason());
        // hs_trap counts exits in exit_count after its entry: two exits were handled before this stop
        assertEquals("hs_trap", dap.frame(1).getName());
        assertTrue(dap.evaluate("*exit_count").startsWith("0x0000000000000002"), dap.evaluate("*exit_count"));
        FunctionBreakpoint bad = new FunctionBreakpoint();
        bad.setName("hs_trap");
        bad.setHitCondition("often");
        a.setBreakpoints(new FunctionBreakpoint[] {bad});
        assertTrue(error(c.server.setFunctionBreakpoints(a)).contains("hit condition"));
    }

    @Test
    void dataBreakpoint_stopsOnTheWriteToAVariable() throws Exception {
        launch(Qemu.hypervisor(HV, Qemu.pflash32(tmp)), HV);
        dap.configurationDone();
        org.eclipse.lsp4j.debug.DataBreakpointInfoArguments info = new org.eclipse.lsp4j.debug.DataBreakpointInfoArguments();
        info.setName("exit_count");
        String dataId = get(c.server.dataBreakpointInfo(info)).getDataId();
        assertTrue(dataId.endsWith("/8"), dataId);
        org.eclipse.lsp4j.debug.DataBreakpoint db = new org.eclipse.lsp4j.debug.DataBreakpoint();
        db.setDataId(dataId);
        db.setAccessType(org.eclipse.lsp4j.debug.DataBreakpointAccessType.WRITE);
        org.eclipse.lsp4j.debug.SetDataBreakpointsArguments a = new org.eclipse.lsp4j.debug.SetDataBreakpointsArguments();
        a.setBreakpoints(new org.eclipse.lsp4j.debug.DataBreakpoint[] {db});
        assertTrue(get(c.server.setDataBreakpoints(a)).getBreakpoints()[0].isVerified());
        // first the start-up code clears .bss, then the first exit increments the counter
        assertEquals(StoppedEventArgumentsReason.DATA_BREAKPOINT, dap.continueToStop().getReason());
        assertTrue(dap.frame(1).getName().startsWith("_start"), dap.frame(1).getName());
        assertEquals(StoppedEventArgumentsReason.DATA_BREAKPOINT, dap.continueToStop().getReason());
        assertTrue(dap.frame(1).getName().startsWith("hs_trap"), dap.frame(1).getName());
    }

    /**
     * Benchmark: a G-stage table of 262,144 4 KiB leaves (1 GiB) written into QEMU's RAM, hgatp
     * pointed at it, then the time from the scopes request to the G-stage scope's regions: the
     * whole table (2 MiB of PTEs) read over RSP and coalesced. The figure goes to the README.
     */
    @Test
    void gStageScopeOf262144Ptes_overQemusStub_isOneRegionAndPaged() throws Exception {
        launch(Qemu.kernel(ALU), ALU);
        dap.configurationDone();
        long root = 0x8100_0000L;
        GStageTableFixture table = new GStageTableFixture(root, 0x1_0000_0000L);
        byte[] bytes = table.bytes();
        for (int off = 0; off < bytes.length; off += 1 << 16) {
            org.eclipse.lsp4j.debug.WriteMemoryArguments w = new org.eclipse.lsp4j.debug.WriteMemoryArguments();
            w.setMemoryReference("hpa:" + Addresses.hex(root + off));
            w.setData(Base64.getEncoder().encodeToString(Arrays.copyOfRange(bytes, off, Math.min(bytes.length, off + (1 << 16)))));
            get(c.server.writeMemory(w));
        }
        SetVariableArguments set = new SetVariableArguments();
        set.setVariablesReference(dap.scope(1, "Hypervisor").getVariablesReference());
        set.setName("hgatp");
        set.setValue(Addresses.hex(table.hgatp()));
        assertEquals(Addresses.hex64(table.hgatp()), get(c.server.setVariable(set)).getValue());

        long[] times = new long[3];
        for (int run = 0; run < 3; run++) {
            long t0 = System.nanoTime();
            Variable[] regions = dap.variables(dap.scope(1, "G-stage mappings").getVariablesReference());
            times[run] = System.nanoTime() - t0;
            assertEquals(1, regions.length);
            assertEquals("0x0..0x40000000", regions[0].getName());
            assertTrue(regions[0].getValue().startsWith("HPA 0x100000000 RWXU-AD 4K x 262144"), regions[0].getValue());
        }
        // the first request reads the table over RSP; later ones in the same stop hit the page cache
        System.out.printf("G-stage scope, 262,144 PTEs over QEMU's stub: first %.0f ms, then %.0f ms, %.0f ms%n",
                times[0] / 1e6, times[1] / 1e6, times[2] / 1e6);
        VariablesArguments page = new VariablesArguments();
        page.setVariablesReference(dap.variables(dap.scope(1, "G-stage mappings").getVariablesReference())[0].getVariablesReference());
        page.setStart(262_000);
        page.setCount(100);
        Variable[] leaves = get(c.server.variables(page)).getVariables();
        assertEquals(100, leaves.length);
        assertEquals(Addresses.hex(262_000L * 4096), leaves[0].getName());
    }

    @Test
    void nestedPageFaultFilter_stopsOnTheExitWithTheGpa() throws Exception {
        launch(Qemu.hypervisor(HV, Qemu.pflash32(tmp)), HV);
        dap.configurationDone();
        // stvec is set by hv_main just before it builds the G-stage (gstage_next): stop there first
        assertTrue(dap.functionBreakpoint("gstage_next", null).getBreakpoints()[0].isVerified());
        dap.continueToStop();
        dap.clearFunctionBreakpoints();
        assertTrue(dap.exceptionFilter("nested-page-fault", "0x22000000..0x22001000").getBreakpoints()[0].isVerified());

        StoppedEventArguments s;
        try {
            s = dap.continueToStop();
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; output: " + String.join("", c.output), e);
        }
        assertEquals(StoppedEventArgumentsReason.EXCEPTION, s.getReason());
        assertTrue(s.getDescription().startsWith("VM exit: nested page fault (scause 2"), s.getDescription());
        assertTrue(s.getDescription().endsWith("GPA 0x22000000)"), s.getDescription());
        assertEquals("hs_trap_entry", dap.frame(1).getName());
        assertEquals(s.getDescription(), get(c.server.exceptionInfo(new org.eclipse.lsp4j.debug.ExceptionInfoArguments())).getDescription());
        Variable[] g = dap.variables(dap.scope(1, "G-stage mappings").getVariablesReference());
        assertTrue(Arrays.stream(g).noneMatch(v -> v.getName().startsWith("0x22000000")), Arrays.toString(g));

        org.eclipse.lsp4j.debug.SetExceptionBreakpointsArguments ex = new org.eclipse.lsp4j.debug.SetExceptionBreakpointsArguments();
        ex.setFilterOptions(new org.eclipse.lsp4j.debug.ExceptionFilterOptions[0]);
        ex.setFilters(new String[] {"no-such-exit"});
        assertTrue(error(c.server.setExceptionBreakpoints(ex)).contains("unknown exception filter"));
    }

    @Test
    void breakpointModePflashEmulate_switchesTheHypervisorBeforeTheStop() throws Exception {
        launch(Qemu.hypervisor(HV, Qemu.pflash32(tmp)), HV);
        dap.configurationDone();
        org.eclipse.lsp4j.debug.InstructionBreakpoint ib = new org.eclipse.lsp4j.debug.InstructionBreakpoint();
        ib.setInstructionReference(dap.evaluate("hs_trap").split(" ")[0]);
        ib.setMode("pflash-emulate");
        org.eclipse.lsp4j.debug.SetInstructionBreakpointsArguments a = new org.eclipse.lsp4j.debug.SetInstructionBreakpointsArguments();
        a.setBreakpoints(new org.eclipse.lsp4j.debug.InstructionBreakpoint[] {ib});
        assertTrue(get(c.server.setInstructionBreakpoints(a)).getBreakpoints()[0].isVerified());
        StoppedEventArguments s = dap.continueToStop();
        assertEquals(StoppedEventArgumentsReason.INSTRUCTION_BREAKPOINT, s.getReason());
        assertTrue(s.getDescription().startsWith("pflash mode switched to emulate"), s.getDescription());
        assertTrue(dap.evaluate("*pflash_mode & 0xff").startsWith("0x0000000000000001"));
        // the exit is handled in emulate mode: the pflash page maps to a frame the hypervisor filled
        dap.continueToStop();
        Variable pf = named(dap.variables(dap.scope(1, "G-stage mappings").getVariablesReference()), "0x22000000..0x22001000");
        assertTrue(pf.getValue().startsWith("HPA 0x85000000"), pf.getValue());

        ib.setMode("pflash: sideways");
        assertTrue(error(c.server.setInstructionBreakpoints(a)).contains("unknown breakpoint mode"));
    }

    @Test
    void terminate_endsTheDebuggeeAndReportsTerminated() throws Exception {
        launch(Qemu.kernel(ALU), ALU);
        dap.configurationDone();
        get(c.server.terminate(new TerminateArguments()));
        assertNotNull(c.terminated.poll(10, TimeUnit.SECONDS));
        assertTrue(error(c.server.threads().thenCompose(t -> {
            ScopesArguments a = new ScopesArguments();
            a.setFrameId(1);
            return c.server.scopes(a);
        })).contains("not connected"));
    }

    @Test
    void badRequests_getErrorResponsesAndTheAdapterKeepsServing() throws Exception {
        ScopesArguments sa = new ScopesArguments();
        sa.setFrameId(1);
        assertTrue(error(c.server.scopes(sa)).contains("not connected"));
        assertTrue(error(c.server.launch(Map.of("command", List.of("x")))).contains("initialize"));
        dap.initialize();
        assertTrue(error(c.server.configurationDone(new ConfigurationDoneArguments())).contains("before launch"));
        assertTrue(error(c.server.launch(Map.of("elf", "x"))).contains("command"));
        assertTrue(error(c.server.launch(Map.of("command", 42))).contains("command"));
        assertTrue(error(c.server.attach(Map.of("port", "none"))).contains("integer"));
        assertTrue(error(c.server.launch(Map.of("command", List.of("/nonexistent/qemu", "${port}")))).contains("--allow-program"));
        assertTrue(error(c.server.launch(Map.of("command", List.of("sh", "-c", "id ${port}")))).contains("--allow-program /"));
        // a command that never opens its gdb port: the connection attempt gives up when it exits
        assertTrue(error(c.server.launch(Map.of("command", List.of("true", "${port}")))).contains("cannot connect"));

        launch(Qemu.kernel(ALU), ALU);
        dap.configurationDone();
        ReadMemoryArguments r = new ReadMemoryArguments();
        r.setMemoryReference("not-an-address");
        r.setCount(4);
        assertTrue(error(c.server.readMemory(r)).contains("unknown memory reference"));
        r.setMemoryReference("0x80000000");
        r.setCount(-1);
        assertTrue(error(c.server.readMemory(r)).contains("count"));
        VariablesArguments v = new VariablesArguments();
        v.setVariablesReference(9999);
        assertTrue(error(c.server.variables(v)).contains("variablesReference"));
        assertTrue(error(c.server.stackTrace(new StackTraceArguments())).contains("thread"));
        EvaluateArguments e = new EvaluateArguments();
        e.setExpression("$nosuchregister + ");
        assertFalse(error(c.server.evaluate(e)).isEmpty());
        // unreadable memory is not an error: it is reported as unreadable bytes
        r.setMemoryReference("0x0");
        r.setCount(16);
        assertEquals(16, get(c.server.readMemory(r)).getUnreadableBytes());
        // and the adapter still answers
        assertEquals("0x1000", dap.frame(1).getName());
    }

    @Test
    void tenThousandMalformedMessages_theAdapterKeepsServing() throws Exception {
        // lsp4j logs every parse error; 10,000 of them would drown the test output
        java.util.logging.Logger.getLogger("org.eclipse.lsp4j.jsonrpc").setLevel(java.util.logging.Level.OFF);
        for (int i = 0; i < 10_000; i++) {
            switch (i % 4) {
                case 0 -> c.rawMessage("{not json " + i);
                // seq numbers far above the client's own, so no answer is mistaken for one of its responses
                case 1 -> c.rawMessage("{\"seq\":" + (1_000_000 + i) + ",\"type\":\"request\",\"command\":\"nosuch\"}");
                case 2 -> c.rawMessage("[1,2,3]");
                default -> c.rawMessage("{\"seq\":" + (1_000_000 + i) + ",\"type\":\"request\",\"command\":\"readMemory\",\"arguments\":7}");
            }
        }
        Capabilities caps = dap.initialize();
        assertTrue(caps.getSupportsConfigurationDoneRequest());
    }
}
