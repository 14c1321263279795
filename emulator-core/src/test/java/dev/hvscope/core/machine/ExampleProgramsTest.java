package dev.hvscope.core.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every ISA test program in examples/tests runs on hvscope, passes through the sifive_test
 * finisher, and prints exactly what QEMU printed for it (examples/tests/expected, captured from
 * QEMU); where QEMU is installed the same ELF also runs there, live, and the two are compared.
 */
class ExampleProgramsTest {
    private static final long LIMIT = 500_000_000L;

    static List<Path> testPrograms() throws IOException {
        Path dir = GuestRun.examples().resolve("tests");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".elf")).sorted().toList();
        }
    }

    private static String name(Path elf) {
        String f = elf.getFileName().toString();
        return f.substring(0, f.length() - 4);
    }

    @TestFactory
    Stream<DynamicTest> everyTestProgram_passesAndPrintsTheRecordedOutput() throws IOException {
        List<Path> programs = testPrograms();
        assumeTrue(!programs.isEmpty(), "no test programs under examples/tests");
        return programs.stream().map(elf -> DynamicTest.dynamicTest(name(elf), () -> {
            GuestRun.Result r = GuestRun.bareMetal(elf, LIMIT);
            assertTrue(r.poweredOff(), () -> name(elf) + " did not finish; output:\n" + r.output());
            Path expected = elf.resolveSibling("expected").resolve(name(elf) + ".out");
            if (Files.exists(expected)) {
                assertEquals(Files.readString(expected, StandardCharsets.ISO_8859_1), r.output(), name(elf));
            }
            assertEquals(0, r.exitStatus(), () -> name(elf) + " failed:\n" + r.output());
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyTestProgram_behavesAsOnQemu() throws IOException {
        assumeTrue(QemuRunner.available(), "qemu-system-riscv64 is not installed");
        List<Path> programs = testPrograms();
        assumeTrue(!programs.isEmpty(), "no test programs under examples/tests");
        List<String> knownDiffs = knownQemuDifferences();
        return programs.stream().filter(p -> !knownDiffs.contains(name(p)))
                .map(elf -> DynamicTest.dynamicTest(name(elf), () -> {
                    QemuRunner.Result q = QemuRunner.run(List.of("-bios", "none", "-kernel", elf.toString()), 30);
                    assertTrue(!q.timedOut(), "QEMU timed out");
                    GuestRun.Result r = GuestRun.bareMetal(elf, LIMIT);
                    assertEquals(q.output(), r.output(), name(elf) + ": UART output differs from QEMU");
                    assertEquals(q.exitStatus(), r.exitStatus(), name(elf) + ": exit status differs from QEMU");
                }));
    }

    private static List<String> knownQemuDifferences() throws IOException {
        Path f = GuestRun.examples().resolve("tests/qemu-known-diffs.txt");
        if (!Files.exists(f)) {
            return List.of();
        }
        return Files.readAllLines(f).stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .map(l -> l.split("\\s+")[0]).toList();
    }
}
