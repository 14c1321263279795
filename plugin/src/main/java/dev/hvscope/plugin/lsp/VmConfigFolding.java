package dev.hvscope.plugin.lsp;

import dev.hvscope.plugin.lsp.analysis.Folds;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.FoldingRange;
import org.eclipse.lsp4j.FoldingRangeKind;

/** Folding ranges: tables and multi-line arrays. */
final class VmConfigFolding {
    private VmConfigFolding() {
    }

    static List<FoldingRange> ranges(Documents.Document doc) {
        List<FoldingRange> out = new ArrayList<>();
        for (Folds.Fold f : Folds.of(doc.text())) {
            FoldingRange r = new FoldingRange(f.startLine(), f.endLine());
            r.setKind(FoldingRangeKind.Region);
            out.add(r);
        }
        return out;
    }
}
