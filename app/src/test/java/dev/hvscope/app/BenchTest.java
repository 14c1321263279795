package dev.hvscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchTest {
    /** lui t0,0x100; lui t1,5; addi t1,t1,0x555; sw t1,0(t0); j . — writes "pass" to sifive_test. */
    static final int[] EXIT_PASS = {0x001002b7, 0x00005337, 0x55530313, 0x0062a023, 0x0000006f};

    /** A one-segment ELF64 RISC-V executable at 0x80000000. */
    static byte[] tinyElf(int[] code) {
        int codeOff = 64 + 56;
        ByteBuffer b = ByteBuffer.allocate(codeOff + code.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
        b.putShort(16, (short) 2).putShort(18, (short) 243).putInt(20, 1).putLong(24, 0x8000_0000L)
                .putLong(32, 64).putShort(52, (short) 64).putShort(54, (short) 56).putShort(56, (short) 1);
        b.putInt(64, 1).putInt(68, 5).putLong(72, codeOff).putLong(80, 0x8000_0000L).putLong(88, 0x8000_0000L)
                .putLong(96, code.length * 4L).putLong(104, code.length * 4L).putLong(112, 4);
        for (int i = 0; i < code.length; i++) {
            b.putInt(codeOff + 4 * i, code[i]);
        }
        return b.array();
    }

    @Test
    void table_showsBothEmulatorsAndTheRatio() {
        String t = BenchTable.format("bench_int.elf", 3, new BenchResult("hvscope", 200_000_000, 2.0),
                new BenchResult("qemu", 200_000_000, 0.5), 0.04, null);
        assertTrue(t.startsWith("hvscope bench: bench_int.elf, best of 3 runs\n"), t);
        assertTrue(t.contains("hvscope          200000000      2.000      100.0"), t);
        assertTrue(t.contains("qemu             200000000      0.500      400.0   (start-up 0.040 s subtracted)"), t);
        assertTrue(t.contains("ratio hvscope/QEMU (MIPS): 0.250"), t);
    }

    @Test
    void table_withoutQemuSaysWhy() {
        String t = BenchTable.format("b.elf", 1, new BenchResult("hvscope", 1000, 0.001), null, 0, "--no-qemu");
        assertTrue(t.contains("best of 1 run\n"), t);
        assertTrue(t.contains("qemu       not run: --no-qemu"), t);
    }

    @Test
    void table_nonPositiveQemuTimeIsNotAMeasurement() {
        String t = BenchTable.format("b.elf", 1, new BenchResult("hvscope", 1000, 0.001),
                new BenchResult("qemu", 1000, -0.01), 0.05, null);
        assertTrue(t.contains("n/a (time too short to measure)"), t);
    }

    @Test
    void qemuRunner_timesAProgramThatExitsThroughSifiveTest(@TempDir Path dir) throws Exception {
        Path qemu = QemuRunner.find(QemuRunner.DEFAULT_BINARY);
        Assumptions.assumeTrue(qemu != null, "qemu-system-riscv64 not installed");
        Path elf = Files.write(dir.resolve("exit.elf"), tinyElf(EXIT_PASS));
        QemuRunner.Timing t = new QemuRunner(qemu, 60).run(elf);
        assertEquals(0, t.exitStatus());
        assertTrue(t.seconds() > 0 && t.seconds() < 60, "seconds " + t.seconds());
    }

    @Test
    void qemuRunner_givesUpAfterTheTimeout(@TempDir Path dir) throws Exception {
        Path qemu = QemuRunner.find(QemuRunner.DEFAULT_BINARY);
        Assumptions.assumeTrue(qemu != null, "qemu-system-riscv64 not installed");
        Path elf = Files.write(dir.resolve("spin.elf"), tinyElf(new int[] {0x0000006f}));
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> new QemuRunner(qemu, 1).run(elf));
        assertTrue(e.getMessage().contains("did not finish"), e.getMessage());
    }

    @Test
    void qemuRunner_usesTheBenchCommandLine() {
        assertEquals(java.util.List.of("q", "-machine", "virt", "-cpu", "rv64", "-m", "128M", "-nographic", "-bios",
                "none", "-kernel", "x.elf"), new QemuRunner(Path.of("q"), 1).command(Path.of("x.elf")));
    }

    @Test
    void find_returnsNullForMissingPrograms() {
        assertNull(QemuRunner.find("hvscope-no-such-program"));
        assertNull(QemuRunner.find("/nonexistent/qemu"));
    }

    @Test
    void bench_reportsAMissingElfOnOneLine() {
        CommandLineTest.Run r = CommandLineTest.run("bench", "--elf", "missing.elf", "--no-qemu");
        assertEquals(1, r.status());
        assertEquals("hvscope: --elf missing.elf: no such file", r.err().strip());
    }

    @Test
    void bench_defaultElfIsUnderHvscopeHome(@TempDir Path dir) {
        String old = System.getProperty(HvscopeHome.PROPERTY);
        System.setProperty(HvscopeHome.PROPERTY, dir.toString());
        try {
            CommandLineTest.Run r = CommandLineTest.run("bench", "--no-qemu");
            assertEquals("hvscope: --elf " + dir.resolve(BenchCommand.DEFAULT_ELF)
                    + ": no such file (build the examples: make -C examples)", r.err().strip());
        } finally {
            if (old == null) {
                System.clearProperty(HvscopeHome.PROPERTY);
            } else {
                System.setProperty(HvscopeHome.PROPERTY, old);
            }
        }
    }

    @Test
    void bench_rejectsUnknownOptionsAndZeroRuns() {
        assertEquals("hvscope: --fast: unknown option (see hvscope bench -h)",
                CommandLineTest.run("bench", "--fast").err().strip());
        assertEquals("hvscope: --runs must be at least 1", CommandLineTest.run("bench", "--runs", "0").err().strip());
    }
}
