package dev.hvscope.plugin.dap;

import dev.hvscope.core.isa.RegNames;
import dev.hvscope.plugin.rspclient.RegisterInfo;
import dev.hvscope.plugin.rspclient.RspClient;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.debug.Variable;

/** The Registers scope: x0-x31 named {@code x1 (ra)}, pc, and f0-f31 when the target has an FPU. */
final class RegistersScope extends LazyScope {
    private final DebugSession session;
    private final long tid;

    RegistersScope(DebugSession session, long tid) {
        this.session = session;
        this.tid = tid;
    }

    @Override
    List<Variable> read() {
        session.select(tid);
        RspClient rsp = session.rsp();
        List<Variable> out = new ArrayList<>();
        long[] g = rsp.registers().readGeneral();
        for (int i = 0; i < 32 && i < g.length; i++) {
            out.add(Vars.of("x" + i + " (" + RegNames.x(i) + ")", Addresses.hex64(g[i]), 0, "$" + RegNames.x(i)));
        }
        long pc = g.length > 32 ? g[32] : rsp.registers().read("pc");
        String sym = session.symbols().at(pc);
        out.add(Vars.of("pc", Addresses.hex64(pc) + (sym == null ? "" : " <" + sym + ">"), 0, "$pc"));
        for (int i = 0; i < 32; i++) {
            RegisterInfo f = rsp.registers().description().get(RegNames.f(i));
            if (f != null) {
                out.add(Vars.of("f" + i + " (" + RegNames.f(i) + ")", Addresses.hex64(rsp.registers().read(f)), 0,
                        "$" + RegNames.f(i)));
            }
        }
        return out;
    }


    @Override
    public String set(String name, String value) {
        String reg = name.contains("(") ? name.substring(name.indexOf('(') + 1, name.indexOf(')')) : name;
        return RegisterWrite.write(session, tid, reg, value);
    }
}
