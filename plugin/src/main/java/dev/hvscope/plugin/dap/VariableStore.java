package dev.hvscope.plugin.dap;

import java.util.ArrayList;
import java.util.List;

/** Variable references for one stop: handed out from 1, all dropped when the target resumes. */
final class VariableStore {
    private final List<VariableContainer> containers = new ArrayList<>();

    synchronized int add(VariableContainer c) {
        containers.add(c);
        return containers.size();
    }

    synchronized VariableContainer get(int ref) {
        if (ref < 1 || ref > containers.size()) {
            throw DapError.badArgs("unknown variablesReference " + ref + " (references expire when the target runs)");
        }
        return containers.get(ref - 1);
    }

    synchronized void clear() {
        containers.clear();
    }
}
