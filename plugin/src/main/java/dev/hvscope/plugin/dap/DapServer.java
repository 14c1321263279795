package dev.hvscope.plugin.dap;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.debug.DebugLauncher;

/** Runs the debug adapter over a pair of streams (stdio) or a TCP socket. */
public final class DapServer {
    private DapServer() {
    }

    /** Serves one client on the streams until they close; the target is ended afterwards. */
    public static void serve(InputStream in, OutputStream out) {
        HvscopeDebugAdapter adapter = new HvscopeDebugAdapter();
        // The remote proxy implements HvscopeDebugClient, so the adapter can send hvscope/ events.
        Launcher<HvscopeDebugClient> launcher = DebugLauncher.createLauncher(adapter, HvscopeDebugClient.class, in, out);
        adapter.connect(launcher.getRemoteProxy());
        Future<Void> listening = launcher.startListening();
        try {
            listening.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // the stream failed: the session is over either way
        } finally {
            adapter.shutdown();
        }
    }

    /** Serves clients on host:port one after another (each gets a fresh adapter). */
    public static void serveTcp(String host, int port, java.util.function.IntConsumer onListening) throws IOException {
        try (ServerSocket server = new ServerSocket(port, 1, InetAddress.getByName(host))) {
            if (onListening != null) {
                onListening.accept(server.getLocalPort());
            }
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    s.setTcpNoDelay(true);   // small JSON-RPC messages: no Nagle delay (40 ms a reply otherwise)
                    serve(s.getInputStream(), s.getOutputStream());
                }
            }
        }
    }
}
