package dev.hvscope.plugin.lsp;

import dev.hvscope.plugin.lsp.analysis.ConfigAnalysis;
import dev.hvscope.plugin.lsp.analysis.VmConfigAnalyzer;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open documents by URI, each with its latest text and that text's analysis (computed once per
 * version, shared by every feature).
 */
public final class Documents {
    private final VmConfigAnalyzer analyzer;
    private final Map<String, Document> open = new ConcurrentHashMap<>();

    /** One version of one document. */
    public static final class Document {
        private final String uri;
        private final String text;
        private final VmConfigAnalyzer analyzer;
        private ConfigAnalysis analysis;

        Document(String uri, String text, VmConfigAnalyzer analyzer) {
            this.uri = uri;
            this.text = text;
            this.analyzer = analyzer;
        }

        public String uri() {
            return uri;
        }

        public String text() {
            return text;
        }

        public synchronized ConfigAnalysis analysis() {
            if (analysis == null) {
                analysis = analyzer.analyze(text, pathOf(uri));
            }
            return analysis;
        }
    }

    public Documents(VmConfigAnalyzer analyzer) {
        this.analyzer = analyzer;
    }

    public Document put(String uri, String text) {
        Document d = new Document(uri, text == null ? "" : text, analyzer);
        open.put(uri, d);
        return d;
    }

    /** The open document, or an empty one: requests for unknown URIs answer with nothing, not errors. */
    public Document get(String uri) {
        Document d = uri == null ? null : open.get(uri);
        return d != null ? d : new Document(uri == null ? "" : uri, "", analyzer);
    }

    public void remove(String uri) {
        if (uri != null) {
            open.remove(uri);
        }
    }

    /** The file behind a file: URI, else null (relative image paths then go unchecked). */
    static Path pathOf(String uri) {
        try {
            URI u = URI.create(uri);
            return "file".equals(u.getScheme()) ? Path.of(u) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
