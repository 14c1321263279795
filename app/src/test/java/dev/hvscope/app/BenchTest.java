package dev.hvscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    private static final BenchTable.Cold QEMU_STARTUP = new BenchTable.Cold(0.05, 40 << 10);

    static List<BenchTable.Startup> startups() {
        return List.of(new BenchTable.Startup("128M", new BenchTable.Cold(0.35, 63 << 10), QEMU_STARTUP),
                new BenchTable.Startup("16G", new BenchTable.Cold(0.40, 70 << 10), new BenchTable.Cold(0.05, 41 << 10)));
    }

    @Test
    void table_showsColdFiguresFirstThenStartupRssAndWarmWithRatiosVsQemu() {
        BenchTable.Workload w = new BenchTable.Workload("bench_mix.elf",
                new BenchResult("hvscope", 1_500_000_000L, 1.5),
                new BenchTable.Cold(2.0, 100 << 10), new BenchTable.Cold(1.05, 50 << 10));
        String t = BenchTable.format(3, startups(), List.of(w), QEMU_STARTUP, List.of());
        List<String> lines = t.lines().toList();
        assertEquals("hvscope bench: best of 3 runs per figure; cold = a new process per run, launch to exit",
                lines.get(0));
        assertTrue(lines.get(2).startsWith("cold: whole process"), t);
        assertEquals(List.of("bench_mix.elf", "1.50e+09", "2.000", "s", "1.050", "s", "0.53"), words(lines.get(3)));
        assertTrue(lines.get(4).startsWith("start-up: trivial program"), t);
        assertEquals(List.of("-m", "128M", "0.350", "s", "0.050", "s", "7.00"), words(lines.get(5)));
        assertEquals(List.of("-m", "16G", "0.400", "s", "0.050", "s", "8.00"), words(lines.get(6)));
        assertTrue(lines.get(7).startsWith("peak RSS"), t);
        assertEquals(List.of("trivial", "program,", "-m", "128M", "63", "MiB", "40", "MiB", "1.58"),
                words(lines.get(8)));
        assertEquals(List.of("bench_mix.elf", "100", "MiB", "50", "MiB", "2.00"), words(lines.get(10)));
        assertTrue(lines.get(11).startsWith("warm: in-process, start-up excluded"), t);
        // hvscope 1000 MIPS; QEMU 1.5e9 instructions in 1.05 - 0.05 s = 1500 MIPS
        assertEquals(List.of("bench_mix.elf", "1.50e+09", "1000", "MIPS", "1500", "MIPS", "0.67"),
                words(lines.get(12)));
        assertTrue(t.contains("QEMU's warm time is its cold time minus its start-up at -m 128M (0.050 s)."), t);
    }

    @Test
    void table_withoutQemuPrintsNotAvailableAndSaysWhy() {
        BenchTable.Workload w = new BenchTable.Workload("b.elf", new BenchResult("hvscope", 1000, 0.001),
                new BenchTable.Cold(0.5, -1), null);
        String t = BenchTable.format(1, List.of(new BenchTable.Startup("128M", new BenchTable.Cold(0.3, -1), null)),
                List.of(w), null, List.of("qemu: not run: --no-qemu"));
        assertTrue(t.startsWith("hvscope bench: best of 1 run per figure;"), t);
        assertTrue(t.lines().anyMatch(l -> words(l).equals(List.of("b.elf", "1.00e+03", "0.500", "s", "n/a", "n/a"))),
                t);
        assertTrue(t.lines().anyMatch(l -> words(l).equals(List.of("b.elf", "n/a", "n/a", "n/a"))), t);
        assertTrue(t.strip().endsWith("qemu: not run: --no-qemu"), t);
        assertFalse(t.contains("QEMU's warm time"), t);
    }

    @Test
    void table_qemuWarmTimeNotAboveItsStartupIsNotAMeasurement() {
        BenchTable.Workload w = new BenchTable.Workload("b.elf", new BenchResult("hvscope", 1000, 0.001),
                new BenchTable.Cold(0.5, -1), new BenchTable.Cold(0.04, -1));
        String t = BenchTable.format(1, startups(), List.of(w), QEMU_STARTUP, List.of());
        String warm = t.lines().filter(l -> l.startsWith("  b.elf")).reduce((a, b) -> b).orElseThrow();
        assertEquals(List.of("b.elf", "1.00e+03", "1", "MIPS", "n/a", "n/a"), words(warm));
    }

    static List<String> words(String line) {
        return List.of(line.strip().split(" +"));
    }

    @Test
    void processTimer_reportsExitStatusAndPeakRss() throws Exception {
        ProcessTimer.Timing t = ProcessTimer.run(List.of("sh", "-c", "exit 3"), 60);
        assertEquals(3, t.exitStatus());
        assertTrue(t.seconds() > 0 && t.seconds() < 60, "seconds " + t.seconds());
        if (ProcessTimer.measuresRss()) {
            assertTrue(t.peakRssKiB() > 0, "peak RSS " + t.peakRssKiB());
        } else {
            assertEquals(-1, t.peakRssKiB());
        }
    }

    @Test
    void processTimer_readsGnuTimesLastLine() {
        assertEquals(12345, ProcessTimer.peakRss("Command exited with non-zero status 3\n12345\n"));
        assertEquals(-1, ProcessTimer.peakRss(""));
    }

    @Test
    void bench_warmOnly_runsInProcessAndShowsProgress() {
        Path examples = Path.of(System.getProperty("hvscope.examples", "../examples"));
        CommandLineTest.Run r = CommandLineTest.run("bench", "--no-cold", "--runs", "1",
                "--elf", examples.resolve("bench/bench_mix_small.elf").toString(),
                "--baseline-elf", examples.resolve("tests/test_rv64i_alu.elf").toString());
        assertEquals(0, r.status(), r.err());
        assertEquals("bench [1/1] warm, hvscope bench_mix_small.elf", r.err().strip().replaceAll(": [0-9.]+ s$", ""));
        assertTrue(r.out().lines().anyMatch(l -> l.matches("  bench_mix_small.elf +5\\.[0-9]{2}e\\+07 +[0-9]+ MIPS +n/a +n/a")), r.out());
        assertFalse(r.out().contains("cold: whole process"), r.out());
        assertTrue(r.out().startsWith("hvscope bench: best of 1 run per figure\n"), r.out());
        assertTrue(r.out().contains("cold and start-up figures: not run: --no-cold"), r.out());
    }

    @Test
    void qemuRunner_timesAProgramThatExitsThroughSifiveTest(@TempDir Path dir) throws Exception {
        Path qemu = QemuRunner.find(QemuRunner.DEFAULT_BINARY);
        Assumptions.assumeTrue(qemu != null, "qemu-system-riscv64 not installed");
        Path elf = Files.write(dir.resolve("exit.elf"), tinyElf(EXIT_PASS));
        ProcessTimer.Timing t = new QemuRunner(qemu, 60).run(elf);
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
