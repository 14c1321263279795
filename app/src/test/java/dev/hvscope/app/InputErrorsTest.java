package dev.hvscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command-line and config-file error is one line and status 1, quickly, whatever the input's size. */
class InputErrorsTest {
    @TempDir
    Path dir;

    private static Path examples() {
        return Path.of(System.getProperty("hvscope.examples", "../examples")).toAbsolutePath().normalize();
    }

    private static String kernel() {
        return examples().resolve("hv-baremetal/hv-fault-loop.elf").toString();
    }

    /** The pflash demo's config with absolute paths, so it can be written anywhere. */
    private static String demoConfig() throws IOException {
        Path pflash = examples().resolve("pflash");
        return Files.readString(pflash.resolve("vm.toml"))
                .replace("\"../", "\"" + examples() + "/")
                .replace("\"pflash.img", "\"" + pflash.resolve("pflash.img"))
                .replace("\"pflash-emulate.img", "\"" + pflash.resolve("pflash-emulate.img"));
    }

    @Test
    void gdbOnAnUnresolvableHost_isOneLine() {
        String e = CommandLineTest.error("-gdb", "tcp:999.1.1.1:0", "-bios", "none", "-kernel", kernel(), "-serial", "none");
        assertEquals("hvscope: -gdb tcp:999.1.1.1:0: cannot listen (no such host)", e);
    }

    @Test
    void logFileInAMissingDirectory_isOneLineBeforeAnythingRuns() {
        String e = CommandLineTest.error("-D", "/proc/nonexistent/x", "-bios", "none", "-kernel", kernel(), "-serial", "none");
        assertTrue(e.startsWith("hvscope: -D /proc/nonexistent/x: cannot write"), e);
    }

    @Test
    void vmWaitingForGdbWithoutAStub_isRefusedAsInFullSystemMode() {
        String e = CommandLineTest.error("vm", "-S");
        assertTrue(e.contains("-S needs a GDB stub"), e);
    }

    @Test
    void configWithATenMegabyteName_isRefusedBeforeParsing() throws IOException {
        Path cfg = dir.resolve("big.toml");
        Files.writeString(cfg, demoConfig().replace("name = \"pflash-demo\"", "name = \"" + "x".repeat(10_000_000) + "\""));
        long start = System.nanoTime();
        String e = CommandLineTest.error("vm", cfg.toString());
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(e.contains("config too large"), e);
        // it took 21 s to parse; the size check takes milliseconds (generous for a busy machine)
        assertTrue(millis < 5000, millis + " ms");
    }

    @Test
    void deeplyNestedConfigArray_isOneLine() throws IOException {
        Path cfg = dir.resolve("deep.toml");
        Files.writeString(cfg, "a = " + "[".repeat(100_000) + "\n");
        String e = CommandLineTest.error("vm", cfg.toString());
        assertTrue(e.contains("nested deeper than"), e);
    }

    @Test
    void fuzzedConfigs_giveCleanErrorsOrRun() throws IOException {
        long seed = Long.getLong("hvscope.fuzz.seed", System.nanoTime());
        System.out.println("InputErrorsTest fuzz seed: -Dhvscope.fuzz.seed=" + seed);
        Random random = new Random(seed);
        String valid = demoConfig();
        long end = System.nanoTime() + 4_000_000_000L;
        for (int i = 0; i < 40 && System.nanoTime() < end; i++) {
            Path cfg = dir.resolve("fuzz" + i + ".toml");
            Files.writeString(cfg, TomlFuzz.mutate(valid, random));
            CommandLineTest.Run r = CommandLineTest.run("vm", cfg.toString(), "--max-insns", "2000");
            assertTrue(r.status() >= 0 && r.status() <= 4, "status " + r.status() + " for " + cfg + ": " + r.err());
            assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
            r.err().lines().forEach(line -> assertTrue(line.startsWith("hvscope"), line));
        }
    }
}
