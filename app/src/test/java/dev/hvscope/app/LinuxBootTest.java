package dev.hvscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hvscope.core.hart.jit.Jit;
import dev.hvscope.core.machine.MachineException;
import dev.hvscope.core.machine.VirtMachine;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Linux workload of examples/linux (Linux 6.1 with KVM, OpenSBI, an initramfs whose init reads
 * /proc) boots on hvscope to a clean power-off, and prints the same console log with the block
 * translator on and off. Skipped when the kernel is not built, except in CI (CI=true), where
 * .ci/run builds it and a skip would hide a broken boot.
 */
class LinuxBootTest {
    /** Far above a boot (a few hundred million instructions); only a hung kernel gets there. */
    private static final long INSTRUCTION_LIMIT = 50_000_000_000L;
    /** A boot takes 10 to 40 s on a busy 2-core machine; this only stops a hung one. */
    private static final long WALL_LIMIT_NANOS = TimeUnit.MINUTES.toNanos(15);
    /** printk's "[    0.123456] " prefix: the guest clock follows the host's, so it varies. */
    private static final Pattern TIMESTAMP = Pattern.compile("(?m)^\\[\\s*\\d+\\.\\d+\\] ");
    /**
     * Lines the kernel prints only when host time says so: a slow timer interrupt (the translator
     * at work, or a busy host). Everything else must match line for line.
     */
    private static final Pattern HOST_TIMING_LINE = Pattern.compile("(?m)^hrtimer: interrupt took \\d+ ns\\n");

    record Boot(String console, int exitStatus, boolean poweredOff, long instructions) {
        String withoutTimestamps() {
            return TIMESTAMP.matcher(console.replace("\r\n", "\n")).replaceAll("");
        }

        /** The log without what host timing decides: what the two engines must print alike. */
        String comparable() {
            return HOST_TIMING_LINE.matcher(withoutTimestamps()).replaceAll("");
        }
    }

    private static LinuxWorkload workload() {
        try {
            LinuxWorkload w = LinuxWorkload.locate(Path.of(System.getProperty("hvscope.examples", "../examples")));
            LinuxWorkload.firmware(); // OpenSBI, which the kernel boots on
            return w;
        } catch (MachineException e) {
            if ("true".equals(System.getenv("CI"))) {
                fail("CI must boot Linux, but " + e.getMessage());
            }
            assumeTrue(false, e.getMessage());
            throw e;
        }
    }

    private static Boot boot(LinuxWorkload w, int smp, boolean jit) {
        boolean saved = Jit.isEnabled();
        Jit.setEnabled(jit);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long t0 = System.nanoTime();
        try (VirtMachine m = VirtMachine.create(w.config(smp), null, out)) {
            boolean off = m.runFor(INSTRUCTION_LIMIT, WALL_LIMIT_NANOS);
            Boot b = new Boot(out.toString(StandardCharsets.ISO_8859_1), m.exitStatus(), off, m.instructionsRetired());
            System.out.printf("Linux -smp %d, translator %s: %d instructions retired, %.1f s%n", smp, jit ? "on" : "off",
                    b.instructions(), (System.nanoTime() - t0) / 1e9);
            return b;
        } finally {
            Jit.setEnabled(saved);
        }
    }

    private static void assertBootedToPowerOff(Boot b, int harts) {
        String log = b.withoutTimestamps();
        assertTrue(b.poweredOff(), "did not power off:\n" + log);
        assertEquals(0, b.exitStatus(), log);
        assertTrue(log.contains("OpenSBI v"), log);
        assertTrue(log.contains("kvm [1]: hypervisor extension available"), log);
        assertTrue(log.contains(LinuxWorkload.MARK + "init started (pid 1)\n"), log);
        assertTrue(Pattern.compile("(?m)^" + LinuxWorkload.MARK + "/proc/version: Linux version 6\\.1\\.").matcher(log).find(), log);
        assertEquals(harts, Pattern.compile("(?m)^" + LinuxWorkload.MARK + "/proc/cpuinfo: isa\\s+: rv64imafdch")
                .matcher(log).results().count(), log);
        assertTrue(log.contains(LinuxWorkload.MARK + "/dev/kvm opened\n"), log);
        assertTrue(log.contains(LinuxWorkload.LAST_LINE + "\n"), log);
        assertTrue(log.contains("reboot: Power down\n"), log);
    }

    @Test
    void oneHart_bootsToPowerOff_sameLogWithAndWithoutTranslator() {
        LinuxWorkload w = workload();
        Boot translated = boot(w, 1, true);
        assertBootedToPowerOff(translated, 1);
        Boot interpreted = boot(w, 1, false);
        assertBootedToPowerOff(interpreted, 1);
        assertEquals(interpreted.comparable(), translated.comparable());
    }

    @Test
    void twoHarts_bootToPowerOff() {
        assertBootedToPowerOff(boot(workload(), 2, true), 2);
    }
}
