package dev.hvscope.plugin.dap;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Coalesces the guest console (which the stub forwards a byte at a time) into whole lines, so the
 * client gets one {@code output} event per line instead of one per character. A partial line (a
 * shell prompt) is passed on after a short idle time, or at once by {@link #flush()} at a stop.
 */
final class ConsoleLines {
    /** Long enough to gather a burst of bytes, short enough that a prompt appears at once to a person. */
    static final long IDLE_MILLIS = 50;

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "hvscope-console-flush");
        t.setDaemon(true);
        return t;
    });

    private final Consumer<String> sink;
    private final StringBuilder pending = new StringBuilder();
    private ScheduledFuture<?> idleFlush;

    ConsoleLines(Consumer<String> sink) {
        this.sink = sink;
    }

    /** Passes on every complete line in {@code text}; keeps the rest until newline, idle time or stop. */
    synchronized void append(String text) {
        pending.append(text);
        int end = pending.lastIndexOf("\n");
        if (end >= 0) {
            sink.accept(pending.substring(0, end + 1));
            pending.delete(0, end + 1);
        }
        if (idleFlush != null) {
            idleFlush.cancel(false);
            idleFlush = null;
        }
        if (pending.length() > 0) {
            idleFlush = TIMER.schedule(this::flush, IDLE_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** Passes on whatever is pending (called at a stop, so the prompt shows before the stopped event). */
    synchronized void flush() {
        if (idleFlush != null) {
            idleFlush.cancel(false);
            idleFlush = null;
        }
        if (pending.length() > 0) {
            String text = pending.toString();
            pending.setLength(0);
            sink.accept(text);
        }
    }
}
