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
            char quote = 0;
            for (int c = 0; c < s.length(); c++) {
                char ch = s.charAt(c);
                if (quote != 0) {
                    quote = ch == quote ? 0 : quote;
                } else if (ch == '"' || ch == '\'') {
                    quote = ch;
                } else if (ch == '#') {
                    break;
                } else if (ch == '[') {
                    open.push(l);
                } else if (ch == ']' && !open.isEmpty()) {
                    int start = open.pop();
                    if (l > start) {
                        out.add(fold(start, l));
                    }
                }
            }
        }
        return out;
    }

    private static FoldingRange fold(int start, int end) {
        FoldingRange r = new FoldingRange(start, end);
        r.setKind(FoldingRangeKind.Region);
        return r;
    }
}
