package dev.hvscope.core.debug;

import java.util.function.Supplier;

/**
 * The run/stop state both debuggees share: at most one run thread, the last stop, waiting for a
 * stop, and quiet pauses (a running target stopped to change breakpoints, then resumed, with no
 * stop event, so the run thread never sees half-changed caches).
 */
final class RunState {
    private final Object lock = new Object();
    private boolean running;
    /** The current run is being paused to change breakpoints: its stop goes to no listener. */
    private boolean quietStop;
    private StopEvent lastStop = StopEvent.of(StopReason.ATTACHED, 0);
    private volatile StopListener listener = e -> { };

    void setListener(StopListener l) {
        listener = l == null ? e -> { } : l;
    }

    /**
     * Starts {@code loop} on a daemon thread and reports the stop it returns (a RuntimeException
     * counts as an interrupted stop); false when a run is already going.
     */
    boolean start(String threadName, Supplier<StopEvent> loop) {
        synchronized (lock) {
            if (running) {
                return false;
            }
            running = true;
        }
        Thread t = new Thread(() -> {
            StopEvent ev;
            try {
                ev = loop.get();
            } catch (RuntimeException e) {
                ev = StopEvent.of(StopReason.INTERRUPTED, 0);
            }
            finish(ev);
        }, threadName);
        t.setDaemon(true);
        t.start();
        return true;
    }

    private void finish(StopEvent ev) {
        boolean notify;
        synchronized (lock) {
            running = false;
            notify = !quietStop;
            quietStop = false;
            lastStop = ev;
            lock.notifyAll();
        }
        if (notify) {
            listener.stopped(ev);
        }
    }

    /** Runs {@code change} with the target stopped: a running one is interrupted quietly, then resumed. */
    void whilePaused(Runnable interrupt, Runnable change, Runnable resume) {
        boolean wasRunning;
        synchronized (lock) {
            wasRunning = running;
            if (wasRunning) {
                quietStop = true;
            }
        }
        if (wasRunning) {
            interrupt.run();
            try {
                awaitStopped(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        change.run();
        if (wasRunning) {
            resume.run();
        }
    }

    /** Throws when the target runs (steps and register writes need it stopped). */
    void requireStopped() {
        synchronized (lock) {
            if (running) {
                throw new IllegalStateException("target is running");
            }
        }
    }

    /** Records a stop that happened without a run thread (a step). */
    StopEvent record(StopEvent ev) {
        synchronized (lock) {
            lastStop = ev;
        }
        return ev;
    }

    boolean isRunning() {
        synchronized (lock) {
            return running;
        }
    }

    StopEvent lastStop() {
        synchronized (lock) {
            return lastStop;
        }
    }

    boolean awaitStopped(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        synchronized (lock) {
            while (running) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return false;
                }
                lock.wait(left);
            }
            return true;
        }
    }
}
