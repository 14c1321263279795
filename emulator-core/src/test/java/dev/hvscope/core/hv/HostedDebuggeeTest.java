package dev.hvscope.core.hv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hvscope.core.debug.AddressSpace;
import dev.hvscope.core.debug.BreakpointKind;
import dev.hvscope.core.debug.HostedDebuggee;
import dev.hvscope.core.debug.StopEvent;
import dev.hvscope.core.debug.StopReason;
import dev.hvscope.core.debug.VmExitKind;
import dev.hvscope.core.machine.ElfLoader;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The hosted VM under a debugger: breakpoints, steps that hold exits, caught exits, live pflash switch. */
class HostedDebuggeeTest {
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final BlockingQueue<StopEvent> stops = new LinkedBlockingQueue<>();
    private HostedMachine host;
    private HostedDebuggee dbg;

    @BeforeEach
    void start() {
        host = HostedMachine.create(PflashDemo.spec("pflash-guest.elf", PflashMode.PASSTHROUGH), console, null);
        dbg = new HostedDebuggee(host);
        dbg.setStopListener(stops::add);
    }

    @AfterEach
    void stop() throws InterruptedException {
        dbg.interrupt();
        dbg.awaitStopped(5000);
        host.close();
    }

    private StopEvent resume() throws InterruptedException {
        dbg.resume();
        StopEvent e = stops.poll(20, TimeUnit.SECONDS);
        assertNotNull(e, "no stop");
        return e;
    }

    private static long symbol(String name) {
        return ElfLoader.read(PflashDemo.examples().resolve("pflash-guest/pflash-guest.elf")).address(name)
                .getAsLong();
    }

