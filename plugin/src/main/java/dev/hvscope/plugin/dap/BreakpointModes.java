package dev.hvscope.plugin.dap;

import org.eclipse.lsp4j.debug.BreakpointMode;
import org.eclipse.lsp4j.debug.BreakpointModeApplicability;

/** The DAP breakpoint modes (capability {@code breakpointModes}): plain, or a pflash mode applied on hit. */
final class BreakpointModes {
    static final String PLAIN = "plain";
    static final String PASSTHROUGH = "pflash-passthrough";
    static final String EMULATE = "pflash-emulate";

    private BreakpointModes() {
    }

    static BreakpointMode[] all() {
        return new BreakpointMode[] {
            mode(PLAIN, "plain", "Stop; leave the pflash mode alone"),
            mode(PASSTHROUGH, "pflash: passthrough", "On hit, switch the VM's pflash to passthrough, then stop"),
            mode(EMULATE, "pflash: emulate", "On hit, switch the VM's pflash to emulation, then stop"),
        };
    }

    private static BreakpointMode mode(String id, String label, String description) {
        BreakpointMode m = new BreakpointMode();
        m.setMode(id);
        m.setLabel(label);
        m.setDescription(description);
        m.setAppliesTo(new String[] {BreakpointModeApplicability.SOURCE, BreakpointModeApplicability.INSTRUCTION});
        return m;
    }

    /** "passthrough"/"emulate" for a pflash mode id, null for plain; bad ids are an error. */
    static String pflashMode(String id) {
        if (id == null || id.equals(PLAIN)) {
            return null;
        }
        if (id.equals(PASSTHROUGH)) {
            return "passthrough";
        }
        if (id.equals(EMULATE)) {
            return "emulate";
        }
        throw DapError.badArgs("unknown breakpoint mode '" + id + "'");
    }
}
