package dev.hvscope.plugin.lsp;

import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.services.WorkspaceService;

/** Commands: {@code hvscope.pflash.toggle}. */
final class VmConfigWorkspaceService implements WorkspaceService {
    private final HvscopeLanguageServer server;
    private final Documents documents;

    VmConfigWorkspaceService(HvscopeLanguageServer server, Documents documents) {
        this.server = server;
        this.documents = documents;
    }

    @Override
    public CompletableFuture<Object> executeCommand(ExecuteCommandParams p) {
        if (PassthroughCodeLens.TOGGLE.equals(p.getCommand())) {
            return PassthroughCodeLens.toggle(documents, server.client(), server.liveVm(), p.getArguments());
        }
        throw new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidParams,
                "unknown command " + p.getCommand(), null));
    }

    @Override
    public void didChangeConfiguration(DidChangeConfigurationParams p) {
        // no settings yet
    }

    @Override
    public void didChangeWatchedFiles(DidChangeWatchedFilesParams p) {
        // image files are checked on each analysis
    }
}
