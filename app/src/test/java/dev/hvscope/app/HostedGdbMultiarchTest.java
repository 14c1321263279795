package dev.hvscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The real gdb-multiarch against {@code hvscope vm -gdb tcp:127.0.0.1:0 -S} on the default pflash demo. */
class HostedGdbMultiarchTest {
    private static final String GDB = "gdb-multiarch";

    private static Path examples() {
        return Path.of(System.getProperty("hvscope.examples", "../examples")).toAbsolutePath().normalize();
    }

    @Test
    void gdbCatchesTheNestedPageFault_walksTheGStage_andSwitchesPflashLive() throws Exception {
        boolean found = false;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            found |= Files.isExecutable(Path.of(dir, GDB));
        }
        assumeTrue(found, GDB + " is not installed");
        try (HostedVmSession vm = new HostedVmSession()) {
            String script = String.join("\n",
                    "set pagination off", "set confirm off", "set width 0",
                    "file " + examples().resolve("pflash-guest/pflash-guest.elf"),
                    "target remote 127.0.0.1:" + vm.port,
                    "monitor hv catch nested_page_fault",
                    "continue",
                    "p/x $htval",
                    "x/i $pc",
                    "info threads",
                    "monitor hv gstage walk 0x22000000",
                    "monitor pflash emulate",
                    "monitor hv exits",
                    "monitor hv catch none",
                    "continue", "");
            Path file = Files.createTempFile("hvscope-vm-gdb", ".gdb");
            Files.writeString(file, script);
            Process p = new ProcessBuilder(GDB, "-batch", "-nx", "-x", file.toString())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "gdb finished");
            Files.deleteIfExists(file);
            assertEquals(0, p.exitValue(), out);
            assertEquals(0, vm.status.get(20, TimeUnit.SECONDS), out);
            for (String expected : new String[] {
                "hvscope: VM exit #", " npf cause=21 VS->HS", "gpa=0x22000000",    // the caught exit's line
                "= 0x8800000",                                                     // $htval: gpa >> 2
                "VS",                                                              // info threads: the guest's mode
                "FAULT",                                                           // the unmapped G-stage leaf
                "pflash mode: emulate",
                "[Inferior 1 (process 1) exited normally]"}) {
                assertTrue(out.contains(expected), "expected '" + expected + "' in:\n" + out);
            }
            assertTrue(vm.out.toString().contains("pflash payload: emulated by hvscope from pflash-emulate.img"),
                    vm.out.toString());
        }
    }
}
