package dev.hvscope.plugin.dap;

import java.util.Locale;

/**
 * {@code hvscope/setBreakpointMode}: the per-breakpoint pflash mode without a modes UI. It holds
 * for that breakpoint, and for the breakpoint at the same address when the client sends its kind
 * of breakpoints again without a mode (new ids); at a hit the mode is applied before the stop is
 * reported, as for a DAP breakpoint mode.
 */
final class SetBreakpointModeHandler implements RequestHandler<SetBreakpointModeArguments, SetBreakpointModeResult> {
    @Override
    public SetBreakpointModeResult handle(SetBreakpointModeArguments args, DebugSession session) {
        Args.require(args, "hvscope/setBreakpointMode");
        if (args.breakpointId == null || args.mode == null) {
            throw DapError.badArgs("hvscope/setBreakpointMode needs breakpointId and mode");
        }
        BreakpointModes.pflashMode(args.mode);   // throws on an unknown mode
        BreakpointTable.Entry e = session.breakpoints().setMode(args.breakpointId,
                args.mode.equals(BreakpointModes.PLAIN) ? null : args.mode);
        if (e == null) {
            throw DapError.badArgs("no breakpoint with id " + args.breakpointId);
        }
        SetBreakpointModeResult r = new SetBreakpointModeResult();
        r.breakpointId = e.id;
        r.mode = e.mode == null ? BreakpointModes.PLAIN : e.mode;
        r.kind = e.source.name().toLowerCase(Locale.ROOT);
        return r;
    }
}
