package dev.hvscope.plugin.dap;

/** Result of {@code hvscope/setBreakpointMode}: the breakpoint, its mode now, and its kind (line, function, instruction, data). */
public class SetBreakpointModeResult {
    public int breakpointId;
    public String mode;
    public String kind;
}
