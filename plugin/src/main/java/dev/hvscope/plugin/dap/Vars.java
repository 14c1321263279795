package dev.hvscope.plugin.dap;

import java.util.List;
import java.util.function.Supplier;
import org.eclipse.lsp4j.debug.Variable;

/** Small builders for variables and fixed-list containers. */
final class Vars {
    private Vars() {
    }

    static Variable of(String name, String value) {
        return of(name, value, 0, null);
    }

    static Variable of(String name, String value, int ref, String evaluateName) {
        Variable v = new Variable();
        v.setName(name);
        v.setValue(value);
        v.setVariablesReference(ref);
        v.setEvaluateName(evaluateName);
        return v;
    }

    /** A child container registered in the store; the variable's reference points at it. */
    static Variable expandable(VariableStore store, String name, String value, VariableContainer c) {
        Variable v = of(name, value, store.add(c), null);
        if (c.indexed()) {
            v.setIndexedVariables(c.size());
        } else {
            v.setNamedVariables(c.size());
        }
        return v;
    }

    /** A container whose children come from a supplier, computed once. */
    static VariableContainer lazy(Supplier<List<Variable>> supplier) {
        return new VariableContainer() {
            private List<Variable> cached;

            private List<Variable> all() {
                if (cached == null) {
                    cached = supplier.get();
                }
                return cached;
            }

            @Override
            public int size() {
                return all().size();
            }

            @Override
            public List<Variable> variables(int start, int count) {
                List<Variable> a = all();
                int from = Math.min(start, a.size());
                return a.subList(from, Math.min(a.size(), from + count));
            }
        };
    }
}
