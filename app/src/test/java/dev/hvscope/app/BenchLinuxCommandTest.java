package dev.hvscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
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
    void smpGiven_replacesTheDefaultList() {
        CommandLine cl = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        cl.parseArgs("bench", "linux", "--smp", "2");
        BenchLinuxCommand c = cl.getSubcommands().get("bench").getSubcommands().get("linux").getCommand();
        assertEquals(List.of(2), c.smps);
    }

    @Test
    void hartCountOutOfRange_isRefused() {
        CommandLineTest.Run r = CommandLineTest.run("bench", "linux", "--smp", "1,9");
        assertEquals(1, r.status());
        assertEquals("hvscope: --smp 9: must be 1..8\n", r.err());
    }
}
