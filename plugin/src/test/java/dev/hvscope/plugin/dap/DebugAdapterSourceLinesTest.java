package dev.hvscope.plugin.dap;

import static dev.hvscope.plugin.dap.DapTestClient.get;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hvscope.core.machine.ElfLoader;
import dev.hvscope.core.machine.ElfSection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.debug.Breakpoint;
import org.eclipse.lsp4j.debug.NextArguments;
import org.eclipse.lsp4j.debug.SetBreakpointsArguments;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.SourceBreakpoint;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StepOutArguments;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.StoppedEventArgumentsReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Source-line debugging of the pflash example's guest (built -O2 -g, DWARF 5) on a hosted VM behind
 * hvscope's stub: line breakpoints, log points, stepping by line, breakpoint modes, address spaces.
 */
class DebugAdapterSourceLinesTest {
    private static final Path EX = Qemu.examples();
    private static final Path GUEST = EX.resolve("pflash-guest/pflash-guest.elf");
    private static final Path PFLASH_C = EX.resolve("pflash-guest/pflash.c").toAbsolutePath();
    private HostedDapSession vm;
    private DapTestClient c;

    @TempDir
    Path tmp;

    private void attach(Object elf) throws Exception {
        vm = HostedDapSession.start();
        c = vm.c;
        assertTrue(vm.initialize().getSupportsSteppingGranularity());
        vm.attach(Map.of("elf", elf));
    }

    @AfterEach
    void stop() throws Exception {
        if (vm != null) {
            vm.close();
        }
    }

    private static SourceBreakpoint line(int n) {
        SourceBreakpoint b = new SourceBreakpoint();
        b.setLine(n);
        return b;
    }

    private Breakpoint[] setBreakpoints(Path file, SourceBreakpoint... bps) throws Exception {
        Source s = new Source();
        s.setPath(file.toString());
        s.setName(file.getFileName().toString());
        SetBreakpointsArguments a = new SetBreakpointsArguments();
        a.setSource(s);
        a.setBreakpoints(bps);
        return get(c.server.setBreakpoints(a)).getBreakpoints();
    }

    @Test
    void sourceBreakpoint_stopsWithTheSourceAndLineInTheStackTrace() throws Exception {
        attach(GUEST.toString());
        Breakpoint[] b = setBreakpoints(PFLASH_C, line(21));
        assertTrue(b[0].isVerified(), b[0].getMessage());
        assertEquals(21, b[0].getLine());
        assertEquals("0x8020032c", b[0].getInstructionReference());
        vm.configurationDone();
        StoppedEventArguments s = vm.continueToStop();
        assertEquals(StoppedEventArgumentsReason.BREAKPOINT, s.getReason());
        assertArrayEquals(new Integer[] {b[0].getId()}, s.getHitBreakpointIds());
        StackFrame f = vm.frame();
        assertEquals("pflash.c", f.getSource().getName());
        assertEquals(PFLASH_C.toRealPath(), Path.of(f.getSource().getPath()).toRealPath());
        assertEquals(21, f.getLine());
        assertEquals("0x8020032c", f.getInstructionPointerReference());
        assertTrue(f.getName().startsWith("guest_main"), f.getName());
    }

    @Test
    void lineWithoutCode_movesToTheNextLineThatHasCode_unknownFileIsUnverified() throws Exception {
        attach(GUEST.toString());
        Breakpoint[] b = setBreakpoints(PFLASH_C, line(23), line(500));
        assertTrue(b[0].isVerified());
        assertEquals(24, b[0].getLine());
        assertFalse(b[1].isVerified());
        assertTrue(b[1].getMessage().contains("no code at or after line 500"), b[1].getMessage());
        Breakpoint[] none = setBreakpoints(tmp.resolve("other.c"), line(3));
        assertFalse(none[0].isVerified());
        assertTrue(none[0].getMessage().contains("no loaded ELF has line information for other.c"), none[0].getMessage());
        // a client path in another checkout still matches by its trailing components
        Breakpoint[] moved = setBreakpoints(Path.of("/elsewhere/examples/pflash-guest/pflash.c"), line(21));
        assertTrue(moved[0].isVerified());
        assertEquals("0x8020032c", moved[0].getInstructionReference());
    }

    @Test
    void breakpointLocations_listTheLinesWithStatements() throws Exception {
        attach(GUEST.toString());
        org.eclipse.lsp4j.debug.BreakpointLocationsArguments a = new org.eclipse.lsp4j.debug.BreakpointLocationsArguments();
        Source s = new Source();
        s.setPath(PFLASH_C.toString());
        a.setSource(s);
        a.setLine(14);
        a.setEndLine(24);
        int[] lines = Arrays.stream(get(c.server.breakpointLocations(a)).getBreakpoints()).mapToInt(b -> b.getLine()).toArray();
        assertArrayEquals(new int[] {15, 16, 18, 19, 20, 21, 22, 24}, lines);
    }

    @Test
    void logPoint_printsItsInterpolatedTextAndDoesNotStop() throws Exception {
        attach(GUEST.toString());
        SourceBreakpoint log = line(24);
        log.setLogMessage("reached {$pc} {{literal}}");
        Breakpoint[] b = setBreakpoints(PFLASH_C, log, line(31));
        vm.configurationDone();
        c.output.clear();
        StoppedEventArguments s = vm.continueToStop();
        assertArrayEquals(new Integer[] {b[1].getId()}, s.getHitBreakpointIds(), "the log point does not stop");
        assertEquals(31, vm.frame().getLine());
        String printed = String.join("", c.output);
        assertTrue(printed.contains("reached " + b[0].getInstructionReference() + " {literal}\n"), printed);
    }

