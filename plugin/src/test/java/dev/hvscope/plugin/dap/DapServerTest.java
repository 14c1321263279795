package dev.hvscope.plugin.dap;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.debug.Capabilities;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.launch.DSPLauncher;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;
import org.eclipse.lsp4j.debug.services.IDebugProtocolServer;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.junit.jupiter.api.Test;

/** The TCP mode of {@code hvscope dap --port N}: clients one after another, each with a fresh adapter. */
class DapServerTest {
    @Test
    void tcpServer_answersOneClientAfterAnother() throws Exception {
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                DapServer.serveTcp("127.0.0.1", 0, port::complete);
            } catch (Exception e) {
                port.completeExceptionally(e);
            }
        }, "dap-tcp-under-test");
        t.setDaemon(true);
        t.start();
        int p = port.get(5, TimeUnit.SECONDS);
        for (int client = 0; client < 2; client++) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), p)) {
                Launcher<IDebugProtocolServer> l = DSPLauncher.createClientLauncher(new IDebugProtocolClient() { },
                        s.getInputStream(), s.getOutputStream());
                l.startListening();
                Capabilities caps = l.getRemoteProxy().initialize(new InitializeRequestArguments()).get(10, TimeUnit.SECONDS);
                assertTrue(caps.getSupportsDisassembleRequest());
            }
        }
    }
}
