package dev.hvscope.core.debug;

/** Why the target stopped. */
public enum StopReason {
    /** Attached or waiting for the debugger (-S): nothing ran yet. */
    ATTACHED,
    SOFTWARE_BREAKPOINT,
    HARDWARE_BREAKPOINT,
    WATCHPOINT,
    /** A single step completed (a trap taken during the step counts as the step). */
    STEP,
    /** A caught VM exit: a trap from V=1 into HS or M (full-system) or a VmExit (hosted). */
    VM_EXIT,
    /** The machine powered off; {@link StopEvent#exitStatus()} says how. */
    HALTED,
    /** A stop request (gdb's Ctrl-C). */
    INTERRUPTED
}