    private String output() {
        return console.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void breakpointOnAGuestSymbol_stopsBeforeIt_andContinueStepsOffIt() throws Exception {
        long load = symbol("dev_read32_load");
        dbg.breakpoints().insert(BreakpointKind.SOFTWARE, load, 4);
        StopEvent e = resume();
        assertEquals(StopReason.SOFTWARE_BREAKPOINT, e.reason(), e.toString());
        assertEquals(load, dbg.pc(0));
        assertEquals("VS", dbg.threadState(0).modeName());
        assertEquals(0, dbg.exitLog().last(100).stream().filter(r -> r.kind() == VmExitKind.NESTED_PAGE_FAULT)
                .count(), "the load has not run yet");
        // The load faults (G-stage miss), the hypervisor serves the page, and the guest retries the
        // load: the breakpoint is hit again, as it would be on hardware.
        e = resume();
        assertEquals(StopReason.SOFTWARE_BREAKPOINT, e.reason(), e.toString());
        assertEquals(load, dbg.pc(0));
        assertEquals(1, dbg.exitLog().last(100).stream().filter(r -> r.kind() == VmExitKind.NESTED_PAGE_FAULT)
                .count(), "the first try faulted");
        assertNotEquals(-1L, host.vm().addressSpace().translate(PflashDemo.PFLASH_GPA), "and was served");
        dbg.breakpoints().remove(BreakpointKind.SOFTWARE, load, 4);
        e = resume();
        assertEquals(StopReason.HALTED, e.reason(), e.toString());
        assertEquals(0, e.exitStatus());
        assertEquals(PflashDemo.PASSTHROUGH_OUT, output());
    }

    @Test
    void breakpointAfterALiveModeSwitch_stillHits_whenThePflashPageReFaults() throws Exception {
        long load = symbol("dev_read32_load");
        dbg.catchExits(EnumSet.of(VmExitKind.NESTED_PAGE_FAULT));
        assertEquals(StopReason.VM_EXIT, resume().reason());
        dbg.catchExits(EnumSet.noneOf(VmExitKind.class));
        dbg.breakpoints().insert(BreakpointKind.SOFTWARE, load, 4);
        StopEvent e = resume();
        assertEquals(StopReason.SOFTWARE_BREAKPOINT, e.reason(), e.toString());
        dbg.pflash().setMode("emulate");          // the served page goes: the load faults again
        dbg.breakpoints().remove(BreakpointKind.SOFTWARE, load, 4);
        long later = symbol("guest_main") + 0x3c;
        dbg.breakpoints().insert(BreakpointKind.SOFTWARE, later, 4);
        e = resume();
        assertEquals(StopReason.SOFTWARE_BREAKPOINT, e.reason(), e + "\n" + output());
        assertEquals(later, dbg.pc(0));
    }

    @Test
    void step_executesOneGuestInstruction_andAnExitItCausesIsHeldAndCaught() throws Exception {
        assertEquals(0x8020_0000L, dbg.pc(0));
        StopEvent e = dbg.step(0, true);
        assertEquals(StopReason.STEP, e.reason());
        assertEquals(1, host.vm().vcpu().instructionsRetired());
        assertNotEquals(0x8020_0000L, dbg.pc(0));
        dbg.catchExits(EnumSet.of(VmExitKind.SBI_CALL));
        int steps = 0;
        do {
            e = dbg.step(0, true);
            assertTrue(++steps < 100_000, "no SBI call stepped into");
        } while (e.reason() == StopReason.STEP);
        assertEquals(StopReason.VM_EXIT, e.reason(), e.toString());
        assertEquals(VmExitKind.SBI_CALL, e.exit().kind());
        assertEquals(10, e.exit().cause());
        assertEquals(e.exit().guestPc() + 4, dbg.pc(0), "the guest resumes past its ecall");
        assertTrue(host.vm().heldExit() instanceof VmExit.Hypercall, "not handled yet");
        dbg.catchExits(EnumSet.noneOf(VmExitKind.class));
        e = resume();
        assertEquals(StopReason.HALTED, e.reason(), e.toString());
        assertEquals(PflashDemo.PASSTHROUGH_OUT, output(), "held exits were handled, none lost");
        assertEquals(host.vm().exitLog().total(), dbg.exitLog().total(), "every VmExit is in the debugger's log");
    }

    @Test
    void caughtPflashFault_isNotServedYet_andAModeSwitchThenServesTheNewMode() throws Exception {
        dbg.catchExits(EnumSet.of(VmExitKind.NESTED_PAGE_FAULT));
        StopEvent e = resume();
        assertEquals(StopReason.VM_EXIT, e.reason(), e.toString());
        assertEquals(PflashDemo.PFLASH_GPA, e.exit().gpa());
        assertEquals(symbol("dev_read32_load"), dbg.pc(0));
        assertEquals(-1L, host.vm().addressSpace().translate(PflashDemo.PFLASH_GPA), "still unmapped");
        assertFalse(dbg.views().translate(0, AddressSpace.GUEST_PHYSICAL, PflashDemo.PFLASH_GPA).ok(),
                "the debugger's G-stage walk faults");
        assertEquals("passthrough", dbg.pflash().mode());
        dbg.pflash().setMode("emulate");
        assertEquals("emulate", dbg.pflash().mode());
        dbg.catchExits(EnumSet.noneOf(VmExitKind.class));
        e = resume();
        assertEquals(StopReason.HALTED, e.reason(), e.toString());
        assertEquals(PflashDemo.EMULATE_OUT, output());
    }

    @Test
    void interrupt_stopsALoopingGuestPromptly_andItRunsOnAfterwards() throws Exception {
        host.close();
        host = HostedMachine.create(PflashDemo.spec("guest-faults-loop.elf", PflashMode.PASSTHROUGH), console, null);
        dbg = new HostedDebuggee(host);
        dbg.setStopListener(stops::add);
        dbg.resume();
        Thread.sleep(200);
        assertTrue(dbg.isRunning());
        long asked = System.nanoTime();
        dbg.interrupt();
        StopEvent e = stops.poll(5, TimeUnit.SECONDS);
        assertNotNull(e);
        assertEquals(StopReason.INTERRUPTED, e.reason());
        assertTrue(System.nanoTime() - asked < 1_000_000_000L, "stopped within a second");
        long retired = host.vm().vcpu().instructionsRetired();
        assertTrue(retired > 0);
        dbg.resume();
        Thread.sleep(100);
        dbg.interrupt();
        e = stops.poll(5, TimeUnit.SECONDS);
        assertNotNull(e);
        assertEquals(StopReason.INTERRUPTED, e.reason());
        assertTrue(host.vm().vcpu().instructionsRetired() > retired, "the second run made progress");
        assertEquals("guest-faults: looping forever\n", output());
    }

    @Test
    void writeWatchpoint_stopsBeforeTheGuestsStore_andTheStoreCompletesOnContinue() throws Exception {
        long table = symbol("boot_pt");
        dbg.breakpoints().insert(BreakpointKind.WRITE_WATCH, table, 4096);
        StopEvent e = resume();
        assertEquals(StopReason.WATCHPOINT, e.reason(), e.toString());
        assertTrue(e.address() >= table && e.address() < table + 4096, Long.toHexString(e.address()));
        long pc = dbg.pc(0);
        assertTrue(pc >= symbol("_start") && pc < symbol("console_putc"), Long.toHexString(pc));
        assertEquals(8, dbg.readMemory(0, AddressSpace.CURRENT, e.address(), 8).length, "guest memory readable");
        dbg.breakpoints().remove(BreakpointKind.WRITE_WATCH, table, 4096);
        e = dbg.step(0, true);
        assertEquals(StopReason.STEP, e.reason());
        long next = dbg.pc(0);
        assertTrue(next == pc + 2 || next == pc + 4, "the store completed: pc " + Long.toHexString(next));
        e = resume();
        assertEquals(StopReason.HALTED, e.reason(), e.toString());
        assertEquals(PflashDemo.PASSTHROUGH_OUT, output());
    }
}
