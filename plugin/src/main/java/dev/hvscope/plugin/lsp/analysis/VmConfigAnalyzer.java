package dev.hvscope.plugin.lsp.analysis;

import java.nio.file.Path;

/**
 * Analyzes a VM config's text. The language server depends on this interface only, so the
 * shared vmconfig model can replace the tomlj-based first implementation.
 */
public interface VmConfigAnalyzer {

    /**
     * @param text     the document, possibly half-typed or garbage
     * @param document its file, to resolve relative image paths; null when it has none (untitled)
     * @return never null, never throws: problems become findings
     */
    ConfigAnalysis analyze(String text, Path document);
}
