package dev.hvscope.plugin.lsp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.MessageIssueHandler;
import org.eclipse.lsp4j.jsonrpc.MessageProducer;
import org.eclipse.lsp4j.jsonrpc.RemoteEndpoint;
import org.eclipse.lsp4j.jsonrpc.json.ConcurrentMessageProcessor;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.json.StreamMessageProducer;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * Starts the language server on a pair of streams (stdio for {@code hvscope lsp}). Frames are read
 * by a producer that refuses absurd Content-Length headers instead of allocating them, so no
 * message, however malformed, can end the read loop.
 */
public final class LanguageServerLauncher {
    /** The largest message read; larger ones are skipped unread. */
    public static final int MAX_MESSAGE_BYTES = 32 << 20;

    private LanguageServerLauncher() {
    }

    /**
     * lsp4j logs every malformed message with a stack trace; a flood of them would drown stderr
     * (and slow the server), so after the first 20 only every 1000th is logged.
     */
    static final class LogLimit implements Filter {
        private final AtomicLong seen = new AtomicLong();

        @Override
        public boolean isLoggable(LogRecord record) {
            long n = seen.incrementAndGet();
            return n <= 20 || n % 1000 == 0;
        }
    }

    /** Held strongly: JUL forgets a logger's settings once nothing references it. */
    private static final List<Logger> JSONRPC_LOGS = List.of(
            Logger.getLogger(RemoteEndpoint.class.getName()),
            Logger.getLogger(StreamMessageProducer.class.getName()),
            Logger.getLogger(ConcurrentMessageProcessor.class.getName()));

    static {
        LogLimit limit = new LogLimit();
        JSONRPC_LOGS.forEach(log -> log.setFilter(limit));
    }

    /** A server on these streams, listening; {@code onExit} runs on the {@code exit} notification. */
    public static Launcher<LanguageClient> start(InputStream in, OutputStream out, IntConsumer onExit) {
        HvscopeLanguageServer server = new HvscopeLanguageServer(onExit);
        Launcher<LanguageClient> launcher = new GuardedBuilder(in)
                .setLocalService(server)
                .setRemoteInterface(LanguageClient.class)
                .setInput(in)
                .setOutput(out)
                .create();
        server.connect(launcher.getRemoteProxy());
        return launcher;
    }

    /**
     * Stdio server without the CLI (tests of real editors, embedding): {@code java -cp ...
     * dev.hvscope.plugin.lsp.LanguageServerLauncher}. {@code hvscope lsp} is the same thing.
     */
    public static void main(String[] args) throws Exception {
        java.io.OutputStream protocol = new java.io.FileOutputStream(java.io.FileDescriptor.out);
        System.setOut(System.err); // stdout carries the protocol only
        serve(System.in, protocol, status -> Runtime.getRuntime().halt(status));
    }

    /** Serves until the input closes (stdio: the client went away). */
    public static void serve(InputStream in, OutputStream out, IntConsumer onExit)
            throws InterruptedException, ExecutionException {
        Future<Void> listening = start(in, out, onExit).startListening();
        listening.get();
    }

    /** LSPLauncher's builder with the guarded producer. */
    private static final class GuardedBuilder extends LSPLauncher.Builder<LanguageClient> {
        private final InputStream in;

        GuardedBuilder(InputStream in) {
            this.in = in;
        }

        @Override
        protected ConcurrentMessageProcessor createMessageProcessor(MessageProducer reader,
                MessageConsumer messageConsumer, LanguageClient remoteProxy) {
            if (reader instanceof StreamMessageProducer && messageConsumer instanceof RemoteEndpoint endpoint) {
                MessageJsonHandler json = createJsonHandler();
                // responses to our requests (applyEdit) are typed by the method the id belongs to
                json.setMethodProvider(endpoint);
                reader = new GuardedProducer(in, json, endpoint);
            }
            return super.createMessageProcessor(reader, messageConsumer, remoteProxy);
        }
    }

    /** Skips the body of a message whose Content-Length is negative or too large. */
    static final class GuardedProducer extends StreamMessageProducer {
        GuardedProducer(InputStream input, MessageJsonHandler jsonHandler, MessageIssueHandler issues) {
            super(input, jsonHandler, issues);
        }

        @Override
        protected boolean handleMessage(InputStream input, Headers headers) throws IOException {
            if (headers.contentLength > MAX_MESSAGE_BYTES) {
                input.skipNBytes(headers.contentLength);
                fireError(new IOException("message of " + headers.contentLength + " bytes skipped (limit "
                        + MAX_MESSAGE_BYTES + ")"));
                return true;
            }
            if (headers.contentLength < 0) {
                fireError(new IOException("negative Content-Length " + headers.contentLength));
                return true;
            }
            return super.handleMessage(input, headers);
        }
    }
}
