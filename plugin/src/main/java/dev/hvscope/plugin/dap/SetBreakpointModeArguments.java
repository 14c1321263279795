package dev.hvscope.plugin.dap;

/**
 * Arguments of {@code hvscope/setBreakpointMode}: the {@code breakpointId} a set*Breakpoints
 * response gave, and the {@code mode}: {@code pflash-passthrough}, {@code pflash-emulate} or
 * {@code plain} (the DAP breakpoint mode ids), for clients without a breakpoint modes UI.
 */
public class SetBreakpointModeArguments {
    public Integer breakpointId;
    public String mode;
}
