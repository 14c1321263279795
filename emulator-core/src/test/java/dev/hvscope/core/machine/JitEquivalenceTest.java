package dev.hvscope.core.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hvscope.core.hart.jit.Jit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every example ISA test and the small integer benchmarks (bare and as a two-stage VS guest) give the same console output, exit status
 * and retired-instruction count with the block translator forced on (translating at the second
 * visit of a block head) as with the interpreter alone.
 */
class JitEquivalenceTest {
    private static final long LIMIT = 500_000_000L;
    /**
     * Programs that read the CLINT timer, which follows the host clock: their instruction counts
     * vary from run to run even on the interpreter alone, so only output and exit status compare.
     */
    private static final Set<String> CLOCK_DEPENDENT = Set.of("test_interrupts.elf", "test_interrupt_priority.elf",
            "test_csr_warl.elf");

    private static GuestRun.Result run(Path elf, boolean jit) {
        boolean savedEnabled = Jit.isEnabled();
        int savedThreshold = Jit.threshold();
        try {
            Jit.setEnabled(jit);
            Jit.setThreshold(1);
            return GuestRun.bareMetal(elf, LIMIT);
        } finally {
            Jit.setEnabled(savedEnabled);
            Jit.setThreshold(savedThreshold);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyProgram_sameOutputExitAndInstructionCount_withAndWithoutTranslator() throws IOException {
        List<Path> programs = new ArrayList<>(ExampleProgramsTest.testPrograms());
        for (String bench : List.of("bench/bench_int_small.elf", "bench/bench_int_2stage_small.elf")) {
            Path elf = GuestRun.examples().resolve(bench);
            if (Files.exists(elf)) {
                programs.add(elf);
            }
        }
        assumeTrue(!programs.isEmpty(), "no programs under examples/");
        return programs.stream().map(elf -> DynamicTest.dynamicTest(elf.getFileName().toString(), () -> {
            GuestRun.Result interpreted = run(elf, false);
            GuestRun.Result translated = run(elf, true);
            assertTrue(interpreted.poweredOff(), "did not finish: " + interpreted.output());
            assertEquals(interpreted.output(), translated.output());
            assertEquals(interpreted.exitStatus(), translated.exitStatus());
            if (!CLOCK_DEPENDENT.contains(elf.getFileName().toString())) {
                assertEquals(interpreted.instructions(), translated.instructions());
            }
        }));
    }
}
