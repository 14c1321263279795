package dev.hvscope.plugin.vmconfig;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * The config's text as lines, with the little lexing needed to turn tomlj's start positions into
 * spans: skip blanks and comments, find where a value ends (matching brackets and quotes), find a
 * key's value after its '=', find table headers. Works on half-typed text. Lines are 0-based and
 * columns Java string indices inside; what it hands out is {@link Position}s (1-based, code points).
 */
public final class ConfigText {
    private final String[] lines;
    private List<Header> headers;

    /** A table header line (0-based), {@code [devices.pflash]} → name "devices.pflash"; array tables too. */
    public record Header(int line, String name, boolean arrayTable) {
    }

    public ConfigText(String text) {
        this.lines = text.split("\r?\n|\r", -1);
    }

    public int lineCount() {
        return lines.length;
    }

    /** A line by 0-based index, "" past the end. */
    public String line(int line) {
        return line >= 0 && line < lines.length ? lines[line] : "";
    }

    // ---- positions: string index ⇄ code-point column ----

    /** The position of string index {@code index} on 0-based {@code line}. */
    public Position position(int line, int index) {
        String s = line(line);
        int i = Math.max(0, Math.min(index, s.length()));
        return new Position(line + 1, s.codePointCount(0, i) + 1);
    }

    /** The string index of a position on its line (clamped to the line). */
    public int index(Position p) {
        String s = line(p.line() - 1);
        int cps = s.codePointCount(0, s.length());
        return s.offsetByCodePoints(0, Math.max(0, Math.min(p.column() - 1, cps)));
    }

    private Span span(int line, int from, int endLine, int to) {
        return new Span(position(line, from), position(endLine, to));
    }

    // ---- tables ----

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
            depth += bracketBalance(s);
        }
        headers = List.copyOf(found);
        return headers;
    }

    /** Opened minus closed brackets on a line, outside strings and comments. */
    private static int bracketBalance(String s) {
        int[] depth = {0};
        scan(s, 0, c -> {
            char ch = s.charAt(c);
            depth[0] += ch == '[' || ch == '{' ? 1 : ch == ']' || ch == '}' ? -1 : 0;
            return true;
        });
        return depth[0];
    }

    /**
     * Visits the structural characters of a line from string index {@code from} — brackets, braces
     * and commas outside strings and comments — until the visitor answers false.
     *
     * @return the index where the visitor stopped, or -1
     */
    public static int scan(String s, int from, IntPredicate visitor) {
        char quote = 0;
        for (int c = Math.max(0, from); c < s.length(); c++) {
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
            } else if ("[]{},".indexOf(ch) >= 0 && !visitor.test(c)) {
                return c;
            }
        }
        return -1;
    }

    /** The header of a table by name, or null. */
    public Header header(String name) {
        for (Header h : headers()) {
            if (h.name().equals(name)) {
                return h;
            }
        }
        return null;
    }

    /** The table a 0-based line belongs to: the last header at or before it ("" before any header). */
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

    /** A table from its header to its last non-blank line. */
    public Span tableSpan(int headerLine) {
        int end = tableEndLine(headerLine);
        return span(headerLine, 0, end, line(end).length());
    }

    // ---- spans of tokens ----

    /** The whole of a 0-based line without surrounding blanks. */
    public Span lineSpan(int line) {
        int l = Math.min(Math.max(line, 0), Math.max(0, lines.length - 1));
        String s = line(l);
        int end = s.length();
        while (end > 0 && Character.isWhitespace(s.charAt(end - 1))) {
            end--;
        }
        int start = 0;
        while (start < end && Character.isWhitespace(s.charAt(start))) {
            start++;
        }
        return span(l, start, l, end);
    }

    /** From p (blanks and comments skipped) to the end of the token there: a word, a string or a bracketed array. */
    public Span tokenAt(Position p) {
        return tokenAt(p.line() - 1, index(p));
    }

    private Span tokenAt(int line, int col) {
        int[] start = skipBlank(line, col);
        int l = start[0];
        int c = start[1];
        String s = line(l);
        if (c >= s.length()) {
            return span(l, Math.min(c, s.length()), l, s.length());
        }
        char ch = s.charAt(c);
        if (ch == '[' || ch == '{') {
            int[] end = matchBracket(l, c);
            return span(l, c, end[0], end[1]);
        }
        if (ch == '"' || ch == '\'') {
            int e = s.indexOf(ch, c + 1);
            return span(l, c, l, e < 0 ? s.length() : e + 1);
        }
        int e = c;
        while (e < s.length() && ",]}#".indexOf(s.charAt(e)) < 0 && !Character.isWhitespace(s.charAt(e))) {
            e++;
        }
        return span(l, c, l, Math.max(e, Math.min(c + 1, s.length())));
    }

    /** The value of the key starting at p: the token after the '='; a header line as a whole. */
    public Span valueOfKeyAt(Position p) {
        int line = p.line() - 1;
        String s = line(line);
        if (s.trim().startsWith("[")) {
            return lineSpan(line);
        }
        int eq = s.indexOf('=', index(p));
        return eq < 0 ? lineSpan(line) : tokenAt(line, eq + 1);
    }

    /** The key starting at p, up to before the '=' (trimmed); a header line as a whole. */
    public Span keyAt(Position p) {
        int line = p.line() - 1;
        String s = line(line);
        if (s.trim().startsWith("[")) {
            return lineSpan(line);
        }
        int col = index(p);
        int eq = s.indexOf('=', col);
        int end = eq < 0 ? s.length() : eq;
        while (end > col && Character.isWhitespace(s.charAt(end - 1))) {
            end--;
        }
        return span(line, col, line, Math.max(end, col));
    }

    /** Where a TOML syntax error points: the token there, or the line's last character at its end. */
    public Span errorAt(Position p) {
        int line = Math.max(0, p.line() - 1);
        String s = line(line);
        int col = index(new Position(line + 1, Math.max(1, p.column())));
        if (col >= s.length()) {
            // "unexpected end of line": mark the line's last character
            return span(line, Math.max(0, s.length() - 1), line, s.length());
        }
        Span t = tokenAt(line, col);
        Position from = position(line, col);
        return t.start().line() - 1 == line && t.end().line() - 1 == line ? new Span(from, t.end())
                : new Span(from, position(line, s.length()));
    }

    /** The first place at or after (line, col) that is not blank, a newline or a comment. */
    private int[] skipBlank(int line, int col) {
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
        int[] depth = {0};
        for (int l = line; l < lines.length; l++) {
            String s = lines[l];
            int close = scan(s, l == line ? col : 0, c -> {
                char ch = s.charAt(c);
                depth[0] += ch == '[' || ch == '{' ? 1 : ch == ']' || ch == '}' ? -1 : 0;
                return depth[0] != 0;
            });
            if (close >= 0) {
                return new int[] {l, close + 1};
            }
        }
        int last = lines.length - 1;
        return new int[] {last, lines[last].length()};
    }
}
