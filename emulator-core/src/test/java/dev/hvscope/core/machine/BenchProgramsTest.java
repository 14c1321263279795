package dev.hvscope.core.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The mixed benchmark's small variants check their checksum against the one QEMU computes, and the
 * two-stage variant runs the very same workload instructions as a VS-mode guest.
 */
class BenchProgramsTest {
    private static final Pattern LINE = Pattern.compile(": checksum (0x[0-9a-f]{16}) minstret (\\d+)\n");

    @Test
    void mixedWorkload_matchesQemusChecksumInBothVariants() {
        GuestRun.Result oneStage = GuestRun.bareMetal(GuestRun.examples().resolve("bench/bench_mix_small.elf"),
                500_000_000L);
        GuestRun.Result twoStage = GuestRun.bareMetal(
                GuestRun.examples().resolve("bench/bench_mix_2stage_small.elf"), 500_000_000L);
        for (GuestRun.Result r : new GuestRun.Result[] {oneStage, twoStage}) {
            assertTrue(r.poweredOff() && r.exitStatus() == 0, r.output());
            assertTrue(r.output().contains(": PASS"), r.output());
        }
        Matcher a = LINE.matcher(oneStage.output());
        Matcher b = LINE.matcher(twoStage.output());
        assertTrue(a.find() && b.find(), oneStage.output() + twoStage.output());
        assertEquals(a.group(1), b.group(1), "checksum");
        assertEquals(a.group(2), b.group(2), "workload instructions (the guest's instret)");
    }
}
