package dev.hvscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code hvscope lsp} as a process: protocol on stdout only, exit status 0 after shutdown + exit. */
class LspCommandTest {

    private static void send(OutputStream out, String json) throws Exception {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        out.write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    @Test
    void lspSubcommand_servesOnStdioAndExitsZeroAfterShutdown() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process p = new ProcessBuilder(java, "-cp", cp, Main.class.getName(), "lsp").start();
        OutputStream in = p.getOutputStream();
        send(in, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}");
        send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":"
                + "{\"uri\":\"file:///tmp/x.vm.toml\",\"languageId\":\"hvscope-vm\",\"version\":1,\"text\":\"[base\\n\"}}}");
        send(in, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"shutdown\"}");
        send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "server did not exit");
        assertEquals(0, p.exitValue());
        String out = read(p.getInputStream());
        // every byte on stdout is a framed message
        assertTrue(out.startsWith("Content-Length: "), out);
        assertTrue(out.contains("\"serverInfo\":{\"name\":\"hvscope\""), out);
        assertTrue(out.contains("\"code\":\"toml-syntax\""), out);
        assertTrue(out.contains("\"id\":2,\"result\":null"), out);
    }

    private static String read(InputStream in) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        in.transferTo(b);
        return b.toString(StandardCharsets.UTF_8);
    }
}
