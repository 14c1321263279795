package dev.hvscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hvscope bench linux} refuses bad input with one line and status 1, before booting anything. */
class BenchLinuxCommandTest {
    @Test
    void directoryWithoutAKernel_saysWhichFileIsMissing(@TempDir Path dir) {
        CommandLineTest.Run r = CommandLineTest.run("bench", "linux", "--dir", dir.toString());
        assertEquals(1, r.status());
        assertEquals("hvscope: --dir " + dir.resolve("Image") + ": no such file\n", r.err());
    }

    @Test
    void hartCountOutOfRange_isRefused() {
        CommandLineTest.Run r = CommandLineTest.run("bench", "linux", "--smp", "1,9");
        assertEquals(1, r.status());
        assertEquals("hvscope: --smp 9: must be 1..8\n", r.err());
    }
}
