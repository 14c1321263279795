package dev.hvscope.plugin.lsp;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;
import org.eclipse.lsp4j.jsonrpc.services.JsonSegment;

/** hvscope's own requests, all under {@code hvscope/}. */
@JsonSegment("hvscope")
public interface HvscopeProtocol {

    /** One entry per region or device the config maps. */
    final class Mapping {
        public String name;
        public String kind;
        public String detail;
        /** Markdown: the G-stage mappings (GPA → HPA, page sizes, table pages). */
        public String mappings;
    }

    /** {@code hvscope/mappings}: the G-stage mappings of every region and device of a document. */
    @JsonRequest
    CompletableFuture<List<Mapping>> mappings(TextDocumentIdentifier document);
}
