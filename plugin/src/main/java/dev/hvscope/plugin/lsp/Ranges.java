package dev.hvscope.plugin.lsp;

import dev.hvscope.plugin.lsp.analysis.TextRange;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/** The one place analysis ranges become lsp4j ranges. */
final class Ranges {
    private Ranges() {
    }

    static Range of(TextRange r) {
        return new Range(new Position(r.startLine(), r.startColumn()), new Position(r.endLine(), r.endColumn()));
    }
}
