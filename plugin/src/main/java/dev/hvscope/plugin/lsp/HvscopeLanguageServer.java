package dev.hvscope.plugin.lsp;

import dev.hvscope.plugin.live.LiveSessionRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntConsumer;
import org.eclipse.lsp4j.CodeLensOptions;
import org.eclipse.lsp4j.CompletionOptions;
import org.eclipse.lsp4j.ExecuteCommandOptions;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;

/**
 * The hvscope language server for VM config files (the axvisor TOML shape). Features live in one
 * class each; this class announces them and holds the client.
 */
public final class HvscopeLanguageServer implements LanguageServer, LanguageClientAware, HvscopeProtocol {
    private final Documents documents;
    private final VmConfigTextDocumentService text;
    private final VmConfigWorkspaceService workspace;
    private final IntConsumer onExit;
    private final LiveVmLink liveVm = new LiveVmLink(LiveSessionRegistry.standard());
    private volatile LanguageClient client;
    private volatile boolean shutdown;

    /**
     * @param onExit what the {@code exit} notification does with the exit status LSP prescribes (0
     *               after shutdown, else 1): the command exits the JVM, tests record it
     */
    public HvscopeLanguageServer(IntConsumer onExit) {
        this.documents = new Documents();
        this.text = new VmConfigTextDocumentService(this, documents);
        this.workspace = new VmConfigWorkspaceService(this, documents);
        this.onExit = onExit;
    }

    @Override
    public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
        PositionEncoding encoding = PositionEncoding.negotiate(params);
        documents.setEncoding(encoding);
        ServerCapabilities caps = new ServerCapabilities();
        caps.setPositionEncoding(encoding.kind);
        caps.setTextDocumentSync(TextDocumentSyncKind.Full);
        caps.setHoverProvider(true);
        caps.setCompletionProvider(new CompletionOptions(false, List.of("[", "\"", "=", ",")));
        caps.setDocumentSymbolProvider(true);
        caps.setFoldingRangeProvider(true);
        caps.setCodeLensProvider(new CodeLensOptions(false));
        caps.setExecuteCommandProvider(new ExecuteCommandOptions(List.of(PassthroughCodeLens.TOGGLE)));
        return CompletableFuture.completedFuture(new InitializeResult(caps, new ServerInfo("hvscope", "0.1.0")));
    }

    @Override
    public CompletableFuture<Object> shutdown() {
        shutdown = true;
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void exit() {
        onExit.accept(shutdown ? 0 : 1);
    }

    /** True once {@code shutdown} was requested: exit status 0 then, 1 otherwise (LSP). */
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public TextDocumentService getTextDocumentService() {
        return text;
    }

    @Override
    public WorkspaceService getWorkspaceService() {
        return workspace;
    }

    @Override
    public void connect(LanguageClient client) {
        this.client = client;
    }

    LanguageClient client() {
        return client;
    }

    LiveVmLink liveVm() {
        return liveVm;
    }

    @Override
    public CompletableFuture<List<Mapping>> mappings(TextDocumentIdentifier document) {
        List<Mapping> out = new ArrayList<>();
        for (ConfigItem item : documents.get(document == null ? null : document.getUri()).analysis().items()) {
            if (item.kind() != ConfigItem.Kind.TABLE) {
                Mapping m = new Mapping();
                m.name = item.name();
                m.kind = item.kind().name();
                m.detail = item.detail();
                m.mappings = item.hover();
                out.add(m);
            }
        }
        return CompletableFuture.completedFuture(out);
    }
}
