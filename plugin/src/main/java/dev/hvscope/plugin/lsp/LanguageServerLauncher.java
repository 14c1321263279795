package dev.hvscope.plugin.lsp;

import dev.hvscope.plugin.jsonrpc.Dialect;
import dev.hvscope.plugin.jsonrpc.FramedMessageProducer;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.MessageProducer;
import org.eclipse.lsp4j.jsonrpc.json.ConcurrentMessageProcessor;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * Starts the language server on a pair of streams (stdio for {@code hvscope lsp}). Frames are read
 * by {@link FramedMessageProducer}, so no message, however malformed, deep or large, can end the
 * read loop or put it out of step.
 */
public final class LanguageServerLauncher {
    private LanguageServerLauncher() {
    }

    /** A server on these streams, listening; {@code onExit} runs on the {@code exit} notification. */
    public static Launcher<LanguageClient> start(InputStream in, OutputStream out, IntConsumer onExit) {
        HvscopeLanguageServer server = new HvscopeLanguageServer(onExit);
        Launcher<LanguageClient> launcher = new FramedBuilder()
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

    /** LSPLauncher's builder with the reader that cannot be knocked out of step. */
    private static final class FramedBuilder extends LSPLauncher.Builder<LanguageClient> {
        @Override
        protected ConcurrentMessageProcessor createMessageProcessor(MessageProducer reader,
                MessageConsumer messageConsumer, LanguageClient remoteProxy) {
            return super.createMessageProcessor(
                    FramedMessageProducer.replacing(reader, messageConsumer, this::createJsonHandler, Dialect.JSON_RPC),
                    messageConsumer, remoteProxy);
        }
    }
}
