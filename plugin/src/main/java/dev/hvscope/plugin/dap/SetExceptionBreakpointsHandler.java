package dev.hvscope.plugin.dap;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.debug.Breakpoint;
import org.eclipse.lsp4j.debug.ExceptionFilterOptions;
import org.eclipse.lsp4j.debug.SetExceptionBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetExceptionBreakpointsResponse;

/**
 * setExceptionBreakpoints: the VM exit filters. Accepted and remembered; they stop only with a
 * stub that reports VM exits (hvscope's extensions), so against others they come back unverified.
 */
final class SetExceptionBreakpointsHandler
        implements RequestHandler<SetExceptionBreakpointsArguments, SetExceptionBreakpointsResponse> {
    @Override
    public SetExceptionBreakpointsResponse handle(SetExceptionBreakpointsArguments args, DebugSession session) {
        Args.require(args, "setExceptionBreakpoints");
        List<String> ids = new ArrayList<>();
        if (args.getFilters() != null) {
            ids.addAll(List.of(args.getFilters()));
        }
        if (args.getFilterOptions() != null) {
            for (ExceptionFilterOptions o : args.getFilterOptions()) {
                ids.add(o.getFilterId());
            }
        }
        for (String id : ids) {
            if (!VmExitFilters.known(id)) {
                throw DapError.badArgs("unknown exception filter '" + id + "'");
            }
        }
        session.exceptionFilters().clear();
        session.exceptionFilters().addAll(ids);
        boolean live = session.connected() && !session.running() && session.rsp().supports("hvscope");
        Breakpoint[] out = new Breakpoint[ids.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = new Breakpoint();
            out[i].setVerified(live);
            if (!live) {
                out[i].setMessage("VM exit stops need a stub with hvscope's extensions");
            }
        }
        SetExceptionBreakpointsResponse r = new SetExceptionBreakpointsResponse();
        r.setBreakpoints(out);
        return r;
    }
}
