package dev.hvscope.core.debug;

/** What a watchpoint reacts to (GDB's Z2, Z3, Z4). */
public enum WatchKind {
    WRITE, READ, ACCESS
}
