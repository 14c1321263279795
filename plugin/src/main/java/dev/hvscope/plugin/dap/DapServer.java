package dev.hvscope.plugin.dap;

import dev.hvscope.plugin.jsonrpc.Dialect;
import dev.hvscope.plugin.jsonrpc.FramedMessageProducer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.MessageProducer;
import org.eclipse.lsp4j.jsonrpc.debug.DebugLauncher;
import org.eclipse.lsp4j.jsonrpc.json.ConcurrentMessageProcessor;

/** Runs the debug adapter over a pair of streams (stdio) or a TCP socket. */
public final class DapServer {
    private DapServer() {
    }

    /** Serves one client on the streams until they close; the target is ended afterwards. */
    public static void serve(InputStream in, OutputStream out) {
        HvscopeDebugAdapter adapter = new HvscopeDebugAdapter();
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
