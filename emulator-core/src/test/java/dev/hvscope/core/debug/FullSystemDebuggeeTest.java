package dev.hvscope.core.debug;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hvscope.core.hart.Csr;
import dev.hvscope.core.machine.Bios;
import dev.hvscope.core.machine.ElfImage;
import dev.hvscope.core.machine.ElfLoader;
import dev.hvscope.core.machine.ElfSegment;
import dev.hvscope.core.machine.LoadedImage;
import dev.hvscope.core.machine.MachineConfig;
import dev.hvscope.core.machine.PflashDrive;
import dev.hvscope.core.machine.SerialMode;
import dev.hvscope.core.machine.VirtMachine;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FullSystemDebuggeeTest {
    static Path examples() {
        return Path.of(System.getProperty("hvscope.examples", "../examples")).toAbsolutePath().normalize();
    }

    private VirtMachine machine;
    private FullSystemDebuggee dbg;
    private final BlockingQueue<StopEvent> stops = new ArrayBlockingQueue<>(16);

    @BeforeEach
    void boot() {
        Path ex = examples();
        MachineConfig config = MachineConfig.builder()
                .bios(Bios.file(ex.resolve("hv-baremetal/hv-passthrough.elf")))
                .pflash(new PflashDrive(1, ex.resolve("pflash/pflash.img"), true))
                .serial(SerialMode.STDIO)
                .build();
        machine = VirtMachine.create(config, null, new ByteArrayOutputStream());
        dbg = new FullSystemDebuggee(machine);
        dbg.setStopListener(stops::add);
    }

    @AfterEach
    void close() throws InterruptedException {
        dbg.interrupt();
        dbg.awaitStopped(5000);
        machine.close();
    }

    private long symbol(String name) {
        for (LoadedImage img : machine.images()) {
            if (img.elf() != null && img.elf().address(name).isPresent()) {
                return img.elf().address(name).getAsLong();
            }
        }
        throw new AssertionError("no symbol " + name);
    }

    private StopEvent resumeAndWait() throws InterruptedException {
        dbg.resume();
        StopEvent e = stops.poll(20, TimeUnit.SECONDS);
        assertNotNull(e, "target did not stop");
        return e;
    }

    @Test
    void softwareBreakpoint_stopsBeforeTheInstruction_andResumeStepsOverIt() throws Exception {
        long hvMain = symbol("hv_main");
        assertTrue(dbg.breakpoints().insert(BreakpointKind.SOFTWARE, hvMain, 2));
        StopEvent e = resumeAndWait();
        assertEquals(StopReason.SOFTWARE_BREAKPOINT, e.reason());
        assertEquals(hvMain, dbg.pc(0));
        long hsTrap = symbol("hs_trap");
        dbg.breakpoints().insert(BreakpointKind.HARDWARE, hsTrap, 2);
        e = resumeAndWait();
        assertEquals(StopReason.HARDWARE_BREAKPOINT, e.reason());
        assertEquals(hsTrap, dbg.pc(0));
    }

    @Test
    void caughtNestedPageFault_stopsInHsWithTheGuestPhysicalAddress() throws Exception {
        dbg.catchExits(EnumSet.of(VmExitKind.NESTED_PAGE_FAULT));
        StopEvent e = resumeAndWait();
        assertEquals(StopReason.VM_EXIT, e.reason());
        VmExitRecord r = e.exit();
        assertEquals(VmExitKind.NESTED_PAGE_FAULT, r.kind());
        assertEquals(21, r.cause());
        assertEquals(0x2200_0000L, r.gpa());
        assertEquals(0x8020_0044L, r.guestPc());
        assertEquals("VS", r.fromMode());
        assertEquals("HS", r.toMode());
        assertFalse(dbg.threadState(0).virtualized());
        assertEquals(0x2200_0000L >>> 2, dbg.csr(0, Csr.HTVAL));
        assertEquals(r, dbg.exitLog().last(1).get(0));
        // Not yet mapped: the G-stage walk of the pflash GPA faults; guest RAM is mapped.
        assertFalse(dbg.translate(0, AddressSpace.GUEST_PHYSICAL, 0x2200_0000L).ok());
        TranslationReport ram = dbg.translate(0, AddressSpace.GUEST_PHYSICAL, 0x8020_0000L);
        assertTrue(ram.ok(), ram.trace());
        assertEquals(0x8420_0000L, ram.pa());
        List<MappingRegion> g = dbg.mappings(0, HypervisorViews.Table.HGATP);
        assertEquals(1, g.size(), g.toString());
        assertEquals(new MappingRegion(0x8000_0000L, 0x8400_0000L, 16L << 20, 0xdf), g.get(0));
        assertTrue(MappingRegion.table(g).contains("0000000080000000 0000000084000000 0000000001000000 rwxu-ad"),
                MappingRegion.table(g));
    }

    @Test
    void stepAcrossTheGuestFault_landsInTheTrapVector() throws Exception {
        dbg.breakpoints().insert(BreakpointKind.SOFTWARE, 0x8020_0044L, 4);
        StopEvent e = resumeAndWait();
        assertEquals(StopReason.SOFTWARE_BREAKPOINT, e.reason());
        assertTrue(dbg.threadState(0).virtualized());
        // Guest-virtual read through vsatp and hgatp at the stop: the faulting instruction itself.
        byte[] insn = dbg.readMemory(0, AddressSpace.CURRENT, 0x8020_0044L, 4);
        byte[] viaHpa = dbg.readMemory(0, AddressSpace.HOST_PHYSICAL, 0x8420_0044L, 4);
        assertArrayEquals(viaHpa, insn);
        StopEvent s = dbg.step(0, true);
        assertEquals(StopReason.STEP, s.reason());
        assertEquals(symbol("hs_trap_entry"), dbg.pc(0));
        assertFalse(dbg.threadState(0).virtualized());
        assertEquals(21L, dbg.csr(0, Csr.SCAUSE));
    }

    @Test
    void writeWatchpoint_reportsBeforeTheStoreLands() throws Exception {
        long counter = symbol("exit_count");
        dbg.breakpoints().insert(BreakpointKind.WRITE_WATCH, counter, 8);
        // The .bss clear writes zeros first; hs_trap's exit_count++ is the first store that changes it.
        for (int stop = 0; stop < 64; stop++) {
            StopEvent e = resumeAndWait();
            assertEquals(StopReason.WATCHPOINT, e.reason());
            assertEquals(WatchKind.WRITE, e.watchKind());
            assertTrue(e.address() >= counter && e.address() < counter + 8);
            byte before = dbg.readMemory(0, AddressSpace.HOST_PHYSICAL, counter, 8)[0];
            StopEvent s = dbg.step(0, true);
            assertEquals(StopReason.STEP, s.reason());
            byte after = dbg.readMemory(0, AddressSpace.HOST_PHYSICAL, counter, 8)[0];
            if (after != before) {
                assertEquals(0, before);
                assertEquals(1, after);
                return;
            }
        }
        throw new AssertionError("exit_count never changed");
    }

    @Test
    void interrupt_stopsARunningMachinePromptly() throws Exception {
        dbg.resume();
        Thread.sleep(50);
        long t0 = System.nanoTime();
        dbg.interrupt();
        StopEvent e = stops.poll(5, TimeUnit.SECONDS);
        assertNotNull(e);
        assertTrue(System.nanoTime() - t0 < 2_000_000_000L);
        assertTrue(e.reason() == StopReason.INTERRUPTED || e.reason() == StopReason.HALTED, e.toString());
    }

    @Test
    void breakpointsChangedWhileRunning_pauseQuietly_andTheMachineRunsOn() throws Exception {
        // A guest that spins for ever after its last exit, so the breakpoint inserted while the
        // machine runs is certain to be reached (no race with power-off).
        dbg.interrupt();
        dbg.awaitStopped(5000);
        machine.close();
        Path ex = examples();
        machine = VirtMachine.create(MachineConfig.builder().bios(Bios.file(ex.resolve("hv-baremetal/hv-fault-loop.elf")))
                .serial(SerialMode.STDIO).build(), null, new ByteArrayOutputStream());
        dbg = new FullSystemDebuggee(machine);
        dbg.setStopListener(stops::add);
        long spin = guestSpinLoop();
        dbg.breakpoints().insert(BreakpointKind.SOFTWARE, 0x10, 2);   // never reached
        dbg.resume();
        Thread.sleep(50);
        dbg.breakpoints().insert(BreakpointKind.HARDWARE, spin, 2);   // while running: no stop event for the pause
        StopEvent e = stops.poll(20, TimeUnit.SECONDS);
        assertNotNull(e);
        assertEquals(StopReason.HARDWARE_BREAKPOINT, e.reason(), e.toString());
        assertEquals(spin, dbg.pc(0));
        dbg.breakpoints().removeAll();
        dbg.resume();
        Thread.sleep(50);
        assertTrue(dbg.isRunning(), "runs on without the breakpoints");
        assertTrue(stops.isEmpty(), "no stop event: " + stops);
    }

    /** The guest's final `j .` (examples/pflash-guest/guest-faults-loop.elf, identity-mapped). */
    private static long guestSpinLoop() throws Exception {
        ElfImage guest = ElfLoader.read(examples().resolve("pflash-guest/guest-faults-loop.elf"));
        long main = guest.address("guest_main").getAsLong();
        byte[] code = java.nio.file.Files.readAllBytes(examples().resolve("pflash-guest/guest-faults-loop.elf"));
        // Find the first compressed `c.j 0` (0xa001) after guest_main in the image's load segment.
        for (ElfSegment seg : guest.segments()) {
            for (long a = Math.max(main, seg.paddr()); a + 2 <= seg.paddr() + seg.filesz(); a += 2) {
                int off = (int) (seg.fileOffset() + (a - seg.paddr()));
                if ((code[off] & 0xff) == 0x01 && (code[off + 1] & 0xff) == 0xa0) {
                    return a;
                }
            }
        }
        throw new AssertionError("no spin loop in guest_main");
    }

    @Test
    void runToPowerOff_reportsHalted() throws Exception {
        StopEvent e = resumeAndWait();
        assertEquals(StopReason.HALTED, e.reason());
        assertEquals(0, e.exitStatus());
        assertTrue(dbg.exitLog().total() > 10, "exits were logged");
    }

    @Test
    void timeStandsStill_whileTheDebuggerHoldsTheMachine() throws Exception {
        dbg.resume();
        Thread.sleep(20);
        dbg.interrupt();
        assertTrue(dbg.awaitStopped(5000));
        long before = machine.hart(0).readTime();
        Thread.sleep(60);   // 600,000 ticks of a running 10 MHz clock
        assertEquals(before, machine.hart(0).readTime());
        dbg.step(0, false);  // without NOTIMER, time runs during the step, then stops again
        long after = machine.hart(0).readTime();
        Thread.sleep(30);
        assertEquals(after, machine.hart(0).readTime());
    }

    /** Two harts in loops of their own: hart 0 at 0x8000_0008, hart 1 at 0x8000_0010. */
    private void bootTwoHartLoops(Path dir) throws Exception {
        int[] words = {
            0xf1402573,   // csrr a0, mhartid
            0x00051663,   // bnez a0, 0x80000010
            0x00128293,   // 0x80000008: addi t0, t0, 1
            0xffdff06f,   //             j 0x80000008
            0x00130313,   // 0x80000010: addi t1, t1, 1
            0xffdff06f,   //             j 0x80000010
        };
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(words.length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int w : words) {
            b.putInt(w);
        }
        Path bin = java.nio.file.Files.write(dir.resolve("loops.bin"), b.array());
        machine.close();
        machine = VirtMachine.create(MachineConfig.builder().bios(Bios.file(bin)).smp(2).serial(SerialMode.STDIO).build(),
                null, new ByteArrayOutputStream());
        dbg = new FullSystemDebuggee(machine);
        dbg.setStopListener(stops::add);
    }

    /** Per stop on {@code stopper}'s loop, how far the other hart ran: at most one debug batch, never starved. */
    private void otherHartRunsAtMostOneBatchPerStop(int stopper, long loop) throws Exception {
        dbg.breakpoints().insert(BreakpointKind.SOFTWARE, loop, 4);
        int other = 1 - stopper;
        long before = machine.hart(other).instructionsRetired();
        long ran = 0;
        for (int stop = 0; stop < 20; stop++) {
            StopEvent e = resumeAndWait();
            assertEquals(StopReason.SOFTWARE_BREAKPOINT, e.reason(), e.toString());
            assertEquals(stopper, e.thread());
            long now = machine.hart(other).instructionsRetired();
            assertTrue(now - before <= FullSystemDebuggee.MULTI_HART_BATCH,
                    "hart " + other + " ran " + (now - before) + " instructions past a stop of hart " + stopper);
            ran += now - before;
            before = now;
        }
        assertTrue(ran > 0, "hart " + other + " starved");
    }

    @Test
    void twoHarts_aStopOnHartOne_leavesHartZeroWithinOneDebugBatch(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        bootTwoHartLoops(dir);
        otherHartRunsAtMostOneBatchPerStop(1, 0x8000_0010L);
    }

    @Test
    void twoHarts_aStopOnHartZero_leavesHartOneWithinOneDebugBatch_andDoesNotStarveIt(
            @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        bootTwoHartLoops(dir);
        otherHartRunsAtMostOneBatchPerStop(0, 0x8000_0008L);
    }
}
