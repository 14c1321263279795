package dev.hvscope.plugin.dap;

import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;
import org.eclipse.lsp4j.jsonrpc.services.JsonSegment;

/** The adapter's own requests for richer front ends, all in the {@code hvscope/} namespace. */
@JsonSegment("hvscope")
public interface HvscopeRequests {
    /** {@code hvscope/translate}: an address through both stages, with the walk of every level. */
    @JsonRequest
    CompletableFuture<TranslateResult> translate(TranslateArguments args);
}
