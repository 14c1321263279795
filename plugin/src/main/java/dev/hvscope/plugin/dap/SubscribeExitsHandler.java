package dev.hvscope.plugin.dap;

import java.util.LinkedHashSet;
import java.util.Set;

/** {@code hvscope/subscribeExits}: which VM exits send the {@code hvscope/vmExit} event (the run goes on). */
final class SubscribeExitsHandler implements RequestHandler<SubscribeExitsArguments, SubscribeExitsResult> {
    @Override
    public SubscribeExitsResult handle(SubscribeExitsArguments args, DebugSession session) {
        Args.require(args, "hvscope/subscribeExits");
        if (args.kinds == null) {
            throw DapError.badArgs("hvscope/subscribeExits needs kinds ([] to stop)");
        }
        Set<String> kinds = new LinkedHashSet<>();
        for (String k : args.kinds) {
            if (k == null || !VmExitFilters.known(k)) {
                throw DapError.badArgs("unknown VM exit kind '" + k + "'");
            }
            kinds.add(k);
        }
        session.rsp();   // connected and stopped: the catch goes to the stub now
        session.exitSubscriptions().set(kinds);
        session.exitFiltersChanged();
        SubscribeExitsResult r = new SubscribeExitsResult();
        r.kinds = kinds.toArray(new String[0]);
        r.via = ExitSubscriptions.byStub(session) ? "stub" : "trap-vectors";
        return r;
    }
}
