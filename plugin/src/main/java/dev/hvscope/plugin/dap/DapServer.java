package dev.hvscope.plugin.dap;

import dev.hvscope.plugin.jsonrpc.Dialect;
import dev.hvscope.plugin.jsonrpc.FramedMessageProducer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.MessageProducer;
import org.eclipse.lsp4j.jsonrpc.debug.DebugLauncher;
import org.eclipse.lsp4j.jsonrpc.json.ConcurrentMessageProcessor;

/**
 * Runs the debug adapter over a pair of streams (stdio) or a TCP socket. On TCP each client must
 * present the listener's {@link DapToken} first; launch requests may start what the
 * {@link LaunchPolicy} allows.
 */
public final class DapServer {
    /** How long a TCP client has to send its token line: a silent one must not hold the listener. */
    static final int TOKEN_TIMEOUT_MS = 10_000;

    private DapServer() {
    }

    /** Serves one client on the streams until they close (only hvscope itself may be launched). */
    public static void serve(InputStream in, OutputStream out) {
        serve(in, out, LaunchPolicy.hvscopeOnly());
    }

    /** Serves one client on the streams until they close; the target is ended afterwards. */
    public static void serve(InputStream in, OutputStream out, LaunchPolicy policy) {
        HvscopeDebugAdapter adapter = new HvscopeDebugAdapter(policy);
        // the reader and request threads of this client, ended with it (a TCP server serves many)
        ExecutorService threads = Executors.newCachedThreadPool();
        // The remote proxy implements HvscopeDebugClient, so the adapter can send hvscope/ events.
        Launcher<HvscopeDebugClient> launcher = new FramedBuilder()
                .setLocalService(adapter)
                .setRemoteInterface(HvscopeDebugClient.class)
                .setInput(in)
                .setOutput(out)
                .setExecutorService(threads)
                .create();
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
            threads.shutdownNow();
        }
    }

    /**
     * Serves clients on host:port one after another (each gets a fresh adapter), each only after
     * it sent {@code token}'s line; a client that does not is disconnected before any request is read.
     */
    public static void serveTcp(String host, int port, DapToken token, LaunchPolicy policy, IntConsumer onListening)
            throws IOException {
        try (ServerSocket server = new ServerSocket(port, 1, InetAddress.getByName(host))) {
            if (onListening != null) {
                onListening.accept(server.getLocalPort());
            }
            while (!server.isClosed()) {
                Socket client = server.accept();
                try (Socket s = client) {
                    s.setTcpNoDelay(true);   // small JSON-RPC messages: no Nagle delay (40 ms a reply otherwise)
                    if (admitted(s, token)) {
                        serve(s.getInputStream(), s.getOutputStream(), policy);
                    }
                } catch (IOException e) {
                    // this client's connection failed: serve the next
                }
            }
        }
    }

    private static boolean admitted(Socket s, DapToken token) throws IOException {
        s.setSoTimeout(TOKEN_TIMEOUT_MS);
        try {
            return token.admits(s.getInputStream());
        } catch (SocketTimeoutException e) {
            return false;
        } finally {
            s.setSoTimeout(0);
        }
    }

    /** lsp4j's debug launcher with the reader that cannot be knocked out of step. */
    private static final class FramedBuilder extends DebugLauncher.Builder<HvscopeDebugClient> {
        @Override
        protected ConcurrentMessageProcessor createMessageProcessor(MessageProducer reader,
                MessageConsumer messageConsumer, HvscopeDebugClient remoteProxy) {
            return super.createMessageProcessor(
                    FramedMessageProducer.replacing(reader, messageConsumer, this::createJsonHandler, Dialect.DAP),
                    messageConsumer, remoteProxy);
        }
    }
}
