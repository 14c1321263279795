package dev.hvscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** {@code hvscope dap}: stdio by default, {@code --port N} on 127.0.0.1 unless {@code --host}, with a token. */
class DapCommandTest {
    private static DapCommand parse(String... args) {
        CommandLine cl = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        ParseResult r = cl.parseArgs(args);
        return (DapCommand) r.subcommand().commandSpec().userObject();
    }

    @Test
    void dap_withoutPort_servesStdio() {
        DapCommand c = parse("dap");
        assertNull(c.port);
        assertEquals("127.0.0.1", c.host);
    }

    @Test
    void dap_portAndHost_areParsed() {
        DapCommand c = parse("dap", "--port", "4711", "--host", "0.0.0.0");
        assertEquals(4711, c.port);
        assertEquals("0.0.0.0", c.host);
    }

    @Test
    void allowProgram_ofNoExecutable_isOneLineAndStatus1() {
        StringWriter err = new StringWriter();
        int status = Main.run(new String[] {"dap", "--allow-program", "/nonexistent/qemu"},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(1, status);
        assertEquals("hvscope dap: --allow-program /nonexistent/qemu: no such executable file", err.toString().strip());
    }

    /**
     * {@code hvscope dap --port 0 --host 0.0.0.0} as a process: it names the token file (0600) and
     * warns once that the port is reachable from other machines; a client without the token is
     * disconnected unanswered, one with it is served.
     */
    @Test
    void tcpMode_writesTheTokenFile_warnsForAllInterfaces_andServesOnlyTokenHolders(@TempDir Path dir) throws Exception {
        Path tokenFile = dir.resolve("dap.token");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "dap", "--port", "0", "--host", "0.0.0.0", "--token-file", tokenFile.toString()).start();
        try {
            BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
            String listening = err.readLine();
            Matcher m = Pattern.compile("hvscope dap: listening on 0\\.0\\.0\\.0:(\\d+); token in (.*) \\(clients send the line"
                    + " 'HVSCOPE-TOKEN <token>' first\\)").matcher(listening == null ? "" : listening);
            assertTrue(m.matches(), listening);
            assertEquals(tokenFile.toString(), m.group(2));
            String warning = err.readLine();
            assertTrue(warning != null && warning.startsWith("hvscope dap: warning: listening on 0.0.0.0:" + m.group(1)
                    + ", reachable from other machines: whoever reaches the port and holds the token"), warning);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile)));
            int port = Integer.parseInt(m.group(1));
            String initialize = "{\"seq\":1,\"type\":\"request\",\"command\":\"initialize\",\"arguments\":{\"adapterID\":\"x\"}}";
            String request = "Content-Length: " + initialize.length() + "\r\n\r\n" + initialize;
            assertEquals("", exchange(port, request), "served without the token");
            String token = Files.readString(tokenFile).strip();
            assertTrue(exchange(port, "HVSCOPE-TOKEN " + token + "\r\n" + request).contains("\"success\":true"));

            // what an IDE starts: hvscope dap --connect, a stdio adapter that relays to the port with the token
            Process relay = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                    "dap", "--connect", "127.0.0.1:" + port, "--token-file", tokenFile.toString()).start();
            try {
                relay.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
                relay.getOutputStream().flush();
                assertTrue(readUntilSuccess(relay.getInputStream()).contains("\"success\":true"));
            } finally {
                relay.destroy();
                relay.waitFor(10, TimeUnit.SECONDS);
            }
        } finally {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void connect_withoutATokenFile_isOneLineAndStatus1(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        Path missing = dir.resolve("none.token");
        int status = Main.run(new String[] {"dap", "--connect", "127.0.0.1:4711", "--token-file", missing.toString()},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(1, status);
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("hvscope dap: --connect 127.0.0.1:4711: "), err.toString());
    }

    private static String readUntilSuccess(InputStream in) throws IOException {
        StringBuilder got = new StringBuilder();
        int b;
        while (!got.toString().contains("\"success\":true") && (b = in.read()) >= 0) {
            got.append((char) b);
        }
        return got.toString();
    }

    /** Sends text, answers what comes back up to an initialize response's success or the close. */
    private static String exchange(int port, String text) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(30_000);
            s.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
            return readUntilSuccess(s.getInputStream());
        }
    }

    @Test
    void help_listsTheDapCommand() {
        StringWriter out = new StringWriter();
        Main.run(new String[] {"-help"}, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
        assertTrue(out.toString().contains("dap"), out.toString());
    }
}
