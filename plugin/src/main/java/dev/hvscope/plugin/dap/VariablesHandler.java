package dev.hvscope.plugin.dap;

import java.util.List;
import org.eclipse.lsp4j.debug.Variable;
import org.eclipse.lsp4j.debug.VariablesArguments;
import org.eclipse.lsp4j.debug.VariablesResponse;

/** variables: the children of a reference, paged by start/count. */
final class VariablesHandler implements RequestHandler<VariablesArguments, VariablesResponse> {
    @Override
    public VariablesResponse handle(VariablesArguments args, DebugSession session) {
        Args.require(args, "variables");
        session.rsp();
        VariableContainer c = session.variables().get(args.getVariablesReference());
        int start = args.getStart() == null ? 0 : Math.max(0, args.getStart());
        int count = args.getCount() == null || args.getCount() <= 0 ? Integer.MAX_VALUE - start : args.getCount();
        List<Variable> vars = c.variables(start, count);
        VariablesResponse r = new VariablesResponse();
        r.setVariables(vars.toArray(new Variable[0]));
        return r;
    }
}
