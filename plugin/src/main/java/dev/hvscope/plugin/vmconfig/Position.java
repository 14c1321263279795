package dev.hvscope.plugin.vmconfig;

/**
 * A place in a config file: 1-based line and 1-based column, the column counted in Unicode code
 * points (characters as a reader counts them, and as tomlj reports them). An emoji is one column
 * here, two UTF-16 units for an LSP client: the language server converts (see lsp.PositionEncoding).
 */
public record Position(int line, int column) {
    public static final Position START = new Position(1, 1);

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
