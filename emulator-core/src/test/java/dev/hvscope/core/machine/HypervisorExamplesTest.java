package dev.hvscope.core.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bare-metal mini hypervisor (examples/hv-baremetal, M-mode → HS → VS guest with its own Sv39 over
 * Sv39x4 G-stage tables) prints on hvscope exactly what it printed on QEMU, for both pflash modes and
 * the fault variants; where QEMU is installed it also runs there live.
 */
class HypervisorExamplesTest {
    private static final Path DIR = GuestRun.examples().resolve("hv-baremetal");
    private static final Path PFLASH = GuestRun.examples().resolve("pflash/pflash.img");

    private static GuestRun.Result runOnHvscope(String name, long limit) {
        return GuestRun.run(MachineConfig.builder().bios(Bios.file(DIR.resolve(name + ".elf")))
                .pflash(new PflashDrive(1, PFLASH, true)).serial(SerialMode.STDIO).build(), limit);
    }

    private static String expected(String name) throws IOException {
        return Files.readString(DIR.resolve("expected/" + name + ".out"), StandardCharsets.ISO_8859_1);
    }

    private static int expectedStatus(String name) throws IOException {
        // Recorded as "exit N" (plus a remark for timeouts).
        return Integer.parseInt(Files.readString(DIR.resolve("expected/" + name + ".rc")).strip().split("\\s+")[1]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hv-passthrough", "hv-emulate", "hv-fault-sbi", "hv-fault-unmapped"})
    void hypervisor_printsWhatItPrintedOnQemu(String name) throws IOException {
        GuestRun.Result r = runOnHvscope(name, 200_000_000L);
        assertTrue(r.poweredOff(), r.output());
        assertEquals(expected(name), r.output());
        assertEquals(expectedStatus(name), r.exitStatus());
    }

    @ParameterizedTest
    @ValueSource(strings = {"hv-passthrough", "hv-emulate"})
    void guestReadsPflashMagic_throughTwoStageTranslation(String name) {
        String out = runOnHvscope(name, 200_000_000L).output();
        assertTrue(out.contains("Try to access dev region [0xffffffc022000000], got 0x646c6670\nGot pflash magic: pfld\n"), out);
        assertTrue(out.contains("scause 21 sepc 0x80200044 stval 0xffffffc022000000 htval 0x8800000 gpa 0x22000000"), out);
    }

    @org.junit.jupiter.api.Test
    void loopingGuest_keepsRunningAndPrintsWhatQemuPrintedBeforeItsTimeout() throws IOException {
        GuestRun.Result r = runOnHvscope("hv-fault-loop", 20_000_000L);
        assertFalse(r.poweredOff());
        assertEquals(expected("hv-fault-loop"), r.output());
    }

    @ParameterizedTest
    @ValueSource(strings = {"hv-passthrough", "hv-emulate"})
    void hypervisor_behavesAsOnQemuLive(String name) throws Exception {
        assumeTrue(QemuRunner.available(), "qemu-system-riscv64 is not installed");
        // QEMU accepts only a full 32 MiB bank: pad the committed image with zeros.
        Path image = Files.createTempFile("pflash", ".img");
        try {
            byte[] head = Files.readAllBytes(PFLASH);
            try (var ch = java.nio.channels.FileChannel.open(image, java.nio.file.StandardOpenOption.WRITE)) {
                ch.write(java.nio.ByteBuffer.wrap(head));
                ch.truncate(32L << 20);
                ch.position((32L << 20) - 1).write(java.nio.ByteBuffer.wrap(new byte[1]));
            }
            QemuRunner.Result q = QemuRunner.run(List.of("-bios", DIR.resolve(name + ".elf").toString(),
                    "-drive", "if=pflash,unit=1,format=raw,file=" + image), 30);
            GuestRun.Result r = runOnHvscope(name, 200_000_000L);
            assertEquals(q.output(), r.output());
            assertEquals(q.exitStatus(), r.exitStatus());
        } finally {
            Files.deleteIfExists(image);
        }
    }
}
