package dev.hvscope.plugin.lsp.analysis;

/**
 * A range in a document: zero-based lines, zero-based columns in UTF-16 units (LSP's default),
 * end exclusive. The analysis speaks in these so it needs no editor protocol types.
 */
public record TextRange(int startLine, int startColumn, int endLine, int endColumn) {

    public static final TextRange START = new TextRange(0, 0, 0, 0);

    public static TextRange line(int line, int startColumn, int endColumn) {
        return new TextRange(line, startColumn, line, endColumn);
    }

    /** True when (line, column) lies inside, the end column included so a cursor after a token hits it. */
    public boolean contains(int line, int column) {
        if (line < startLine || line > endLine) {
            return false;
        }
        if (line == startLine && column < startColumn) {
            return false;
        }
        return line != endLine || column <= endColumn;
    }
}
