package dev.hvscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code -gdb tcp:127.0.0.1:0 -S}: the launcher prints the port, waits for gdb, runs on its continue. */
class GdbOptionTest {
    private static Path examples() {
        return Path.of(System.getProperty("hvscope.examples", "../examples")).toAbsolutePath().normalize();
    }

    @Test
    void waitForGdb_printsTheFreePort_andRunsToPowerOffOnContinue() throws Exception {
        WatchedWriter err = new WatchedWriter();
        String elf = examples().resolve("tests/test_rv64i_alu.elf").toString();
        CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> Main.run(
                new String[] {"-gdb", "tcp:127.0.0.1:0", "-S", "-bios", "none", "-kernel", elf, "-serial", "none"},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true)));
        status.whenComplete((r, e) -> err.close());
        Matcher m = err.await(Pattern.compile("hvscope: gdb stub listening on 127\\.0\\.0\\.1:(\\d+)"), 20_000);
        int port = Integer.parseInt(m.group(1));
        assertTrue(port > 0);
        assertTrue(!status.isDone(), "-S waits for the debugger");
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write("$?#3f".getBytes(StandardCharsets.ISO_8859_1));
            assertEquals("+$T05thread:p01.01;#", readUntilHash(in));
            in.skipNBytes(2);
            out.write("$c#63".getBytes(StandardCharsets.ISO_8859_1));
            assertEquals("+$W00#", readUntilHash(in));
        }
        assertEquals(0, status.get(20, TimeUnit.SECONDS));
        assertFalse(err.toString().contains("warning"), err.toString());
    }

    @Test
    void allInterfaces_printOneWarningThatNamesTheRisk() throws Exception {
        WatchedWriter err = new WatchedWriter();
        String elf = examples().resolve("tests/test_rv64i_alu.elf").toString();
        CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> Main.run(
                new String[] {"-gdb", "tcp:0.0.0.0:0", "-S", "-bios", "none", "-kernel", elf, "-serial", "none"},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true)));
        status.whenComplete((r, e) -> err.close());
        Pattern warning = Pattern.compile("hvscope: warning: listening on 0\\.0\\.0\\.0:(\\d+), reachable from other"
                + " machines: the gdb stub has no authentication[^\n]*\n");
        Matcher m = err.await(warning, 20_000);
        assertEquals(1, err.toString().split("warning", -1).length - 1, err.toString());
        try (Socket s = new Socket("127.0.0.1", Integer.parseInt(m.group(1)))) {
            s.getOutputStream().write("$k#6b".getBytes(StandardCharsets.ISO_8859_1));
            assertEquals(0, status.get(20, TimeUnit.SECONDS));
        }
    }

    private static String readUntilHash(InputStream in) throws Exception {
        StringBuilder sb = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            sb.append((char) b);
            if (b == '#') {
                break;
            }
        }
        return sb.toString();
    }
}
