package dev.hvscope.plugin.dap;

import org.eclipse.lsp4j.debug.EvaluateArguments;
import org.eclipse.lsp4j.debug.EvaluateResponse;
import org.eclipse.lsp4j.debug.Variable;

/**
 * evaluate: {@code monitor CMD} goes to the stub ({@code qRcmd}) and returns what it printed;
 * a local of the top frame or a DWARF global ({@code exit_count}, {@code ctx.regs[1]}) is its typed value with children
 * ({@link GlobalExpression}); anything else is an {@link Expressions} expression ({@code $pc},
 * {@code *0x80000000}, ...).
 */
final class EvaluateHandler implements RequestHandler<EvaluateArguments, EvaluateResponse> {
    @Override
    public EvaluateResponse handle(EvaluateArguments args, DebugSession session) {
        Args.require(args, "evaluate");
        String expr = args.getExpression();
        if (expr == null || expr.isBlank()) {
            throw DapError.badArgs("evaluate needs an expression");
        }
        session.rsp();
        if (args.getFrameId() != null) {
            Frames.thread(session, args.getFrameId());
        }
        EvaluateResponse r = new EvaluateResponse();
        String t = expr.trim();
        if (t.equals("monitor") || t.startsWith("monitor ")) {
            r.setResult(session.rsp().monitor().run(t.substring("monitor".length()).trim()));
            return r;
        }
        Variable typed = LocalsScope.evaluate(session, t); // a local hides a global of the same name
        if (typed == null) {
            typed = GlobalExpression.evaluate(session, t);
        }
        if (typed != null) {
            r.setResult(typed.getValue());
            r.setType(typed.getType());
            r.setVariablesReference(typed.getVariablesReference());
            r.setNamedVariables(typed.getNamedVariables());
            r.setIndexedVariables(typed.getIndexedVariables());
            r.setMemoryReference(typed.getMemoryReference());
            return r;
        }
        long v = Expressions.evaluate(session, t);
        r.setResult(Addresses.hex64(v) + " (" + v + ")");
        r.setMemoryReference(Addresses.hex(v));
        return r;
    }
}
