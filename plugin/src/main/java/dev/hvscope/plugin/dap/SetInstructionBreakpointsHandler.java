package dev.hvscope.plugin.dap;

import dev.hvscope.plugin.rspclient.BreakpointKind;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.debug.InstructionBreakpoint;
import org.eclipse.lsp4j.debug.SetInstructionBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetInstructionBreakpointsResponse;

/** setInstructionBreakpoints: instructionReference + offset, with condition, hit condition and a breakpoint mode. */
final class SetInstructionBreakpointsHandler
        implements RequestHandler<SetInstructionBreakpointsArguments, SetInstructionBreakpointsResponse> {
    @Override
    public SetInstructionBreakpointsResponse handle(SetInstructionBreakpointsArguments args, DebugSession session) {
        Args.require(args, "setInstructionBreakpoints");
        if (args.getBreakpoints() == null) {
            throw DapError.badArgs("setInstructionBreakpoints needs breakpoints");
        }
        List<BreakpointTable.Entry> entries = new ArrayList<>();
        for (InstructionBreakpoint ib : args.getBreakpoints()) {
            HitCondition.check(ib.getHitCondition());
            BreakpointModes.pflashMode(ib.getMode());
            long addr = Addresses.memoryReference(ib.getInstructionReference())
                    + (ib.getOffset() == null ? 0 : ib.getOffset());
            entries.add(new BreakpointTable.Entry(session.breakpoints().newId(), BreakpointTable.Source.INSTRUCTION,
                    addr, 4, BreakpointKind.SOFTWARE, ib.getCondition(), ib.getHitCondition(), null, ib.getMode()));
        }
        BreakpointResults.apply(session, BreakpointTable.Source.INSTRUCTION, entries);
        SetInstructionBreakpointsResponse r = new SetInstructionBreakpointsResponse();
        r.setBreakpoints(BreakpointResults.of(session, entries));
        return r;
    }
}