    @Test
    void nextByLine_advancesToTheNextLine_overTheCall_stepOutReturns() throws Exception {
        attach(GUEST.toString());
        setBreakpoints(PFLASH_C, line(21));
        vm.configurationDone();
        vm.continueToStop();
        NextArguments next = new NextArguments();
        next.setThreadId(1);
        get(c.server.next(next));
        StoppedEventArguments s = c.nextStop();
        assertEquals(StoppedEventArgumentsReason.STEP, s.getReason());
        assertNull(s.getDescription());
        StackFrame f = vm.frame();
        assertEquals(22, f.getLine());
        assertEquals("0x80200338", f.getInstructionPointerReference());

        // stepIn by line enters console_putc (guest.c), stepOut comes back into guest_main
        org.eclipse.lsp4j.debug.StepInArguments in = new org.eclipse.lsp4j.debug.StepInArguments();
        in.setThreadId(1);
        get(c.server.stepIn(in));
        c.nextStop();
        StackFrame inner = vm.frame();
        assertEquals("guest.c", inner.getSource().getName());
        assertFalse(inner.getName().startsWith("guest_main"), inner.getName());
        StepOutArguments out = new StepOutArguments();
        out.setThreadId(1);
        get(c.server.stepOut(out));
        assertEquals(StoppedEventArgumentsReason.STEP, c.nextStop().getReason());
        StackFrame back = vm.frame();
        assertTrue(back.getName().startsWith("guest_main"), back.getName());
        assertEquals("pflash.c", back.getSource().getName());
    }

    @Test
    void sourceBreakpointWithPflashEmulateMode_switchesTheHostedVm() throws Exception {
        attach(GUEST.toString());
        SourceBreakpoint b = line(16);
        b.setMode(BreakpointModes.EMULATE);
        assertTrue(setBreakpoints(PFLASH_C, b)[0].isVerified());
        vm.configurationDone();
        StoppedEventArguments s = vm.continueToStop();
        assertEquals(StoppedEventArgumentsReason.BREAKPOINT, s.getReason());
        assertTrue(s.getDescription().contains("pflash mode switched to emulate"), s.getDescription());
        assertEquals(16, vm.frame().getLine());
        vm.continueRun();
        assertNotNull(c.terminated.poll(30, TimeUnit.SECONDS));
        String out = vm.consoleText();
        assertTrue(out.contains("pflash payload: emulated by hvscope from pflash-emulate.img"), out);
    }

    @Test
    void breakpointFromAHostElf_doesNotStopWhileTheGuestRuns() throws Exception {
        // the same guest code, declared as the host's: V=1 when it runs, so the breakpoint stays silent
        Map<String, Object> asHost = Map.of("path", GUEST.toString(), "space", "host");
        Map<String, Object> other = Map.of("path", EX.resolve("pflash-guest/guest-faults.elf").toString(), "space", "guest");
        attach(List.of(asHost, other));
        assertTrue(setBreakpoints(PFLASH_C, line(21))[0].isVerified());
        vm.configurationDone();
        vm.continueRun();
        assertNotNull(c.terminated.poll(30, TimeUnit.SECONDS), "ran to the end");
        assertTrue(c.stopped.isEmpty(), "no stop: " + c.stopped);
    }

    @Test
    void breakpointFromAGuestElf_stopsWhenVIsSet() throws Exception {
        Map<String, Object> guest = Map.of("path", GUEST.toString(), "space", "guest");
        Map<String, Object> hostElf = Map.of("path", EX.resolve("hv-baremetal/hv-passthrough.elf").toString());
        attach(List.of(hostElf, guest));
        assertTrue(setBreakpoints(PFLASH_C, line(21))[0].isVerified());
        vm.configurationDone();
        assertEquals(StoppedEventArgumentsReason.BREAKPOINT, vm.continueToStop().getReason());
        StackFrame f = vm.frame();
        assertEquals("pflash.c", f.getSource().getName());
        assertEquals(21, f.getLine());
        assertTrue(f.getName().startsWith("guest_main"), "named from the guest ELF: " + f.getName());
    }

    @Test
    void corruptLineTable_answersUnverified_andTheAdapterKeepsServing() throws Exception {
        byte[] elf = Files.readAllBytes(GUEST);
        ElfSection line = ElfLoader.parse("g", elf).sections().stream()
                .filter(s -> s.name().equals(".debug_line")).findFirst().orElseThrow();
        Arrays.fill(elf, (int) line.offset(), (int) (line.offset() + line.size()), (byte) 0xff);
        Path bad = tmp.resolve("pflash-guest.elf");
        Files.write(bad, elf);
        attach(bad.toString());
        Breakpoint[] b = setBreakpoints(PFLASH_C, line(21));
        assertFalse(b[0].isVerified());
        assertTrue(b[0].getMessage().contains("no loaded ELF has line information"), b[0].getMessage());
        vm.configurationDone();
        StackFrame f = vm.frame();
        assertNull(f.getSource());
        assertEquals(0, f.getLine());
        assertTrue(String.join("", c.output).contains("line table: .debug_line"), String.join("", c.output));
    }
}
