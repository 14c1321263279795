package dev.hvscope.plugin.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.debug.Capabilities;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.launch.DSPLauncher;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;
import org.eclipse.lsp4j.debug.services.IDebugProtocolServer;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TCP mode of {@code hvscope dap --port N}: clients one after another, each with a fresh
 * adapter, each only after it sent the listener's token; launch starts only allowed programs.
 */
class DapServerTest {
    static final DapToken TOKEN = DapToken.generate();
    static int port;
    @TempDir
    static Path dir;

    @BeforeAll
    static void listen() throws Exception {
        port = listening(TOKEN, LaunchPolicy.hvscopeOnly());
    }

    /** An adapter listening on a free loopback port in a daemon thread; answers the port. */
    static int listening(DapToken token, LaunchPolicy policy) throws Exception {
        CompletableFuture<Integer> p = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                DapServer.serveTcp("127.0.0.1", 0, token, policy, p::complete);
            } catch (Exception e) {
                p.completeExceptionally(e);
            }
        }, "dap-tcp-under-test");
        t.setDaemon(true);
        t.start();
        return p.get(10, TimeUnit.SECONDS);
    }

    /** A DAP client on s (after whatever the test wrote first). */
    private static IDebugProtocolServer client(Socket s) throws Exception {
        Launcher<IDebugProtocolServer> l = DSPLauncher.createClientLauncher(new IDebugProtocolClient() { },
                s.getInputStream(), s.getOutputStream());
        l.startListening();
        return l.getRemoteProxy();
    }

    private static Socket connect() throws Exception {
        return new Socket(InetAddress.getLoopbackAddress(), port);
    }

    /** Writes the first line (may be empty), then an initialize request; answers what came back up to its answer or the close. */
    private static String rawAttempt(String firstLine) throws Exception {
        try (Socket s = connect()) {
            s.setSoTimeout(30_000); // a guard only: the adapter closes at once
            OutputStream out = s.getOutputStream();
            String body = "{\"seq\":1,\"type\":\"request\",\"command\":\"initialize\",\"arguments\":{\"adapterID\":\"x\"}}";
            out.write((firstLine + "Content-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder got = new StringBuilder();
            int b;
            while (!got.toString().matches("(?s).*\"success\":(true|false).*") && (b = in.read()) >= 0) { // an answer, or the close
                got.append((char) b);
            }
            return got.toString();
        }
    }

    @Test
    void tcpServer_answersOneClientAfterAnother_eachAfterItsToken() throws Exception {
        for (int client = 0; client < 2; client++) {
            try (Socket s = connect()) {
                s.getOutputStream().write(TOKEN.line().getBytes(StandardCharsets.US_ASCII));
                Capabilities caps = client(s).initialize(new InitializeRequestArguments()).get(10, TimeUnit.SECONDS);
                assertTrue(caps.getSupportsDisassembleRequest());
            }
        }
    }

    @Test
    void clientWithoutTheToken_isDisconnectedBeforeAnyRequest_andTheNextIsServed() throws Exception {
        assertEquals("", rawAttempt(""), "answered without a token");
        assertEquals("", rawAttempt(DapToken.PREFIX + DapToken.generate().hex() + "\r\n"), "answered a wrong token");
        assertEquals("", rawAttempt(DapToken.PREFIX + TOKEN.hex().substring(1) + "\r\n"), "answered a short token");
        assertEquals("", rawAttempt(DapToken.PREFIX + TOKEN.hex() + "0".repeat(4096) + "\r\n"), "answered an overlong line");
        assertTrue(rawAttempt(TOKEN.line()).contains("\"success\":true"), "the right token is not served");
    }

    @Test
    void launchOfAProgramNotAllowed_isAnErrorNamingTheOption_andNothingRuns() throws Exception {
        Path marker = dir.resolve("ran");
        try (Socket s = connect()) {
            s.getOutputStream().write(TOKEN.line().getBytes(StandardCharsets.US_ASCII));
            IDebugProtocolServer server = client(s);
            server.initialize(new InitializeRequestArguments()).get(10, TimeUnit.SECONDS);
            ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> server.launch(Map.of("command", List.of("sh", "-c", "touch " + marker + " ${port}")))
                            .get(10, TimeUnit.SECONDS));
            assertTrue(e.getCause().getMessage().contains("--allow-program"), e.getCause().getMessage());
            ExecutionException viaHvscope = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> server.launch(Map.of("vm", true, "hvscope", List.of("sh", "-c", "touch " + marker)))
                            .get(10, TimeUnit.SECONDS));
            assertTrue(viaHvscope.getCause().getMessage().contains("--allow-program"), viaHvscope.getCause().getMessage());
        }
        assertFalse(Files.exists(marker), "the client's program ran");
    }

    @Test
    void tokenFile_isOwnerOnly_andHoldsTheToken() throws Exception {
        Path file = dir.resolve("dap.token");
        Files.writeString(file, "old");
        TOKEN.writeTo(file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(TOKEN.hex(), Files.readString(file).strip());
        assertEquals(64, TOKEN.hex().length());
    }
}
