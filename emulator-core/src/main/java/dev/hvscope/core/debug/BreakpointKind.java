package dev.hvscope.core.debug;

/** GDB's Z packet types 0-4. */
public enum BreakpointKind {
    SOFTWARE, HARDWARE, WRITE_WATCH, READ_WATCH, ACCESS_WATCH;

    public boolean isWatchpoint() {
        return ordinal() >= 2;
    }

    public WatchKind watchKind() {
        switch (this) {
            case WRITE_WATCH: return WatchKind.WRITE;
            case READ_WATCH: return WatchKind.READ;
            case ACCESS_WATCH: return WatchKind.ACCESS;
            default: return null;
        }
    }
}
