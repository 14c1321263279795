package dev.hvscope.plugin.dap;

import java.util.List;
import org.eclipse.lsp4j.debug.Variable;

/**
 * Something with a variablesReference: a scope or an expandable value. Children are computed
 * when first asked for; {@link #indexed} containers are paged by the client (start/count), so a
 * table of a quarter million entries costs only the page shown.
 */
interface VariableContainer {
    /** Number of children. */
    int size();

    /** Children [start, start+count). */
    List<Variable> variables(int start, int count);

    /** Whether the client should page the children (indexedVariables). */
    default boolean indexed() {
        return false;
    }

    /** Sets a child; returns its new value text. */
    default String set(String name, String value) {
        throw DapError.state("'" + name + "' cannot be set");
    }
}
