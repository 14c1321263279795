package dev.hvscope.plugin.dap;

import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.lsp4j.debug.Breakpoint;
import org.eclipse.lsp4j.debug.ExceptionFilterOptions;
import org.eclipse.lsp4j.debug.SetExceptionBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetExceptionBreakpointsResponse;

/**
 * setExceptionBreakpoints: the VM exit filters, with an optional address-range condition each.
 * Armed as hidden breakpoints on the trap vectors (see {@link DebugSession#setExitFilters}).
 */
final class SetExceptionBreakpointsHandler
        implements RequestHandler<SetExceptionBreakpointsArguments, SetExceptionBreakpointsResponse> {
    @Override
    public SetExceptionBreakpointsResponse handle(SetExceptionBreakpointsArguments args, DebugSession session) {
        Args.require(args, "setExceptionBreakpoints");
        Map<String, String> filters = new LinkedHashMap<>();
        if (args.getFilters() != null) {
            for (String id : args.getFilters()) {
                filters.put(id, null);
            }
        }
        if (args.getFilterOptions() != null) {
            for (ExceptionFilterOptions o : args.getFilterOptions()) {
                filters.put(o.getFilterId(), o.getCondition());
                if (o.getCondition() != null) {
                    VmExitClassifier.inRange(o.getCondition(), 0); // throws on a malformed range
                }
            }
        }
        for (String id : filters.keySet()) {
            if (!VmExitFilters.known(id)) {
                throw DapError.badArgs("unknown exception filter '" + id + "'");
            }
        }
        session.setExitFilters(filters);
        Breakpoint[] out = new Breakpoint[filters.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = new Breakpoint();
            out[i].setVerified(session.connected());
            out[i].setMessage(session.connected() ? "stops at the trap vectors (stvec, mtvec), classified on the client"
                    : "pending: armed when connected");
        }
        SetExceptionBreakpointsResponse r = new SetExceptionBreakpointsResponse();
        r.setBreakpoints(out);
        return r;
    }
}
