package dev.hvscope.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Writer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A writer that tests wait on: every write wakes {@link #await}, so a test waits for a line a
 * command prints (its stub's listening line) without polling, up to a deadline; closing it (the
 * command ended) ends the wait at once.
 */
final class WatchedWriter extends Writer {
    private final StringBuilder text = new StringBuilder();
    private boolean closed;

    @Override
    public synchronized void write(char[] chars, int off, int len) {
        text.append(chars, off, len);
        notifyAll();
    }

    @Override
    public void flush() {
    }

    /** Nothing more will be written (the command returned). */
    @Override
    public synchronized void close() {
        closed = true;
        notifyAll();
    }

    @Override
    public synchronized String toString() {
        return text.toString();
    }

    /** Waits until {@code pattern} occurs in what was written; fails at the deadline or when closed without it. */
    synchronized Matcher await(Pattern pattern, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (true) {
            Matcher m = pattern.matcher(text);
            if (m.find()) {
                return m;
            }
            long left = deadline - System.nanoTime();
            assertTrue(left > 0 && !closed, "never written: " + pattern + "\n" + text);
            wait(Math.max(1, left / 1_000_000L));
        }
    }
}
