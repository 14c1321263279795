package dev.hvscope.plugin.lsp.analysis;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** Foldable line ranges of a VM config: each table, each array value spanning lines. */
public final class Folds {
    private Folds() {
    }

    public record Fold(int startLine, int endLine, boolean table) {
    }

    public static List<Fold> of(String text) {
        SourceText src = new SourceText(text);
        List<Fold> folds = new ArrayList<>();
        for (SourceText.Header h : src.headers()) {
            int end = src.tableEndLine(h.line());
            if (end > h.line()) {
                folds.add(new Fold(h.line(), end, true));
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
                        folds.add(new Fold(start, l, false));
                    }
                }
            }
        }
        return folds;
    }
}
