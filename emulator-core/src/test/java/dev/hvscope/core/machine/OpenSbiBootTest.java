package dev.hvscope.core.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Debian's OpenSBI boots the S-mode payload on hvscope exactly as it does on QEMU. */
class OpenSbiBootTest {
    private static final Path PAYLOAD = GuestRun.examples().resolve("payload/payload.elf");

    private static Path firmware() {
        return Bios.DEFAULT_FIRMWARE_CANDIDATES.stream().filter(Files::isRegularFile).findFirst().orElse(null);
    }

    private static GuestRun.Result boot(boolean hExtension) {
        assumeTrue(firmware() != null, "OpenSBI (package opensbi / qemu-system-data) is not installed");
        return GuestRun.run(MachineConfig.builder().bios(Bios.file(firmware())).kernel(PAYLOAD)
                .hExtension(hExtension).serial(SerialMode.STDIO).build(), 200_000_000L);
    }

    @Test
    void openSbi_printsBannerWithHypervisorIsaThenRunsThePayload() {
        GuestRun.Result r = boot(true);
        assertTrue(r.poweredOff(), r.output());
        assertEquals(0, r.exitStatus());
        String text = r.output().replace("\r\n", "\n");   // OpenSBI's console writes CR LF
        assertTrue(text.contains("Boot HART Base ISA        : rv64imafdch\n"), text);
        assertTrue(text.endsWith("hvscope S-mode payload: hello\n"), text);
    }

    @Test
    void openSbi_withoutH_reportsTheIsaWithoutH() {
        GuestRun.Result r = boot(false);
        assertTrue(r.output().contains("Boot HART Base ISA        : rv64imafdc\r\n"), r.output());
        assertEquals(0, r.exitStatus());
    }

    @Test
    void openSbiBoot_isByteForByteTheSameAsOnQemu() throws Exception {
        assumeTrue(QemuRunner.available(), "qemu-system-riscv64 is not installed");
        GuestRun.Result r = boot(true);
        QemuRunner.Result q = QemuRunner.run(List.of("-bios", firmware().toString(), "-kernel", PAYLOAD.toString()), 30);
        assertEquals(q.output(), r.output());
        assertEquals(q.exitStatus(), r.exitStatus());
    }
}
