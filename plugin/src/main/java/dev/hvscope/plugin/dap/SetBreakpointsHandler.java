package dev.hvscope.plugin.dap;

import dev.hvscope.plugin.rspclient.BreakpointKind;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.debug.SetBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetBreakpointsResponse;
import org.eclipse.lsp4j.debug.SourceBreakpoint;

/**
 * setBreakpoints (source lines). Without a DWARF line-table reader yet, every line breakpoint is
 * answered unverified with that reason; modes, conditions and log messages are still checked.
 */
final class SetBreakpointsHandler implements RequestHandler<SetBreakpointsArguments, SetBreakpointsResponse> {
    @Override
    public SetBreakpointsResponse handle(SetBreakpointsArguments args, DebugSession session) {
        Args.require(args, "setBreakpoints");
        if (args.getSource() == null) {
            throw DapError.badArgs("setBreakpoints needs source");
        }
        List<BreakpointTable.Entry> entries = new ArrayList<>();
        SourceBreakpoint[] bps = args.getBreakpoints() == null ? new SourceBreakpoint[0] : args.getBreakpoints();
        for (SourceBreakpoint sb : bps) {
            HitCondition.check(sb.getHitCondition());
            BreakpointModes.pflashMode(sb.getMode());
            BreakpointTable.Entry e = new BreakpointTable.Entry(session.breakpoints().newId(), BreakpointTable.Source.LINE,
                    -1, 4, BreakpointKind.SOFTWARE, sb.getCondition(), sb.getHitCondition(), sb.getLogMessage(), sb.getMode());
            e.verified = false;
            e.message = "source lines need the DWARF line tables, not read yet: use a function or instruction breakpoint";
            entries.add(e);
        }
        BreakpointResults.apply(session, BreakpointTable.Source.LINE, entries);
        SetBreakpointsResponse r = new SetBreakpointsResponse();
        r.setBreakpoints(BreakpointResults.of(session, entries));
        return r;
    }
}
