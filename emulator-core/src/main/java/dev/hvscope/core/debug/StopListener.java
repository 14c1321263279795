package dev.hvscope.core.debug;

/** Told when a resumed target stops; called on the target's run thread. */
@FunctionalInterface
public interface StopListener {
    void stopped(StopEvent event);
}
