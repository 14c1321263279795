package dev.hvscope.plugin.vmconfig;

/** A place in a config file: 1-based line and column (as compilers and the LSP client show them). */
public record Position(int line, int column) {
    public static final Position START = new Position(1, 1);

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
