package dev.hvscope.plugin.lsp;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.FoldingRange;
import org.eclipse.lsp4j.FoldingRangeRequestParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.TextDocumentService;

/** One line per method: the document from {@link Documents}, the work in one class per feature. */
final class VmConfigTextDocumentService implements TextDocumentService {
    private final HvscopeLanguageServer server;
    private final Documents documents;

    VmConfigTextDocumentService(HvscopeLanguageServer server, Documents documents) {
        this.server = server;
        this.documents = documents;
    }

    @Override
    public void didOpen(DidOpenTextDocumentParams p) {
        VmConfigDiagnostics.publish(server.client(), documents.put(p.getTextDocument().getUri(), p.getTextDocument().getText()));
    }

    @Override
    public void didChange(DidChangeTextDocumentParams p) {
        VmConfigDiagnostics.publish(server.client(), documents.put(p.getTextDocument().getUri(), FullSync.text(p)));
    }

    @Override
    public void didClose(DidCloseTextDocumentParams p) {
        documents.remove(p.getTextDocument().getUri());
    }

    @Override
    public void didSave(DidSaveTextDocumentParams p) {
        // full sync: the text already arrived with didChange
    }

    @Override
    public CompletableFuture<Hover> hover(HoverParams p) {
        return CompletableFuture.completedFuture(VmConfigHover.hover(documents.get(p.getTextDocument().getUri()), p));
    }

    @Override
    public CompletableFuture<Either<List<CompletionItem>, CompletionList>> completion(CompletionParams p) {
        return CompletableFuture.completedFuture(Either.forRight(VmConfigCompletion.complete(documents.get(p.getTextDocument().getUri()), p)));
    }

    @Override
    public CompletableFuture<List<Either<SymbolInformation, DocumentSymbol>>> documentSymbol(DocumentSymbolParams p) {
        return CompletableFuture.completedFuture(VmConfigSymbols.symbols(documents.get(p.getTextDocument().getUri())));
    }

    @Override
    public CompletableFuture<List<FoldingRange>> foldingRange(FoldingRangeRequestParams p) {
        return CompletableFuture.completedFuture(VmConfigFolding.ranges(documents.get(p.getTextDocument().getUri())));
    }

    @Override
    public CompletableFuture<List<? extends CodeLens>> codeLens(CodeLensParams p) {
        return CompletableFuture.completedFuture(PassthroughCodeLens.lenses(documents.get(p.getTextDocument().getUri())));
    }
}
