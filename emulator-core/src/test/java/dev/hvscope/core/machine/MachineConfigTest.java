package dev.hvscope.core.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MachineConfigTest {
    static String error(MachineConfig.Builder b) {
        return assertThrows(MachineException.class, b::build).getMessage();
    }

    @Test
    void defaults_areQemuVirtWithOneHartAnd128MiB() {
        MachineConfig c = MachineConfig.builder().build();
        assertEquals(1, c.smp());
        assertEquals(128L << 20, c.ramSize());
        assertTrue(c.hExtension());
        assertEquals(Bios.DEFAULT, c.bios());
        assertEquals(SerialMode.MON_STDIO, c.serial());
        assertNull(c.kernel());
        assertNull(c.gdb());
        assertFalse(c.waitForGdb());
        assertTrue(c.pflash().isEmpty());
        assertTrue(c.traceFlags().isEmpty());
    }

    @Test
    void builder_keepsEveryField() {
        MachineConfig c = MachineConfig.builder().smp(4).ramSize(1L << 30).hExtension(false)
                .bios(Bios.NONE).kernel(Path.of("k.elf")).append("console=ttyS0").initrd(Path.of("rd"))
                .pflash(new PflashDrive(1, Path.of("p1.img"), true)).serial(SerialMode.NONE)
                .gdb(new GdbEndpoint("0.0.0.0", 4321)).waitForGdb(true)
                .traceFlag(TraceFlag.INT).traceFlag("mmu").logFile(Path.of("t.log")).build();
        assertEquals(4, c.smp());
        assertEquals(1L << 30, c.ramSize());
        assertFalse(c.hExtension());
        assertEquals(Path.of("k.elf"), c.kernel());
        assertEquals("console=ttyS0", c.append());
        assertEquals(Path.of("p1.img"), c.pflash(1).file());
        assertNull(c.pflash(0));
        assertEquals(4321, c.gdb().port());
        assertEquals(Set.of("int", "mmu"), c.traceFlags());
        assertTrue(c.traces(TraceFlag.MMU));
        assertFalse(c.traces(TraceFlag.EXEC));
        assertEquals(c, c.toBuilder().build(), "toBuilder round-trips");
    }

    @Test
    void smp_mustBeOneToEight() {
        assertTrue(error(MachineConfig.builder().smp(0)).contains("smp 0"));
        assertTrue(error(MachineConfig.builder().smp(9)).contains("1..8"));
        assertEquals(8, MachineConfig.builder().smp(8).build().smp());
    }

    @Test
    void ramSize_mustBePositivePageMultipleWithinLimit() {
        assertTrue(error(MachineConfig.builder().ramSize(0)).contains("multiple of 4 KiB"));
        assertTrue(error(MachineConfig.builder().ramSize(4097)).contains("multiple of 4 KiB"));
        assertTrue(error(MachineConfig.builder().ramSize(32L << 30)).contains("limit"));
    }

    @Test
    void appendAndInitrd_needAKernel() {
        assertEquals("-append only allowed with -kernel option", error(MachineConfig.builder().append("x")));
        assertEquals("-initrd only allowed with -kernel option", error(MachineConfig.builder().initrd(Path.of("r"))));
    }

    @Test
    void pflashUnits_mustBeZeroOrOneAndUnique() {
        assertThrows(MachineException.class, () -> new PflashDrive(2, Path.of("x"), false));
        MachineConfig.Builder b = MachineConfig.builder().pflash(new PflashDrive(0, Path.of("a"), false))
                .pflash(new PflashDrive(0, Path.of("b"), false));
        assertEquals("pflash unit 0 is given twice", error(b));
    }

    @Test
    void traceFlags_mustBeKnown() {
        assertTrue(error(MachineConfig.builder().traceFlag("bogus")).contains("unknown trace flag 'bogus'"));
        for (TraceFlag f : TraceFlag.values()) {
            assertEquals(f, TraceFlag.fromName(f.flagName()));
            assertTrue(TraceFlag.helpText().contains(f.flagName()));
        }
    }

    @Test
    void waitForGdb_needsAStub() {
        assertTrue(error(MachineConfig.builder().waitForGdb(true)).contains("-S needs a GDB stub"));
    }

    @Test
    void gdbEndpoint_checksPort() {
        assertThrows(MachineException.class, () -> new GdbEndpoint("127.0.0.1", -1));
        assertThrows(MachineException.class, () -> new GdbEndpoint("127.0.0.1", 65536));
        assertEquals(0, new GdbEndpoint("127.0.0.1", 0).port());   // 0: the stub takes a free port
        assertEquals("tcp:127.0.0.1:1234", GdbEndpoint.defaultEndpoint().toString());
    }

    @Test
    void biosDefault_resolvesToFirstExistingCandidate(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("missing.elf");
        Path present = Files.createFile(dir.resolve("fw_dynamic.elf"));
        assertEquals(present, Bios.DEFAULT.resolve(List.of(missing, present)));
        assertNull(Bios.NONE.resolve(List.of(present)));
        assertEquals(Path.of("my.bin"), Bios.file(Path.of("my.bin")).resolve(List.of(present)));
    }

    @Test
    void biosDefault_withoutFirmwareNamesWhereItLooked(@TempDir Path dir) {
        Path missing = dir.resolve("missing.elf");
        String msg = assertThrows(MachineException.class, () -> Bios.DEFAULT.resolve(List.of(missing))).getMessage();
        assertTrue(msg.startsWith("-bios default: no OpenSBI firmware found"), msg);
        assertTrue(msg.contains(missing.toString()), msg);
    }

    @Test
    void serialMode_knowsQemuSpellings() {
        assertEquals(SerialMode.MON_STDIO, SerialMode.fromQemuName("mon:stdio"));
        assertEquals(SerialMode.STDIO, SerialMode.fromQemuName("stdio"));
        assertEquals(SerialMode.NONE, SerialMode.fromQemuName("none"));
        assertNull(SerialMode.fromQemuName("pty"));
    }
}
