package dev.hvscope.core.hart;

/**
 * Unwinds from an instruction to the run loop when it raises a synchronous exception. The cause and
 * trap values live in the hart's pending-trap fields; one stackless instance per hart, so raising
 * allocates nothing.
 */
public final class TrapException extends RuntimeException {
    TrapException() {
        super("trap", null, false, false);
    }
}
