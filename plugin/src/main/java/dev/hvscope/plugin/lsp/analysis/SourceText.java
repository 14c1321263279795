package dev.hvscope.plugin.lsp.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * The document as lines, with the little lexing the analysis needs to turn tomlj's start
 * positions into ranges: skip blanks and comments, find where a value ends (matching brackets
 * and quotes), find a key's value after its '='.
 */
public final class SourceText {
    private final String[] lines;
    private List<Header> headers;

    /** A table header line, {@code [devices.pflash]} → name "devices.pflash"; array tables too. */
    public record Header(int line, String name, boolean arrayTable) {
    }

    public SourceText(String text) {
        this.lines = text.split("\r?\n|\r", -1);
    }

    /** The table headers: lines starting with '[' outside any multi-line array value. */
    public List<Header> headers() {
        if (headers != null) {
            return headers;
        }
        List<Header> found = new ArrayList<>();
        int depth = 0;
        for (int l = 0; l < lines.length; l++) {
            String s = lines[l];
            String t = s.trim();
            if (depth <= 0 && t.startsWith("[")) {
                depth = 0;
                boolean array = t.startsWith("[[");
                int close = t.indexOf(']');
                String name = (close < 0 ? t.substring(array ? 2 : 1) : t.substring(array ? 2 : 1, close))
                        .replace(" ", "").replace("\"", "");
                found.add(new Header(l, name, array));
                continue;
            }
            char quote = 0;
            for (int c = 0; c < s.length(); c++) {
                char ch = s.charAt(c);
                if (quote != 0) {
                    if (ch == '\\' && quote == '"') {
                        c++;
                    } else if (ch == quote) {
                        quote = 0;
                    }
                } else if (ch == '"' || ch == '\'') {
                    quote = ch;
                } else if (ch == '#') {
                    break;
                } else if (ch == '[' || ch == '{') {
                    depth++;
                } else if (ch == ']' || ch == '}') {
                    depth--;
                }
            }
        }
        headers = List.copyOf(found);
        return headers;
    }

    /** The table a line belongs to: the last header at or before it ("" before any header). */
    public String tableAt(int line) {
        String name = "";
        for (Header h : headers()) {
            if (h.line() > line) {
                break;
            }
            name = h.name();
        }
        return name;
    }

    /** The last non-blank line of the table whose header is at {@code headerLine}. */
    public int tableEndLine(int headerLine) {
        int next = lines.length;
        for (Header h : headers()) {
            if (h.line() > headerLine) {
                next = h.line();
                break;
            }
        }
        int last = headerLine;
        for (int l = headerLine + 1; l < next; l++) {
            if (!lines[l].trim().isEmpty()) {
                last = l;
            }
        }
        return last;
    }

    public int lineCount() {
        return lines.length;
    }

    public String line(int line) {
        return line >= 0 && line < lines.length ? lines[line] : "";
    }

    /** The whole of a line, without trailing blanks; an empty range for a line past the end. */
    public TextRange lineRange(int line) {
        String s = line(line);
        int end = s.length();
        while (end > 0 && Character.isWhitespace(s.charAt(end - 1))) {
            end--;
        }
        int start = 0;
        while (start < end && Character.isWhitespace(s.charAt(start))) {
            start++;
        }
        return TextRange.line(Math.min(line, Math.max(0, lines.length - 1)), start, end);
    }

    /** From (line, col) to the end of the token there: a word, a string or a bracketed array. */
    public TextRange tokenAt(int line, int col) {
        int[] start = skipBlank(line, col);
        int l = start[0];
        int c = start[1];
        String s = line(l);
        if (c >= s.length()) {
            return TextRange.line(l, Math.min(c, s.length()), s.length());
        }
        char ch = s.charAt(c);
        if (ch == '[' || ch == '{') {
            int[] end = matchBracket(l, c);
            return new TextRange(l, c, end[0], end[1]);
        }
        if (ch == '"' || ch == '\'') {
            int e = s.indexOf(ch, c + 1);
            return TextRange.line(l, c, e < 0 ? s.length() : e + 1);
        }
        int e = c;
        while (e < s.length() && ",]}#".indexOf(s.charAt(e)) < 0 && !Character.isWhitespace(s.charAt(e))) {
            e++;
        }
        return TextRange.line(l, c, Math.max(e, c + 1 <= s.length() ? c + 1 : c));
    }

    /** The value of the key starting at (line, col): the token after the '='. */
    public TextRange valueOfKeyAt(int line, int col) {
        String s = line(line);
        int eq = s.indexOf('=', col);
        if (eq < 0) {
            return lineRange(line);
        }
        return tokenAt(line, eq + 1);
    }

    /** The key itself, from (line, col) to before the '=' (trimmed). */
    public TextRange keyAt(int line, int col) {
        String s = line(line);
        int eq = s.indexOf('=', col);
        int end = eq < 0 ? s.length() : eq;
        while (end > col && Character.isWhitespace(s.charAt(end - 1))) {
            end--;
        }
        return TextRange.line(line, col, Math.max(end, col));
    }

    /** The first position at or after (line, col) that is not blank, a newline or a comment. */
    public int[] skipBlank(int line, int col) {
        int l = Math.max(0, line);
        int c = Math.max(0, col);
        while (l < lines.length) {
            String s = lines[l];
            while (c < s.length() && Character.isWhitespace(s.charAt(c))) {
                c++;
            }
            if (c < s.length() && s.charAt(c) != '#') {
                return new int[] {l, c};
            }
            if (l == lines.length - 1) {
                return new int[] {l, Math.min(c, s.length())};
            }
            l++;
            c = 0;
        }
        return new int[] {Math.max(0, lines.length - 1), 0};
    }

    /** Just past the bracket closing the one at (line, col); the document end if none does. */
    private int[] matchBracket(int line, int col) {
        int depth = 0;
        char quote = 0;
        for (int l = line; l < lines.length; l++) {
            String s = lines[l];
            for (int c = l == line ? col : 0; c < s.length(); c++) {
                char ch = s.charAt(c);
                if (quote != 0) {
                    if (ch == '\\' && quote == '"') {
                        c++;
                    } else if (ch == quote) {
                        quote = 0;
                    }
                } else if (ch == '"' || ch == '\'') {
                    quote = ch;
                } else if (ch == '#') {
                    break;
                } else if (ch == '[' || ch == '{') {
                    depth++;
                } else if (ch == ']' || ch == '}') {
                    depth--;
                    if (depth == 0) {
                        return new int[] {l, c + 1};
                    }
                }
            }
            quote = 0;
        }
        int last = lines.length - 1;
        return new int[] {last, lines[last].length()};
    }
}
