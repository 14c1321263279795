package dev.hvscope.plugin.dap;

import org.eclipse.lsp4j.debug.SetVariableArguments;
import org.eclipse.lsp4j.debug.SetVariableResponse;

/** setVariable: registers and CSRs (the value is an expression); the response is the value read back. */
final class SetVariableHandler implements RequestHandler<SetVariableArguments, SetVariableResponse> {
    @Override
    public SetVariableResponse handle(SetVariableArguments args, DebugSession session) {
        Args.require(args, "setVariable");
        session.rsp();
        if (args.getName() == null || args.getValue() == null) {
            throw DapError.badArgs("setVariable needs name and value");
        }
        VariableContainer c = session.variables().get(args.getVariablesReference());
        SetVariableResponse r = new SetVariableResponse();
        r.setValue(c.set(args.getName(), args.getValue()));
        return r;
    }
}
