package dev.hvscope.plugin.lsp;

import dev.hvscope.plugin.vmconfig.ConfigText;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open documents by URI, each with its latest text and that text's analysis (computed once per
 * version, shared by every feature), and the position encoding agreed with the client.
 */
public final class Documents {
    private final Map<String, Document> open = new ConcurrentHashMap<>();
    private volatile PositionEncoding encoding = PositionEncoding.UTF16;

    /** One version of one document. */
    public final class Document {
        private final String uri;
        private final String text;
        private ConfigText lines;
        private ConfigAnalysis analysis;

        Document(String uri, String text) {
            this.uri = uri;
            this.text = text;
        }

        public String uri() {
            return uri;
        }

        public String text() {
            return text;
        }

        synchronized ConfigText lines() {
            if (lines == null) {
                lines = new ConfigText(text);
            }
            return lines;
        }

        synchronized ConfigAnalysis analysis() {
            if (analysis == null) {
                analysis = ConfigAnalysis.of(text, pathOf(uri));
            }
            return analysis;
        }

        /** Conversions between this text's config positions and the client's. */
        Ranges ranges() {
            return new Ranges(lines(), encoding);
        }
    }

    void setEncoding(PositionEncoding encoding) {
        this.encoding = encoding;
    }

    PositionEncoding encoding() {
        return encoding;
    }

    public Document put(String uri, String text) {
        Document d = new Document(uri, text == null ? "" : text);
        open.put(uri, d);
        return d;
    }

    /** The open document, or an empty one: requests for unknown URIs answer with nothing, not errors. */
    public Document get(String uri) {
        Document d = uri == null ? null : open.get(uri);
        return d != null ? d : new Document(uri == null ? "" : uri, "");
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
