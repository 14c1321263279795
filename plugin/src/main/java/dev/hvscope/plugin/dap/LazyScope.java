package dev.hvscope.plugin.dap;

import java.util.List;
import org.eclipse.lsp4j.debug.Variable;

/** A container whose children are read from the target once, when the client first asks. */
abstract class LazyScope implements VariableContainer {
    private final VariableContainer values = Vars.lazy(this::read);

    /** Reads every child from the target (called at most once). */
    abstract List<Variable> read();

    @Override
    public int size() {
        return values.size();
    }

    @Override
    public List<Variable> variables(int start, int count) {
        return values.variables(start, count);
    }
}
