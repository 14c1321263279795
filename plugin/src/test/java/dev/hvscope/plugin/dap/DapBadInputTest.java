package dev.hvscope.plugin.dap;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.hvscope.plugin.jsonrpc.Fuzz;
import dev.hvscope.plugin.jsonrpc.MessageLimits;
import dev.hvscope.plugin.jsonrpc.WireClient;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code hvscope dap --port N} under malformed input: every request gets an answer, no message
 * puts the reader out of step, and no client leaves a thread behind.
 */
class DapBadInputTest {
    static final DapToken TOKEN = DapToken.generate();
    static int port;

    @BeforeAll
    static void startServer() throws Exception {
        CompletableFuture<Integer> listening = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                DapServer.serveTcp("127.0.0.1", 0, TOKEN, LaunchPolicy.hvscopeOnly(), listening::complete);
            } catch (Exception e) {
                listening.completeExceptionally(e);
            }
        }, "dap-bad-input-server");
        t.setDaemon(true);
        t.start();
        port = listening.get(30, TimeUnit.SECONDS);
    }

    private static String request(int seq, String command, String arguments) {
        return "{\"seq\":" + seq + ",\"type\":\"request\",\"command\":\"" + command + "\""
                + (arguments == null ? "" : ",\"arguments\":" + arguments) + "}";
    }

    private static JsonObject responseTo(WireClient c, int seq) throws InterruptedException {
        return c.await(m -> "response".equals(m.get("type").getAsString())
                && m.get("request_seq").getAsInt() == seq, 30);
    }

    /** Sends {@code initialize} and checks that it succeeds. */
    private static void initializeAnswers(WireClient c, int seq) throws Exception {
        c.send(request(seq, "initialize", "{\"adapterID\":\"test\"}"));
        JsonObject r = responseTo(c, seq);
        assertNotNull(r, "no answer to initialize");
        assertTrue(r.get("success").getAsBoolean(), r.toString());
    }

    private static final class Connection implements AutoCloseable {
        final Socket socket;
        final WireClient client;

        Connection() throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.getOutputStream().write(TOKEN.line().getBytes(StandardCharsets.US_ASCII));   // admitted first
            client = new WireClient(socket.getInputStream(), socket.getOutputStream());
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void deeplyNestedBody_isAnsweredAndTheNextMessageIsRead() throws Exception {
        try (Connection c = new Connection()) {
            c.client.send("{\"seq\":1,\"type\":\"request\",\"command\":\"evaluate\",\"arguments\":"
                    + "[".repeat(20_000) + "]".repeat(20_000) + "}");
            JsonObject refused = responseTo(c.client, 1);
            assertNotNull(refused, "no answer to the deep request");
            assertFalse(refused.get("success").getAsBoolean(), refused.toString());
            c.client.send("[".repeat(20_000));
            initializeAnswers(c.client, 2);
        }
    }

    @Test
    void everyMalformedRequest_getsAnErrorResponse() throws Exception {
        List<String> bodies = List.of(
                request(1, "noSuchCommand", "{}"),
                request(2, "initialize", "5"),
                request(3, "initialize", "\"text\""),
                request(4, "setBreakpoints", null),
                request(5, "setBreakpoints", "{\"source\":7,\"breakpoints\":\"x\"}"),
                request(6, "readMemory", "{\"memoryReference\":[],\"count\":\"many\"}"),
                request(7, "variables", "{\"variablesReference\":1e99}"),
                request(8, "stackTrace", "{\"threadId\":-1}"),
                request(9, "evaluate", "{\"expression\":null}"),
                request(10, "continue", "[]"),
                request(11, "launch", "{\"program\":{}}"),
                request(12, "hvscope/translate", "{\"address\":true}"),
                "{\"seq\":13,\"type\":\"request\",\"command\":\"threads\",\"arguments\":{},}",
                "{\"seq\":14,\"type\":\"request\",\"command\":\"scopes\",\"arguments\":{\"frameId\":\"x\"}",
                request(15, "disassemble", "{\"memoryReference\":\"0x80000000\",\"instructionCount\":-5}"),
                request(16, "setExceptionBreakpoints", "{\"filters\":[1,2,{}]}"),
                request(17, "pause", null),
                request(18, "evaluate", "{\"expression\":\"" + "(".repeat(10_000) + "\"}"));
        try (Connection c = new Connection()) {
            for (String body : bodies) {
                c.client.send(body);
            }
            for (int seq = 1; seq <= bodies.size(); seq++) {
                JsonObject r = responseTo(c.client, seq);
                assertNotNull(r, "no response to " + bodies.get(seq - 1));
                assertFalse(r.get("success").getAsBoolean(), r.toString());
            }
            initializeAnswers(c.client, 100);
        }
    }

    @Test
    void hugeAndBrokenFrames_leaveTheConnectionServing() throws Exception {
        try (Connection c = new Connection()) {
            c.client.sendRaw(("Content-Length: " + (MessageLimits.MAX_BYTES + 1) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[1 << 16];
            for (int left = MessageLimits.MAX_BYTES + 1; left > 0; left -= chunk.length) {
                c.client.sendRaw(java.util.Arrays.copyOf(chunk, Math.min(left, chunk.length)));
            }
            c.client.sendRaw("Content-Length: -12\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            c.client.sendRaw("Content-Type: text\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            c.client.sendRaw("Content-Length: 99999999999999\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            c.client.sendRaw("Content-Length: 4\r\nContent-Type: x; charset=nonsense\r\n\r\n{}{}".getBytes(StandardCharsets.US_ASCII));
            initializeAnswers(c.client, 1);
        }
    }

    @Test
    void sixHundredClients_leaveNoThreadBehind() throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (Connection c = new Connection()) {
            initializeAnswers(c.client, 1);
        }
        int baseline = threads.getThreadCount();
        for (int i = 0; i < 600; i++) {
            try (Connection c = new Connection()) {
                c.client.send(i % 2 == 0 ? "{garbage" : request(1, "threads", null));
                initializeAnswers(c.client, 2);
            }
        }
        // the last client's threads end once the server sees it gone: wait for that, generously
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (threads.getThreadCount() > baseline + 2 && System.nanoTime() < end) {
            Thread.onSpinWait();
            Thread.yield();
        }
        assertTrue(threads.getThreadCount() <= baseline + 2,
                "threads: " + threads.getThreadCount() + " after 600 clients, " + baseline + " before");
    }

    @Test
    void fuzzedMessages_thenInitializeStillAnswers() throws Exception {
        long seed = Long.getLong("hvscope.fuzz.seed", System.nanoTime());
        System.out.println("DapBadInputTest fuzz seed: -Dhvscope.fuzz.seed=" + seed);
        Random random = new Random(seed);
        List<String> valid = List.of(
                request(0, "initialize", "{\"adapterID\":\"fuzz\",\"linesStartAt1\":true}"),
                request(0, "setBreakpoints", "{\"source\":{\"path\":\"/x.c\"},\"breakpoints\":[{\"line\":3}]}"),
                request(0, "evaluate", "{\"expression\":\"$pc + 4\",\"context\":\"watch\"}"),
                request(0, "readMemory", "{\"memoryReference\":\"0x80000000\",\"count\":16}"),
                request(0, "hvscope/translate", "{\"address\":\"0x1000\",\"space\":\"gva\"}"));
        int seq = 1000;
        try (Connection c = new Connection()) {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            int sent = 0;
            while (System.nanoTime() < end && sent < 3000) {
                String body = Fuzz.mutate(valid.get(random.nextInt(valid.size())), random);
                c.client.sendRaw(random.nextInt(20) == 0 ? Fuzz.brokenFrame(body, random) : WireClient.frame(body));
                sent++;
            }
            c.client.sendRaw(Fuzz.resynchronisation());
            initializeAnswers(c.client, seq);
        }
        try (Connection c = new Connection()) {
            initializeAnswers(c.client, 1);
        }
    }
}
