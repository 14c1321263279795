package dev.hvscope.core.hv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Misbehaving guests end with a clear VmResult, never an exception. */
class GuestFaultsVmTest {

    @Test
    void jumpToUnmappedGpa_endsWithInstructionFetchReport() {
        PflashDemo.Run run = PflashDemo.run(PflashDemo.spec("guest-faults-unmapped.elf", PflashMode.PASSTHROUGH), 50_000_000L);
        try (HostedMachine host = run.host()) {
            VmResult r = run.result();
            assertEquals("guest-faults: jumping to unmapped gpa 0x90000000\n", run.output());
            assertEquals(VmResult.Outcome.GUEST_FAULT, r.outcome());
            assertEquals(1, r.exitStatus());
            assertTrue(r.message().startsWith("guest instruction fetch at gpa 0x90000000 (gva 0x90000000, pc 0x90000000)"),
                    r.message());
            List<ExitLog.Entry> e = r.log().entries();
            VmExit.NestedPageFault f = (VmExit.NestedPageFault) e.get(e.size() - 1).exit();
            assertEquals(MappingFlags.EXECUTE, f.accessFlags());
            assertEquals(0x9000_0000L, f.addr());
        }
    }

    @Test
    void loopingGuest_endsAtTheInstructionLimit() {
        PflashDemo.Run run = PflashDemo.run(PflashDemo.spec("guest-faults-loop.elf", PflashMode.PASSTHROUGH), 3_000_000L);
        try (HostedMachine host = run.host()) {
            VmResult r = run.result();
            assertEquals("guest-faults: looping forever\n", run.output());
            assertEquals(VmResult.Outcome.INSTRUCTION_LIMIT, r.outcome());
            assertEquals(3_000_000L, r.instructions());
            assertTrue(r.message().startsWith("instruction limit 3000000 reached at guest pc 0x8020"), r.message());
            assertTrue(r.summaryLine().contains("exits: 30 Hypercall"), r.summaryLine());
        }
    }

    @Test
    void loopingGuest_endsAtTheTimeout() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (HostedMachine host = HostedMachine.create(PflashDemo.spec("guest-faults-loop.elf", PflashMode.PASSTHROUGH),
                out, null)) {
            long t0 = System.nanoTime();
            VmResult r = host.vm().run(0, 300_000_000L);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(VmResult.Outcome.TIMEOUT, r.outcome());
            assertTrue(r.message().startsWith("timeout after 0.3 s at guest pc"), r.message());
            assertTrue(ms < 5_000, "ended promptly: " + ms + " ms");
        }
    }

    @Test
    void unknownSbiExtension_returnsNotSupported() {
        PflashDemo.Run run = PflashDemo.run(PflashDemo.spec("guest-faults-sbi.elf", PflashMode.PASSTHROUGH), 50_000_000L);
        try (HostedMachine host = run.host()) {
            assertEquals("guest-faults: sbi extension 0x0abcdef0 returned a0 = -2\n", run.output());
            assertEquals(VmResult.Outcome.SYSTEM_DOWN, run.result().outcome());
            ExitLog.Entry first = run.result().log().entries().get(0);
            assertEquals(0x0abcdef0L, ((VmExit.Hypercall) first.exit()).eid());
            assertTrue(first.handling().endsWith("not supported -> error -2"), first.handling());
        }
    }

    @Test
    void emulatedDeviceWindow_turnsTheFaultIntoAnMmioReadOfZero() {
        VmSpec demo = PflashDemo.spec("pflash-guest.elf", PflashMode.PASSTHROUGH);
        VmSpec spec = new VmSpec(demo.name(), demo.id(), demo.entryPoint(), demo.kernel(), demo.kernelLoadAddr(), 0,
                demo.memoryRegions(), List.of(), List.of(new VmSpec.EmulatedDevice("dummy", 0x2200_0000L, 0x1000)), null);
        PflashDemo.Run run = PflashDemo.run(spec, 50_000_000L);
        try (HostedMachine host = run.host()) {
            String out = run.output();
            assertTrue(out.startsWith("Try to access dev region [0xffffffc022000000], got 0x00000000\n"), out);
            VmExit.MmioRead read = (VmExit.MmioRead) run.result().log().entries().get(0).exit();
            assertEquals(0x2200_0000L, read.addr());
            assertEquals(4, read.width());
            assertEquals(10, read.reg(), "lwu a0, 0(a0)");
            assertEquals(false, read.signExtend());
            assertEquals(4, read.insnLength());
            assertEquals("no pflash", run.result().summaryLine().replaceAll(".*; (no pflash);.*", "$1"));
        }
    }

    @Test
    void missingGuestImage_isAClearError() {
        VmSpec demo = PflashDemo.spec("no-such-guest.elf", PflashMode.PASSTHROUGH);
        RuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> HostedMachine.create(demo, new ByteArrayOutputStream(), null));
        assertTrue(e.getMessage().contains("no-such-guest.elf"), e.getMessage());
    }

    @Test
    void guestSegmentOf2To48Bytes_isAClearErrorAtOnce(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        VmSpec demo = PflashDemo.spec("pflash-guest.elf", PflashMode.PASSTHROUGH);
        byte[] elf = java.nio.file.Files.readAllBytes(demo.kernel());
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(elf).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int last = -1;
        for (int i = 0, ph = (int) b.getLong(32); i < (b.getShort(56) & 0xffff); i++, ph += 56) {
            last = b.getInt(ph) == 1 ? ph : last; // PT_LOAD
        }
        b.putLong(last + 40, 1L << 48); // the last loadable segment's p_memsz: no overlap, just too big
        java.nio.file.Path huge = dir.resolve("huge.elf");
        java.nio.file.Files.write(huge, elf);
        VmSpec spec = new VmSpec(demo.name(), demo.id(), demo.entryPoint(), huge, demo.kernelLoadAddr(), 0,
                demo.memoryRegions(), List.of(), List.of(), demo.pflash());
        // refused before a byte is written, and quickly (the G-stage check stops at the first unmapped page)
        RuntimeException e = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60),
                () -> org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                        () -> HostedMachine.create(spec, new ByteArrayOutputStream(), null)));
        assertTrue(e.getMessage().contains("huge.elf") && e.getMessage().contains("outside RAM"), e.getMessage());
    }
}
