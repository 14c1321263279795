package dev.hvscope.core.debug;

/**
 * One stop of the target.
 *
 * @param thread      index of the hart/vCPU that caused the stop (0 for machine-wide stops)
 * @param address     watchpoint: the watched address accessed; breakpoint: the pc
 * @param watchKind   watchpoint kind, null otherwise
 * @param exit        the VM exit that was caught, null otherwise
 * @param exitStatus  HALTED: the machine's exit status
 */
public record StopEvent(StopReason reason, int thread, long address, WatchKind watchKind, VmExitRecord exit,
                        int exitStatus) {
    public static StopEvent of(StopReason reason, int thread) {
        return new StopEvent(reason, thread, 0, null, null, 0);
    }
}
