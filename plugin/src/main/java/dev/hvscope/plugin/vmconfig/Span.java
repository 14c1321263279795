package dev.hvscope.plugin.vmconfig;

/** A stretch of a config file from {@code start} up to {@code end} (exclusive), in {@link Position}s. */
public record Span(Position start, Position end) {
    public static final Span START = new Span(Position.START, Position.START);

    public static Span on(int line, int startColumn, int endColumn) {
        return new Span(new Position(line, startColumn), new Position(line, endColumn));
    }

    /** True when the position lies inside, the end included so a cursor just after a token hits it. */
    public boolean contains(Position p) {
        if (p.line() < start.line() || p.line() > end.line()) {
            return false;
        }
        if (p.line() == start.line() && p.column() < start.column()) {
            return false;
        }
        return p.line() != end.line() || p.column() <= end.column();
    }
}
