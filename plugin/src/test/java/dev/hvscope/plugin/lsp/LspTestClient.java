package dev.hvscope.plugin.lsp;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ApplyWorkspaceEditParams;
import org.eclipse.lsp4j.ApplyWorkspaceEditResponse;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.GeneralClientCapabilities;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * A language client for tests: our server on one side of two pipes, lsp4j's client launcher on
 * the other. It records diagnostics and applies the workspace edits the server sends to its own
 * copy of each document, as an editor would.
 */
final class LspTestClient implements LanguageClient, AutoCloseable {
    /** What a test's client talks to: the LSP server plus hvscope's own requests. */
    interface Server extends LanguageServer, HvscopeProtocol {
    }

    final Server server;
    final Map<String, BlockingQueue<List<Diagnostic>>> diagnostics = new ConcurrentHashMap<>();
    final Map<String, String> texts = new ConcurrentHashMap<>();
    final List<ApplyWorkspaceEditParams> edits = new CopyOnWriteArrayList<>();
    final List<Integer> exits = new CopyOnWriteArrayList<>();
    /** What the server chose (null: it said nothing, which means UTF-16). */
    final String positionEncoding;
    private final PipedOutputStream toServer;
    private final PipedOutputStream toClient;
    private int version;

    LspTestClient() {
        this(null);
    }

    /** @param positionEncodings what the client offers in general.positionEncodings (null: nothing, so UTF-16) */
    LspTestClient(List<String> positionEncodings) {
        try {
            PipedInputStream serverIn = new PipedInputStream(1 << 20);
            toServer = new PipedOutputStream(serverIn);
            PipedInputStream clientIn = new PipedInputStream(1 << 20);
            toClient = new PipedOutputStream(clientIn);
            LanguageServerLauncher.start(serverIn, toClient, exits::add).startListening();
            Launcher<Server> client = new LSPLauncher.Builder<Server>()
                    .setLocalService(this)
                    .setRemoteInterface(Server.class)
                    .setInput(clientIn)
                    .setOutput(toServer)
                    .create();
            client.startListening();
            server = client.getRemoteProxy();
            InitializeParams params = new InitializeParams();
            if (positionEncodings != null) {
                ClientCapabilities caps = new ClientCapabilities();
                GeneralClientCapabilities general = new GeneralClientCapabilities();
                general.setPositionEncodings(positionEncodings);
                caps.setGeneral(general);
                params.setCapabilities(caps);
            }
            InitializeResult init = get(server.initialize(params));
            positionEncoding = init.getCapabilities().getPositionEncoding();
            if (init.getCapabilities() == null) {
                throw new IllegalStateException("no capabilities");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T> T get(CompletableFuture<T> f) {
        try {
            return f.get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A document written with '|' at the cursor: the text without it and the cursor position. */
    record Cursor(String text, Position position) {
        static Cursor of(String marked) {
            int at = marked.indexOf('|');
            if (at < 0) {
                throw new IllegalArgumentException("no | cursor");
            }
            String before = marked.substring(0, at);
            int line = (int) before.chars().filter(c -> c == '\n').count();
            int column = before.length() - (before.lastIndexOf('\n') + 1);
            return new Cursor(before + marked.substring(at + 1), new Position(line, column));
        }
    }

    /** Opens a document and waits for its diagnostics. */
    List<Diagnostic> open(String uri, String text) {
        texts.put(uri, text);
        server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
                new TextDocumentItem(uri, "hvscope-vm", ++version, text)));
        return nextDiagnostics(uri);
    }

    List<Diagnostic> change(String uri, String text) {
        texts.put(uri, text);
        server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(uri, ++version), List.of(new TextDocumentContentChangeEvent(text))));
        return nextDiagnostics(uri);
    }

    List<Diagnostic> nextDiagnostics(String uri) {
        try {
            List<Diagnostic> d = queue(uri).poll(20, TimeUnit.SECONDS);
            if (d == null) {
                throw new AssertionError("no diagnostics for " + uri);
            }
            return d;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    static TextDocumentIdentifier doc(String uri) {
        return new TextDocumentIdentifier(uri);
    }

    /** A file: URI in a temp dir (so relative image paths resolve against it). */
    static String uriIn(Path dir, String name) {
        return dir.resolve(name).toUri().toString();
    }

    static String sample() {
        try {
            return Files.readString(samplePath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path samplePath() {
        String examples = System.getProperty("hvscope.examples", "../examples");
        return Path.of(examples).resolveSibling("ide").resolve("sample-vm.toml").toAbsolutePath().normalize();
    }

    private BlockingQueue<List<Diagnostic>> queue(String uri) {
        return diagnostics.computeIfAbsent(uri, u -> new LinkedBlockingQueue<>());
    }

    @Override
    public void publishDiagnostics(PublishDiagnosticsParams p) {
        queue(p.getUri()).add(p.getDiagnostics());
    }

    @Override
    public CompletableFuture<ApplyWorkspaceEditResponse> applyEdit(ApplyWorkspaceEditParams params) {
        edits.add(params);
        params.getEdit().getChanges().forEach((uri, list) -> texts.computeIfPresent(uri, (u, t) -> apply(t, list)));
        return CompletableFuture.completedFuture(new ApplyWorkspaceEditResponse(true));
    }

    /** Applies edits (non-overlapping, any order) to a text. */
    static String apply(String text, List<TextEdit> edits) {
        List<TextEdit> sorted = new java.util.ArrayList<>(edits);
        sorted.sort((a, b) -> Integer.compare(offset(text, b.getRange().getStart()), offset(text, a.getRange().getStart())));
        String t = text;
        for (TextEdit e : sorted) {
            t = t.substring(0, offset(t, e.getRange().getStart())) + e.getNewText() + t.substring(offset(t, e.getRange().getEnd()));
        }
        return t;
    }

    static int offset(String text, Position p) {
        int off = 0;
        for (int l = 0; l < p.getLine(); l++) {
            off = text.indexOf('\n', off) + 1;
        }
        return Math.min(off + p.getCharacter(), text.length());
    }

    @Override
    public void telemetryEvent(Object object) {
    }

    @Override
    public void showMessage(MessageParams messageParams) {
    }

    @Override
    public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams requestParams) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void logMessage(MessageParams message) {
    }

    @Override
    public void close() {
        try {
            toServer.close();
            toClient.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
