package dev.hvscope.plugin.dap;

import dev.hvscope.plugin.rspclient.BreakpointKind;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.debug.DataBreakpoint;
import org.eclipse.lsp4j.debug.DataBreakpointAccessType;
import org.eclipse.lsp4j.debug.SetDataBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetDataBreakpointsResponse;

/** setDataBreakpoints: watchpoints {@code Z2} (write), {@code Z3} (read), {@code Z4} (access) from data ids {@code ADDR/LEN}. */
final class SetDataBreakpointsHandler implements RequestHandler<SetDataBreakpointsArguments, SetDataBreakpointsResponse> {
    @Override
    public SetDataBreakpointsResponse handle(SetDataBreakpointsArguments args, DebugSession session) {
        Args.require(args, "setDataBreakpoints");
        if (args.getBreakpoints() == null) {
            throw DapError.badArgs("setDataBreakpoints needs breakpoints");
        }
        List<BreakpointTable.Entry> entries = new ArrayList<>();
        for (DataBreakpoint db : args.getBreakpoints()) {
            String id = db.getDataId();
            if (id == null || !id.contains("/")) {
                throw DapError.badArgs("bad dataId '" + id + "' (expected ADDR/LEN from dataBreakpointInfo)");
            }
            long addr = Addresses.parse(id.substring(0, id.indexOf('/')), false);
            int len = (int) Addresses.parse(id.substring(id.indexOf('/') + 1), false);
            HitCondition.check(db.getHitCondition());
            BreakpointKind kind = db.getAccessType() == DataBreakpointAccessType.READ ? BreakpointKind.READ_WATCH
                    : db.getAccessType() == DataBreakpointAccessType.READ_WRITE ? BreakpointKind.ACCESS_WATCH
                    : BreakpointKind.WRITE_WATCH;
            entries.add(new BreakpointTable.Entry(session.breakpoints().newId(), BreakpointTable.Source.DATA, addr, len,
                    kind, db.getCondition(), db.getHitCondition(), null, null));
        }
        BreakpointResults.apply(session, BreakpointTable.Source.DATA, entries);
        SetDataBreakpointsResponse r = new SetDataBreakpointsResponse();
        r.setBreakpoints(BreakpointResults.of(session, entries));
        return r;
    }
}
