package dev.hvscope.plugin.jsonrpc;

import java.io.PrintStream;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Where lsp4j and the message reader report bad input: one line per record on stderr (the cause's
 * class and message, never its stack), at most {@link #PER_SECOND} lines a second; what a flood
 * drops is counted and said in one line once lines are allowed again. lsp4j logs through
 * java.util.logging with full stack traces, which thousands of malformed messages would turn into
 * hundreds of thousands of lines.
 */
public final class OneLineLog extends Handler {
    static final int PER_SECOND = 10;
    /** Held strongly: JUL forgets a logger's settings once nothing references it. */
    private static final List<Logger> QUIETED = List.of(
            Logger.getLogger("org.eclipse.lsp4j"),
            Logger.getLogger(OneLineLog.class.getPackageName()));

    static {
        OneLineLog handler = new OneLineLog(System.err);
        for (Logger log : QUIETED) {
            log.setUseParentHandlers(false);
            for (Handler h : log.getHandlers()) {
                log.removeHandler(h);
            }
            log.addHandler(handler);
        }
    }

    private final PrintStream out;
    private long windowStart = Long.MIN_VALUE;
    private int inWindow;
    private long suppressed;

    OneLineLog(PrintStream out) {
        this.out = out;
    }

    /** Routes lsp4j's loggers and ours here (once; later calls do nothing). */
    public static void install() {
        // the static initializer did the work
    }

    @Override
    public synchronized void publish(LogRecord record) {
        if (record == null || !isLoggable(record)) {
            return;
        }
        long now = System.nanoTime();
        if (windowStart == Long.MIN_VALUE || now - windowStart >= 1_000_000_000L) {
            windowStart = now;
            inWindow = 0;
        }
        if (inWindow >= PER_SECOND) {
            suppressed++;
            return;
        }
        inWindow++;
        if (suppressed > 0) {
            out.println("hvscope: " + suppressed + " similar messages suppressed");
            suppressed = 0;
            inWindow++;
        }
        out.println(line(record));
    }

    /** {@code hvscope <level>: <message>[: <cause>]} on one line. */
    static String line(LogRecord record) {
        StringBuilder sb = new StringBuilder("hvscope ");
        sb.append(record.getLevel() == Level.SEVERE ? "error" : record.getLevel().getName().toLowerCase());
        sb.append(": ").append(record.getMessage() == null ? "" : record.getMessage());
        Throwable cause = record.getThrown();
        if (cause != null && (record.getMessage() == null || !record.getMessage().contains(String.valueOf(cause.getMessage())))) {
            sb.append(": ").append(cause.getClass().getSimpleName());
            if (cause.getMessage() != null) {
                sb.append(' ').append(cause.getMessage());
            }
        }
        return firstLine(sb.toString(), 300);
    }

    private static String firstLine(String s, int max) {
        int nl = s.indexOf('\n');
        String one = nl < 0 ? s : s.substring(0, nl) + " ...";
        return one.length() <= max ? one : one.substring(0, max) + " ...";
    }

    @Override
    public void flush() {
        out.flush();
    }

    @Override
    public void close() {
        flush();
    }
}
