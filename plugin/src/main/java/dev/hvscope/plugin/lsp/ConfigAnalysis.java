package dev.hvscope.plugin.lsp;

import dev.hvscope.plugin.vmconfig.Diagnostic;
import dev.hvscope.plugin.vmconfig.Position;
import dev.hvscope.plugin.vmconfig.Span;
import dev.hvscope.plugin.vmconfig.VmConfig;
import dev.hvscope.plugin.vmconfig.VmConfigChecks;
import dev.hvscope.plugin.vmconfig.VmConfigParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One document's analysis, shared by every feature: the diagnostics {@code hvscope vm} would print
 * (the same parser and checks), the model as far as it parsed, and the items editors show.
 *
 * @param model null when nothing could be read (too large, a parser failure)
 */
record ConfigAnalysis(List<Diagnostic> diagnostics, VmConfig model, List<ConfigItem> items) {
    /** Larger documents get one diagnostic instead of an analysis: no config is this big. */
    static final int MAX_CHARS = VmConfigParser.MAX_CHARS;

    ConfigAnalysis {
        diagnostics = List.copyOf(diagnostics);
        items = List.copyOf(items);
    }

    /** @param file the document's file, to resolve relative image paths; null when it has none */
    static ConfigAnalysis of(String text, Path file) {
        if (text.length() > MAX_CHARS) {
            return failed(file, "too-large", "document too large to analyze (" + text.length()
                    + " characters, limit " + MAX_CHARS + ")");
        }
        try {
            VmConfigParser.Result parsed = VmConfigParser.parse(file, text);
            List<Diagnostic> all = new ArrayList<>(parsed.diagnostics());
            if (parsed.model() == null) {
                return new ConfigAnalysis(all, null, List.of());
            }
            // checks run on what did parse, so a typo in one key leaves the rest diagnosed
            all.addAll(VmConfigChecks.check(parsed.model()));
            return new ConfigAnalysis(all, parsed.model(), ConfigItems.of(parsed.model()));
        } catch (RuntimeException | StackOverflowError e) {
            // a bug on some input must not cost the user the server
            return failed(file, "analyzer-failure", "could not analyze this document: " + e);
        }
    }

    private static ConfigAnalysis failed(Path file, String code, String message) {
        return new ConfigAnalysis(List.of(Diagnostic.error(file, Span.START, code, message)), null, List.of());
    }

    /** The innermost non-table item under the position, else the table, else null. */
    ConfigItem itemAt(Position p) {
        ConfigItem table = null;
        for (ConfigItem item : items) {
            if (item.range().contains(p)) {
                if (item.kind() != ConfigItem.Kind.TABLE) {
                    return item;
                }
                table = item;
            }
        }
        return table;
    }
}
