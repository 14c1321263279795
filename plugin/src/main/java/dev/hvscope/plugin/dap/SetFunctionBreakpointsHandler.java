package dev.hvscope.plugin.dap;

import dev.hvscope.plugin.rspclient.BreakpointKind;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.eclipse.lsp4j.debug.FunctionBreakpoint;
import org.eclipse.lsp4j.debug.SetFunctionBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetFunctionBreakpointsResponse;

/** setFunctionBreakpoints: ELF symbols (or {@code *0xaddr}), with condition and hit condition. */
final class SetFunctionBreakpointsHandler
        implements RequestHandler<SetFunctionBreakpointsArguments, SetFunctionBreakpointsResponse> {
    @Override
    public SetFunctionBreakpointsResponse handle(SetFunctionBreakpointsArguments args, DebugSession session) {
        Args.require(args, "setFunctionBreakpoints");
        if (args.getBreakpoints() == null) {
            throw DapError.badArgs("setFunctionBreakpoints needs breakpoints");
        }
        List<BreakpointTable.Entry> entries = new ArrayList<>();
        for (FunctionBreakpoint fb : args.getBreakpoints()) {
            HitCondition.check(fb.getHitCondition());
            long addr = resolve(session, fb.getName());
            BreakpointTable.Entry e = new BreakpointTable.Entry(session.breakpoints().newId(),
                    BreakpointTable.Source.FUNCTION, addr, 4, BreakpointKind.SOFTWARE, fb.getCondition(),
                    fb.getHitCondition(), null, null);
            if (addr == -1) {
                e.verified = false;
                e.message = "no symbol '" + fb.getName() + "' in the loaded ELFs";
            }
            entries.add(e);
        }
        BreakpointResults.apply(session, BreakpointTable.Source.FUNCTION, entries);
        SetFunctionBreakpointsResponse r = new SetFunctionBreakpointsResponse();
        r.setBreakpoints(BreakpointResults.of(session, entries));
        return r;
    }

    private static long resolve(DebugSession session, String name) {
        if (name == null || name.isBlank()) {
            return -1;
        }
        String n = name.trim();
        if (n.startsWith("*")) {
            return Addresses.parse(n.substring(1), false);
        }
        OptionalLong a = session.symbols().address(n);
        return a.isPresent() ? a.getAsLong() : -1;
    }
}
