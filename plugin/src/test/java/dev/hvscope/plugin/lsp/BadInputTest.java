package dev.hvscope.plugin.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.hvscope.plugin.jsonrpc.Fuzz;
import dev.hvscope.plugin.jsonrpc.WireClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.FoldingRangeRequestParams;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BadInputTest {
    static LspTestClient client;
    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        client = new LspTestClient();
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    /** Every request a client sends while typing, at a cursor; all must answer. */
    private static void everyFeatureAnswers(String uri, Position at) {
        TextDocumentService s = client.server.getTextDocumentService();
        LspTestClient.get(s.hover(new HoverParams(LspTestClient.doc(uri), at)));
        assertNotNull(LspTestClient.get(s.completion(new CompletionParams(LspTestClient.doc(uri), at))));
        assertNotNull(LspTestClient.get(s.documentSymbol(new DocumentSymbolParams(LspTestClient.doc(uri)))));
        assertNotNull(LspTestClient.get(s.foldingRange(new FoldingRangeRequestParams(LspTestClient.doc(uri)))));
        assertNotNull(LspTestClient.get(s.codeLens(new CodeLensParams(LspTestClient.doc(uri)))));
    }

    @Test
    void garbage_givesDiagnosticsAndEveryFeatureAnswers() {
        Random random = new Random(7);
        for (int round = 0; round < 20; round++) {
            StringBuilder sb = new StringBuilder();
            String alphabet = "[]{}=\"',#\n x0_.\\\u00e9\ud83d\ude00\t";
            for (int i = 0; i < 400; i++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String uri = LspTestClient.uriIn(dir, "garbage" + round + ".vm.toml");
            List<Diagnostic> ds = client.open(uri, sb.toString());
            assertFalse(ds.isEmpty(), "garbage must be diagnosed");
            everyFeatureAnswers(uri, new Position(3, 2));
        }
    }

    @Test
    void deeplyNestedArrays_areDiagnosedNotFatal() {
        String text = "a = " + "[".repeat(50_000) + "\n";
        List<Diagnostic> ds = client.open(LspTestClient.uriIn(dir, "deep.vm.toml"), text);
        assertFalse(ds.isEmpty());
    }

    @Test
    void hugeDocument_getsOneDiagnostic() {
        String text = "# filler\n".repeat(250_000);
        List<Diagnostic> ds = client.open(LspTestClient.uriIn(dir, "huge.vm.toml"), text);
        assertEquals(1, ds.size());
        assertEquals("too-large", ds.get(0).getCode().getLeft());
    }

    @Test
    void everyPrefixOfTheSample_isServed() {
        String sample = LspTestClient.sample();
        String uri = LspTestClient.uriIn(dir, "typing.vm.toml");
        client.open(uri, "");
        for (int n = 0; n <= sample.length(); n += 7) {
            String prefix = sample.substring(0, n);
            client.change(uri, prefix);
            int line = (int) prefix.chars().filter(c -> c == '\n').count();
            everyFeatureAnswers(uri, new Position(line, prefix.length() - prefix.lastIndexOf('\n') - 1));
        }
        assertEquals(List.of(), client.change(uri, sample).stream()
                .filter(d -> !"missing-file".equals(d.getCode().getLeft())).toList());
    }

    @Test
    void requestsForUnopenedDocuments_answerEmpty() {
        everyFeatureAnswers("file:///nowhere/never-opened.vm.toml", new Position(0, 0));
        everyFeatureAnswers("not a uri at all", new Position(-1, -5));
    }

    // ---- the wire ----

    private static byte[] frame(String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        return ("Content-Length: " + b.length + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void tenThousandMalformedMessages_leaveTheServerServing() throws Exception {
        PipedInputStream serverIn = new PipedInputStream(1 << 16);
        PipedOutputStream toServer = new PipedOutputStream(serverIn);
        Collector out = new Collector();
        LanguageServerLauncher.start(serverIn, out, status -> { }).startListening();
        String[] bodies = {
            "{",
            "not json at all",
            "[1,2,3]",
            "{\"jsonrpc\":\"2.0\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"textDocument/hover\",\"params\":42}",
            "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"no/such/method\",\"params\":{}}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":null}}",
            "{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"initialize\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"textDocument/completion\",\"params\":{\"position\":\"x\"}}",
            "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"workspace/executeCommand\",\"params\":{\"command\":\"hvscope.pflash.toggle\",\"arguments\":[[],{}]}}",
            "\u0000\u0001\u0002",
        };
        Thread writer = new Thread(() -> {
            try {
                for (int i = 0; i < 10_000; i++) {
                    if (i % 1000 == 999) {
                        toServer.write("Content-Type: nothing\r\n\r\n".getBytes(StandardCharsets.UTF_8)); // no length
                    } else if (i % 1000 == 500) {
                        toServer.write("Content-Length: -12\r\n\r\n".getBytes(StandardCharsets.UTF_8));
                    } else {
                        toServer.write(frame(bodies[i % bodies.length]));
                    }
                }
                toServer.write(frame("{\"jsonrpc\":\"2.0\",\"id\":\"alive\",\"method\":\"initialize\",\"params\":{}}"));
                toServer.flush();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        writer.start();
        writer.join(60_000);
        assertTrue(out.await("\"id\":\"alive\"", 60), "no answer after the malformed messages");
        assertTrue(out.text().contains("\"capabilities\""));
        toServer.close();
    }

    @Test
    void absurdContentLength_isSkippedNotAllocated() throws Exception {
        PipedInputStream serverIn = new PipedInputStream(1 << 16);
        PipedOutputStream toServer = new PipedOutputStream(serverIn);
        Collector out = new Collector();
        LanguageServerLauncher.start(serverIn, out, status -> { }).startListening();
        int big = dev.hvscope.plugin.jsonrpc.MessageLimits.MAX_BYTES + 1;
        Thread writer = new Thread(() -> {
            try {
                toServer.write(("Content-Length: " + big + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                byte[] chunk = new byte[1 << 16];
                for (int left = big; left > 0; left -= chunk.length) {
                    toServer.write(chunk, 0, Math.min(left, chunk.length));
                }
                toServer.write(frame("{\"jsonrpc\":\"2.0\",\"id\":\"after\",\"method\":\"shutdown\"}"));
                toServer.flush();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        writer.start();
        assertTrue(out.await("\"id\":\"after\"", 60));
        writer.join(10_000);
        toServer.close();
    }

    /** A server on pipes, driven by a raw client. */
    private static WireClient wireServer() throws IOException {
        PipedInputStream serverIn = new PipedInputStream(1 << 16);
        PipedOutputStream toServer = new PipedOutputStream(serverIn);
        PipedInputStream clientIn = new PipedInputStream(1 << 16);
        PipedOutputStream toClient = new PipedOutputStream(clientIn);
        LanguageServerLauncher.start(serverIn, toClient, status -> { }).startListening();
        return new WireClient(clientIn, toServer);
    }

    private static void initializeAnswers(WireClient c, String id) throws Exception {
        c.send("{\"jsonrpc\":\"2.0\",\"id\":\"" + id + "\",\"method\":\"initialize\",\"params\":{}}");
        JsonObject r = c.await(m -> m.has("id") && m.get("id").isJsonPrimitive() && id.equals(m.get("id").getAsString()), 30);
        assertNotNull(r, "no answer to initialize");
        assertTrue(r.has("result"), r.toString());
    }

    @Test
    void deeplyNestedMessage_isAnsweredWithItsIdAndTheNextMessageIsRead() throws Exception {
        try (WireClient c = wireServer()) {
            c.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"textDocument/hover\",\"params\":"
                    + "[".repeat(20_000) + "]".repeat(20_000) + "}");
            JsonObject error = c.await(m -> m.has("error"), 30);
            assertNotNull(error);
            assertEquals(1, error.get("id").getAsInt(), error.toString());
            assertEquals(-32600, error.getAsJsonObject("error").get("code").getAsInt());
            c.send("[".repeat(20_000));
            initializeAnswers(c, "after-deep");
        }
    }

    @Test
    void requestOfTheWrongShape_isAnsweredWithItsId() throws Exception {
        try (WireClient c = wireServer()) {
            c.send("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"initialize\",\"params\":{\"processId\":[]}}");
            JsonObject r = c.await(m -> m.has("id") && m.get("id").isJsonPrimitive() && m.get("id").getAsInt() == 7, 30);
            assertNotNull(r, "no answer");
            assertTrue(r.has("error"), r.toString());
            c.send("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":7}"); // a notification: no answer
            c.send("not json");
            JsonObject parseError = c.await(m -> m.has("error"), 30);
            assertEquals(-32700, parseError.getAsJsonObject("error").get("code").getAsInt(), parseError.toString());
            assertTrue(parseError.get("id") == null || parseError.get("id").isJsonNull(), parseError.toString());
        }
    }

    @Test
    void fuzzedMessages_thenInitializeStillAnswers() throws Exception {
        long seed = Long.getLong("hvscope.fuzz.seed", System.nanoTime());
        System.out.println("BadInputTest fuzz seed: -Dhvscope.fuzz.seed=" + seed);
        Random random = new Random(seed);
        String uri = "file:///fuzz/f.vm.toml";
        List<String> valid = List.of(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"capabilities\":{}}}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{\"uri\":\"" + uri
                        + "\",\"languageId\":\"toml\",\"version\":1,\"text\":\"name = \\\"x\\\"\\n[[memory]]\\n\"}}}",
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"textDocument/hover\",\"params\":{\"textDocument\":{\"uri\":\"" + uri
                        + "\"},\"position\":{\"line\":0,\"character\":2}}}",
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"textDocument/completion\",\"params\":{\"textDocument\":{\"uri\":\""
                        + uri + "\"},\"position\":{\"line\":1,\"character\":0}}}");
        try (WireClient c = wireServer()) {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            for (int sent = 0; sent < 3000 && System.nanoTime() < end; sent++) {
                String body = Fuzz.mutate(valid.get(random.nextInt(valid.size())), random);
                c.sendRaw(random.nextInt(20) == 0 ? Fuzz.brokenFrame(body, random) : WireClient.frame(body));
            }
            c.sendRaw(Fuzz.resynchronisation());
            initializeAnswers(c, "after-fuzz");
            c.send(valid.get(2).replace("\"id\":2", "\"id\":\"hover\""));
            assertNotNull(c.await(m -> m.has("id") && m.get("id").isJsonPrimitive() && "hover".equals(m.get("id").getAsString()), 30),
                    "no answer to hover");
        }
    }

    /** The server's output, searchable while it grows. */
    static final class Collector extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
            notifyAll();
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
            notifyAll();
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }

        synchronized boolean await(String needle, int seconds) throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (!text().contains(needle)) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return true;
        }
    }

}
