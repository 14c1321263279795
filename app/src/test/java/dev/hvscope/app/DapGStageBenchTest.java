package dev.hvscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code hvscope bench dap-gstage} runs end to end and prints its figures (their values are not judged here). */
class DapGStageBenchTest {
    @Test
    void dapGStage_overHvscopesStub_printsBestMedianAndColdFigures() {
        Path elf = Path.of(System.getProperty("hvscope.examples", "../examples"), "tests/test_rv64i_alu.elf");
        CommandLineTest.Run r = CommandLineTest.run("bench", "dap-gstage", "--no-qemu", "--runs", "1",
                "--elf", elf.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("G-stage scope, 1 GiB in 4 KiB pages (262,144 PTEs)"), r.out());
        assertTrue(r.out().matches("(?s).*hvscope stub : best +[0-9.]+ ms, median +[0-9.]+ ms, first stop \\(cold\\) +[0-9.]+ ms.*"),
                r.out());
        assertTrue(r.out().contains("QEMU stub    : skipped (--no-qemu)"), r.out());
    }

    @Test
    void dapGStage_rejectsZeroRuns() {
        CommandLineTest.Run r = CommandLineTest.run("bench", "dap-gstage", "--runs", "0");
        assertTrue(r.status() != 0);
        assertTrue(r.err().contains("--runs must be at least 1"), r.err());
    }
}
