package dev.hvscope.plugin.lsp;

import dev.hvscope.plugin.vmconfig.ConfigText;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.eclipse.lsp4j.FoldingRange;
import org.eclipse.lsp4j.FoldingRangeKind;

/** Folding ranges: each table, each array value spanning lines. Works on half-typed text (lines and brackets). */
final class VmConfigFolding {
    private VmConfigFolding() {
    }

    static List<FoldingRange> ranges(Documents.Document doc) {
        ConfigText src = doc.lines();
        List<FoldingRange> out = new ArrayList<>();
        for (ConfigText.Header h : src.headers()) {
            int end = src.tableEndLine(h.line());
            if (end > h.line()) {
                out.add(fold(h.line(), end));
            }
        }
        Deque<Integer> open = new ArrayDeque<>();
        for (int l = 0; l < src.lineCount(); l++) {
            String s = src.line(l);
            if (open.isEmpty() && s.trim().startsWith("[")) {
                continue; // a header
            }
            int line = l;
            ConfigText.scan(s, 0, c -> {
                if (s.charAt(c) == '[') {
                    open.push(line);
                } else if (s.charAt(c) == ']' && !open.isEmpty()) {
                    int start = open.pop();
                    if (line > start) {
                        out.add(fold(start, line));
                    }
                }
                return true;
            });
        }
        return out;
    }

    private static FoldingRange fold(int start, int end) {
        FoldingRange r = new FoldingRange(start, end);
        r.setKind(FoldingRangeKind.Region);
        return r;
    }
}
