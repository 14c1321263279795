package dev.hvscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hvscope vm}: the embedded demo in both modes, configs from files, errors as file:line:col. */
class VmCommandTest {
    private static final String LINES = "Try to access dev region [0xffffffc022000000], got 0x646c6670\n"
            + "Got pflash magic: pfld\n";

    private static Path examples() {
        return Path.of(System.getProperty("hvscope.examples", "../examples")).toAbsolutePath().normalize();
    }

    private static CommandLineTest.Run run(String... args) {
        return CommandLineTest.run(args);
    }

    @Test
    void noConfig_runsTheEmbeddedDemo_inPassthroughMode() {
        CommandLineTest.Run r = run("vm");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith(LINES + "pflash payload: hvscope pflash payload\n"), r.out());
        String summary = r.out().substring(r.out().lastIndexOf("hvscope vm:"));
        assertTrue(summary.startsWith("hvscope vm: system down (shutdown); "), summary);
        assertTrue(summary.contains("exits: 1 NestedPageFault, "), summary);
        assertTrue(summary.contains(" Hypercall, 1 SystemDown; pflash passthrough; "), summary);
        assertEquals("", r.err());
    }

    @Test
    void pflashEmulate_showsTheImageFilesPayload() {
        CommandLineTest.Run r = run("vm", "--pflash", "emulate");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith(LINES + "pflash payload: emulated by hvscope from pflash-emulate.img\n"), r.out());
        assertTrue(r.out().contains("; pflash emulate; "), r.out());
    }

    @Test
    void configFile_fromTheExamples_runs_andExitLogGoesToStderr() {
        CommandLineTest.Run r = run("vm", examples().resolve("pflash/vm.toml").toString(), "--exit-log");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().startsWith("#1 NestedPageFault pc 0x80200044 addr 0x22000000: passthrough: map_linear"),
                r.err());
        assertTrue(r.err().contains("SystemDown"), r.err());
    }

    @Test
    void uartConfig_printsTheGuestsUartLineBetweenItsSbiLines_andLogsEachRegisterAccess() {
        CommandLineTest.Run r = run("vm", examples().resolve("uart/vm.toml").toString(), "--exit-log");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("sbi: next line comes from the UART at 0x10000000\n"
                + "hello from the guest's UART\n"
                + "sbi: back on the SBI console, UART scratch register reads 0x5a\n"), r.out());
        assertTrue(r.out().contains("exits: 112 Hypercall, 35 MmioWrite, 29 MmioRead, 1 SystemDown;"), r.out());
        assertTrue(r.err().contains(" MmioWrite pc 0x"), r.err());
        assertTrue(r.err().contains(" addr 0x10000003: uart0 LCR <- 0x80\n"), r.err());
        assertTrue(r.err().contains(" addr 0x10000000: uart0 THR <- 0x68 'h'\n"), r.err());
        assertTrue(r.err().contains(" addr 0x10000005: uart0 LSR -> 0x60 '`'\n"), r.err());
    }

    @Test
    void uartWithAnUnmodelledEmuType_warns_andTheUartStaysSilent() throws IOException {
        Path dir = Files.createTempDirectory("vmcmd");
        Path cfg = dir.resolve("uart.toml");
        Files.writeString(cfg, Files.readString(examples().resolve("uart/vm.toml"))
                .replace("../pflash-guest/uart-guest.elf", examples().resolve("pflash-guest/uart-guest.elf").toString())
                .replace("[\"uart0\", 0x1000_0000, 0x1000, 10, 2, []]", "[\"uart0\", 0x1000_0000, 0x1000, 10, 1, []]"));
        CommandLineTest.Run r = run("vm", cfg.toString(), "--max-insns", "2000000");
        assertEquals(3, r.status(), r.err());
        assertTrue(r.err().contains("warning: emulated device 'uart0': emu_type 1 (InterruptController) has no model"),
                r.err());
        assertTrue(r.out().startsWith("sbi: next line comes from the UART at 0x10000000\nhvscope vm: instruction limit"),
                r.out());
    }

    @Test
    void badConfig_printsFileLineColumn_andExits1() throws IOException {
        Path dir = Files.createTempDirectory("vmcmd");
        Path bad = dir.resolve("bad.toml");
        String text = Files.readString(examples().resolve("pflash/vm.toml"))
                .replace("kernel_path = \"../pflash-guest/pflash-guest.elf\"",
                        "kernel_path = \"" + examples().resolve("pflash-guest/pflash-guest.elf") + "\"")
                .replace("board_image = \"pflash.img\"", "board_image = \"missing.img\"")
                .replace("emulate_image = \"pflash-emulate.img\"", "emulate_image = \"" + examples()
                        .resolve("pflash/pflash-emulate.img") + "\"");
        Files.writeString(bad, text);
        int line = 1 + (int) text.substring(0, text.indexOf("board_image")).chars().filter(c -> c == '\n').count();
        CommandLineTest.Run r = run("vm", bad.toString());
        assertEquals(1, r.status());
        assertEquals("hvscope: " + bad + ":" + line + ":15: pflash board image missing.img does not exist (looked for "
                + dir.resolve("missing.img") + ")\n", r.err());
        assertEquals("", r.out());
    }

    @Test
    void runawayGuest_endsAtMaxInsns_withExitStatus3() throws IOException {
        Path dir = Files.createTempDirectory("vmcmd");
        Path cfg = dir.resolve("loop.toml");
        Files.writeString(cfg, Files.readString(examples().resolve("pflash/vm.toml"))
                .replace("../pflash-guest/pflash-guest.elf", examples().resolve("pflash-guest/guest-faults-loop.elf").toString())
                .replace("\"pflash.img\"", "\"" + examples().resolve("pflash/pflash.img") + "\"")
                .replace("\"pflash-emulate.img\"", "\"" + examples().resolve("pflash/pflash-emulate.img") + "\""));
        CommandLineTest.Run r = run("vm", cfg.toString(), "--max-insns", "2000000");
        assertEquals(3, r.status(), r.err());
        assertTrue(r.out().startsWith("guest-faults: looping forever\nhvscope vm: instruction limit 2000000 reached"),
                r.out());
    }

    @Test
    void gdbOption_rejectsAnEndpointThatIsNotTcp() {
        CommandLineTest.Run r = run("vm", "-gdb", "udp:127.0.0.1:1234");
        assertNotEquals(0, r.status());
        assertTrue(r.err().contains("-gdb"), r.err());
    }

    @Test
    void badPflashMode_isRejected() {
        CommandLineTest.Run r = run("vm", "--pflash", "mmap");
        assertEquals(1, r.status());
        assertEquals("hvscope: --pflash mmap: expected emulate or passthrough\n", r.err());
    }
}
