package dev.hvscope.core.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hvscope.core.hart.CsrTable;
import dev.hvscope.core.hart.Hart;
import dev.hvscope.core.hart.jit.Jit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every example ISA test, the small integer benchmarks (bare and as a two-stage VS guest), the
 * F/D vector program and the SMP atomics test (one and two harts) give the same console output,
 * exit status, retired-instruction count and final architectural state (pc, privilege, integer
 * and FP registers, CSRs) with the block translator forced on as with the interpreter alone. The translator
 * runs twice: translating a block the first time its head is reached (every block is translated,
 * but only as far as the decode cache already holds its instructions, so blocks are short) and at
 * the second visit (longer blocks, loops inside them). The F/D vector program, translated,
 * also prints exactly the results and flags QEMU printed for it. The programs are built for RV64GC, so
 * most of their code is compressed.
 */
class JitEquivalenceTest {
    private static final long LIMIT = 500_000_000L;
    /**
     * Programs that read the CLINT timer, which follows the host clock: their instruction counts
     * vary from run to run even on the interpreter alone, so only output and exit status compare.
     */
    private static final Set<String> CLOCK_DEPENDENT = Set.of("test_interrupts.elf", "test_interrupt_priority.elf",
            "test_csr_warl.elf", "test_smp.elf");
    /** CSRs that follow the host clock (time and the timer-pending bits it sets). */
    private static final Set<String> CLOCK_CSRS = Set.of("time", "mip", "sip", "hip", "vsip", "hvip", "mcycle",
            "cycle");

    /** What a run leaves behind, as text so a difference reads as a diff. */
    private record Outcome(String output, int exitStatus, boolean poweredOff, long instructions, String state) {
    }

    private static Outcome run(Path elf, int harts, boolean jit, int threshold) {
        boolean savedEnabled = Jit.isEnabled();
        int savedThreshold = Jit.threshold();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Jit.setEnabled(jit);
            Jit.setThreshold(threshold);
            MachineConfig config = MachineConfig.builder().smp(harts).bios(Bios.NONE).kernel(elf)
                    .serial(SerialMode.STDIO).build();
            try (VirtMachine m = VirtMachine.create(config, null, out)) {
                boolean off = m.runFor(LIMIT);
                StringBuilder state = new StringBuilder();
                for (int k = 0; k < m.hartCount(); k++) {
                    state.append(state(m.hart(k)));
                }
                return new Outcome(out.toString(StandardCharsets.ISO_8859_1), m.exitStatus(), off,
                        m.instructionsRetired(), state.toString());
            }
        } finally {
            Jit.setEnabled(savedEnabled);
            Jit.setThreshold(savedThreshold);
        }
    }

    private static String state(Hart h) {
        StringBuilder b = new StringBuilder();
        b.append("hart ").append(h.hartId()).append(" pc ").append(Long.toHexString(h.pc))
                .append(" priv ").append(h.privilege()).append(" virt ").append(h.virtualized())
                .append(" instret ").append(h.instructionsRetired()).append('\n');
        for (int r = 0; r < 32; r++) {
            b.append("x").append(r).append(' ').append(Long.toHexString(h.x[r]))
                    .append(" f").append(r).append(' ').append(Long.toHexString(h.f[r])).append('\n');
        }
        for (CsrTable.Entry e : CsrTable.entries(h.hasHypervisor())) {
            if (!CLOCK_CSRS.contains(e.name())) {
                Long v = CsrTable.peek(h, e.number());
                b.append(e.name()).append(' ').append(v == null ? "-" : Long.toHexString(v)).append('\n');
            }
        }
        return b.toString();
    }

    private record Program(Path elf, int harts) {
        String name() {
            return elf.getFileName() + (harts > 1 ? " x" + harts : "");
        }
    }

    @TestFactory
    Stream<DynamicTest> everyProgram_sameOutputExitInstructionCountAndState_withAndWithoutTranslator()
            throws IOException {
        List<Program> programs = new ArrayList<>();
        for (Path elf : ExampleProgramsTest.testPrograms()) {
            programs.add(new Program(elf, 1));
        }
        for (String extra : List.of("bench/bench_int_small.elf", "bench/bench_int_2stage_small.elf",
                "fp-vectors/fpvectors.elf", "smp/test_smp.elf")) {
            Path elf = GuestRun.examples().resolve(extra);
            if (Files.exists(elf)) {
                programs.add(new Program(elf, 1));
            }
        }
        Path smp = GuestRun.examples().resolve("smp/test_smp.elf");
        if (Files.exists(smp)) {
            programs.add(new Program(smp, 2));
        }
        assumeTrue(!programs.isEmpty(), "no programs under examples/");
        return programs.stream().map(p -> DynamicTest.dynamicTest(p.name(), () -> {
            Outcome interpreted = run(p.elf(), p.harts(), false, 0);
            assertTrue(interpreted.poweredOff(), "did not finish: " + interpreted.output());
            for (int threshold = 0; threshold <= 1; threshold++) {
                Outcome translated = run(p.elf(), p.harts(), true, threshold);
                String what = "translating at visit " + (threshold + 1);
                assertEquals(interpreted.output(), translated.output(), what);
                assertEquals(interpreted.exitStatus(), translated.exitStatus(), what);
                if (!CLOCK_DEPENDENT.contains(p.elf().getFileName().toString())) {
                    assertEquals(interpreted.instructions(), translated.instructions(), what);
                    assertEquals(interpreted.state(), translated.state(), what);
                }
            }
        }));
    }

    /** Lines of an F/D vector listing: one per executed instruction, and the trailer. */
    private static List<String> vectorLines(String text) {
        return text.replace("\r", "").lines().filter(l -> l.startsWith("f") || l.startsWith("end ")).toList();
    }

    @Test
    void fpVectorProgram_translated_printsWhatQemuPrinted() throws IOException {
        Path elf = GuestRun.examples().resolve("fp-vectors/fpvectors.elf");
        assumeTrue(Files.exists(elf), "no examples/fp-vectors/fpvectors.elf");
        String qemu;
        try (var in = getClass().getResourceAsStream("/fp/qemu-vectors.txt")) {
            qemu = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Outcome translated = run(elf, 1, true, 1);
        List<String> expected = vectorLines(qemu);
        assertTrue(expected.size() > 4000, "vector file of " + expected.size() + " lines");
        assertEquals(expected, vectorLines(translated.output()));
    }
}
