package dev.hvscope.gdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hvscope.gdb.rsp.Hex;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code monitor pflash on-break}: a hosted VM (the pflash demo guest, pflash passthrough) switches
 * its pflash mode when a breakpoint at the given address is hit, before the stop reply.
 */
class PflashOnBreakTest {
    private static final long DEV_READ32_LOAD = 0x8020_0044L;
    private HostedStubFixture vm;

    @BeforeEach
    void start() throws Exception {
        vm = new HostedStubFixture();
    }

    @AfterEach
    void stop() throws Exception {
        vm.close();
    }

    private String monitor(RspClient c, String cmd) throws Exception {
        c.send("qRcmd," + Hex.encode(cmd));
        StringBuilder out = new StringBuilder();
        for (String r; (r = c.readPacket()).startsWith("O") && !r.equals("OK"); ) {
            out.append(new String(Hex.decode(r.substring(1)), StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    @Test
    void onBreakRule_switchesTheModeBeforeTheStopReply_andListsAndClears() throws Exception {
        try (RspClient c = new RspClient(vm.port())) {
            c.request("QStartNoAckMode");
            assertEquals("no pflash modes on breakpoints\n", monitor(c, "pflash on-break"));
            assertTrue(monitor(c, "pflash on-break 0x80200044 sideways").startsWith("usage:"));
            assertEquals("a breakpoint at 0x80200044 switches pflash to emulate\n",
                    monitor(c, "pflash on-break 0x80200044 emulate"));
            assertEquals("pflash modes on breakpoints:\n  0x80200044 emulate\n", monitor(c, "pflash on-break"));
            assertEquals("OK", c.request("Z0," + Long.toHexString(DEV_READ32_LOAD) + ",4"));
            c.send("c");
            String o = c.readPacket();
            assertTrue(o.startsWith("O"), o);
            assertEquals("hvscope: breakpoint at 0x80200044: pflash mode switched to emulate\n",
                    new String(Hex.decode(o.substring(1)), StandardCharsets.UTF_8));
            assertEquals("T05thread:p01.01;swbreak:;", c.readPacket());
            assertEquals("pflash mode: emulate\n", monitor(c, "pflash"));
            assertEquals("cleared the pflash mode at 0x80200044\n", monitor(c, "pflash on-break 0x80200044 clear"));
            assertEquals("no pflash modes on breakpoints\n", monitor(c, "pflash on-break"));
        }
    }

    @Test
    void withGdbMultiarch_theStopSaysSo_andTheGuestReadsTheEmulatedPayload() throws Exception {
        boolean found = false;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            found |= Files.isExecutable(Path.of(dir, "gdb-multiarch"));
        }
        assumeTrue(found, "gdb-multiarch is not installed");
        String script = String.join("\n",
                "set pagination off", "set confirm off",
                "file " + HostedStubFixture.guest(),
                "target remote 127.0.0.1:" + vm.port(),
                "monitor pflash on-break dev_read32_load emulate".replace("dev_read32_load", "0x80200044"),
                "monitor pflash on-break",
                "break *0x80200044",
                "continue",
                "monitor pflash",
                "delete",
                "continue", "");
        Path file = Files.createTempFile("hvscope-gdb", ".gdb");
        Files.writeString(file, script);
        Process p = new ProcessBuilder("gdb-multiarch", "-batch", "-nx", "-x", file.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        Files.deleteIfExists(file);
        assertTrue(out.contains("0x80200044 emulate"), out);
        assertTrue(out.contains("hvscope: breakpoint at 0x80200044: pflash mode switched to emulate"), out);
        assertTrue(out.contains("pflash mode: emulate"), out);
        String guest = vm.consoleText();
        assertTrue(guest.contains("pflash payload: emulated by hvscope from pflash-emulate.img"), guest + "\n" + out);
    }
}
