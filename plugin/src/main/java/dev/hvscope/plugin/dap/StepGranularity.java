package dev.hvscope.plugin.dap;

import org.eclipse.lsp4j.debug.SteppingGranularity;

/** The DAP stepping granularity: {@code instruction}, or by line ({@code line}, {@code statement}, or none given). */
final class StepGranularity {
    private StepGranularity() {
    }

    static boolean byLine(SteppingGranularity g) {
        return g != SteppingGranularity.INSTRUCTION;
    }
}
