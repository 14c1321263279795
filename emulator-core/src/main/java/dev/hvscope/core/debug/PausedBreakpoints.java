package dev.hvscope.core.debug;

import dev.hvscope.core.hart.DebugPort;
import java.util.function.Consumer;

/**
 * The breakpoint operations both debuggees share: every change to the set happens with the target
 * paused (so a run thread never sees half-changed decode caches) and then reaches every hart's port.
 */
final class PausedBreakpoints implements Breakpoints {
    private final BreakpointSet set;
    private final Consumer<Runnable> whilePaused;
    private final DebugPort[] ports;

    PausedBreakpoints(BreakpointSet set, Consumer<Runnable> whilePaused, DebugPort... ports) {
        this.set = set;
        this.whilePaused = whilePaused;
        this.ports = ports;
    }

    @Override
    public boolean insert(BreakpointKind kind, long address, int length) {
        change(() -> set.insert(kind, address, length));
        return true;
    }

    @Override
    public boolean remove(BreakpointKind kind, long address, int length) {
        boolean[] removed = new boolean[1];
        change(() -> removed[0] = set.remove(kind, address, length));
        return removed[0];
    }

    @Override
    public void removeAll() {
        change(set::clear);
    }

    private void change(Runnable edit) {
        whilePaused.accept(() -> {
            edit.run();
            set.apply(ports);
        });
    }
}
