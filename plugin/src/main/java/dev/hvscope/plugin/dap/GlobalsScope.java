package dev.hvscope.plugin.dap;

import dev.hvscope.plugin.dwarf.GlobalVariable;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.debug.Variable;

/**
 * The Globals scope: the DWARF global variables of the ELFs that apply at this stop (see
 * {@link GlobalIndex}), each typed and read through the current hart's view, with its address
 * as memoryReference and its name as evaluateName. Scalars can be set.
 */
final class GlobalsScope extends LazyScope {
    private final DebugSession session;
    private final long tid;

    GlobalsScope(DebugSession session, long tid) {
        this.session = session;
        this.tid = tid;
    }

    /** Whether any ELF that applies now has DWARF globals (reads their .debug_info once). */
    static boolean available(DebugSession session) {
        return !session.globals().current(session).isEmpty();
    }

    @Override
    List<Variable> read() {
        session.select(tid);
        TypedValue values = new TypedValue(session);
        List<Variable> out = new ArrayList<>();
        for (GlobalVariable g : session.globals().current(session)) {
            out.add(values.variable(g.name(), g.name(), g.type(), g.address(), null, 0));
        }
        return out;
    }

    @Override
    public String set(String name, String value) {
        GlobalVariable g = session.globals().find(session, name)
                .orElseThrow(() -> DapError.badArgs("no global '" + name + "'"));
        session.select(tid);
        return new TypedValue(session).set(g.type(), g.address(), value);
    }
}
