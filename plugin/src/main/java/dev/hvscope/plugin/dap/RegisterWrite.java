package dev.hvscope.plugin.dap;

import dev.hvscope.plugin.rspclient.RegisterInfo;

/** setVariable on a register: the value is an expression; writes it and reads it back (WARL CSRs may differ). */
final class RegisterWrite {
    private RegisterWrite() {
    }

    static String write(DebugSession session, long tid, String register, String valueExpr) {
        long v = Expressions.evaluate(session, valueExpr);
        RegisterInfo r = Expressions.register(session, register);
        session.select(tid);
        session.rsp().registers().write(r, v);
        return Addresses.hex64(session.rsp().registers().read(r));
    }
}
