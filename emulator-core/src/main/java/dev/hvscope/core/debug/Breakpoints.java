package dev.hvscope.core.debug;

/**
 * Breakpoints and watchpoints kept by the emulator (no memory patching). Addresses are virtual in
 * the context the hart runs in when it gets there; a breakpoint matches in every mode.
 */
public interface Breakpoints {
    /** Adds one; false when the kind is not supported or the slot table is full. */
    boolean insert(BreakpointKind kind, long address, int length);

    /** Removes one; false when it was not set. */
    boolean remove(BreakpointKind kind, long address, int length);

    void removeAll();
}
