package dev.hvscope.core.hv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hvscope.core.bus.Ram;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The h_2_0 tour end to end on the hosted hypervisor: both pflash modes, the exits, the G-stage PTEs. */
class PflashVmTest {

    private static void assertTourExits(ExitLog log, String output) {
        List<ExitLog.Entry> e = log.entries();
        VmExit.NestedPageFault f = (VmExit.NestedPageFault) e.get(0).exit();
        assertEquals(PflashDemo.PFLASH_GPA, f.addr());
        assertEquals(MappingFlags.READ, f.accessFlags());
        assertEquals(0xffff_ffc0_2200_0000L, f.gva());
        for (int i = 1; i < e.size() - 1; i++) {
            VmExit.Hypercall h = (VmExit.Hypercall) e.get(i).exit();
            assertEquals(Sbi.LEGACY_CONSOLE_PUTCHAR, h.eid());
            assertEquals(output.charAt(i - 1), (char) h.arg(0));
        }
        VmExit.SystemDown d = (VmExit.SystemDown) e.get(e.size() - 1).exit();
        assertEquals(0, d.resetType());
        assertEquals(0, d.reason());
        assertEquals(output.length() + 2, log.total(), "one fault, one putchar per byte, one SRST");
    }

    @Test
    void passthrough_guestReadsBoardFlash_andGpaMapsOntoBoardBank() {
        PflashDemo.Run run = PflashDemo.run(PflashDemo.spec("pflash-guest.elf", PflashMode.PASSTHROUGH), 50_000_000L);
        try (HostedMachine host = run.host()) {
            assertEquals(PflashDemo.PASSTHROUGH_OUT, run.output());
            assertEquals(VmResult.Outcome.SYSTEM_DOWN, run.result().outcome(), run.result().message());
            assertEquals(0, run.result().exitStatus());
            assertTourExits(run.result().log(), run.output());
            GuestAddressSpace space = host.vm().addressSpace();
            assertEquals(0x2200_0000L, space.translate(0x2200_0000L));
            GuestAddressSpace.Leaf leaf = space.leafAt(0x2200_0000L);
            assertEquals(0, leaf.level());
            assertEquals(0xdf, leaf.pte() & 0xff, "V|R|W|X|U|A|D as the tour");
            // Guest RAM is elsewhere in host RAM: the entry page is not identity mapped.
            assertTrue(space.translate(0x8020_0000L) != 0x8020_0000L);
            assertTrue(run.result().summaryLine().contains("pflash passthrough"), run.result().summaryLine());
        }
    }

    @Test
    void emulate_guestReadsImageFile_fromAnAllocatedFrame() throws Exception {
        PflashDemo.Run run = PflashDemo.run(PflashDemo.spec("pflash-guest.elf", PflashMode.EMULATE), 50_000_000L);
        try (HostedMachine host = run.host()) {
            assertEquals(PflashDemo.EMULATE_OUT, run.output());
            assertTourExits(run.result().log(), run.output());
            GuestAddressSpace space = host.vm().addressSpace();
            long hpa = space.translate(0x2200_0000L);
            Ram ram = host.machine().bus().ram();
            assertTrue(ram.contains(hpa, 4096), "a RAM frame, not the flash bank: " + Long.toHexString(hpa));
            byte[] image = Files.readAllBytes(PflashDemo.examples().resolve("pflash/pflash-emulate.img"));
            for (int i = 0; i < 4096; i++) {
                assertEquals(image[i], (byte) ram.readByte(hpa + i), "byte " + i);
            }
            assertTrue(run.result().log().entries().get(0).handling().startsWith("emulate: map_alloc"));
        }
    }

    @Test
    void switchingModeMidRun_refaultsAndRemaps() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (HostedMachine host = HostedMachine.create(PflashDemo.spec("pflash-guest.elf", PflashMode.PASSTHROUGH),
                out, null)) {
            Vm vm = host.vm();
            // Run until the first pflash fault has been served, then switch.
            while (vm.exitLog().total() < 1) {
                VmResult r = vm.run(vm.vcpu().instructionsRetired() + 1_000, 0);
                assertEquals(VmResult.Outcome.INSTRUCTION_LIMIT, r.outcome());
            }
            assertEquals(0x2200_0000L, vm.addressSpace().translate(0x2200_0000L));
            int fencesBefore = vm.addressSpace().fenceCount();
            vm.setPflashMode(PflashMode.EMULATE);
            VmResult r = vm.run(0, 0);
            assertEquals(VmResult.Outcome.SYSTEM_DOWN, r.outcome(), r.message());
            assertTrue(vm.addressSpace().fenceCount() > fencesBefore);
            String text = out.toString(StandardCharsets.ISO_8859_1);
            // The magic came from the board; after the switch the payload reads re-fault into the image.
            assertTrue(text.startsWith(PflashDemo.LINES), text);
            assertTrue(text.endsWith("pflash payload: emulated by hvscope from pflash-emulate.img\n"), text);
            long faults = vm.exitLog().entries().stream().filter(e -> e.exit() instanceof VmExit.NestedPageFault).count();
            assertEquals(2, faults, "the same page faults again after the switch");
            long hpa = vm.addressSpace().translate(0x2200_0000L);
            assertTrue(host.machine().bus().ram().contains(hpa, 4096));
            assertEquals(PflashMode.EMULATE, r.pflashMode());
        }
    }
}
