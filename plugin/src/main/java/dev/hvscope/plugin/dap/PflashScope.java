package dev.hvscope.plugin.dap;

import java.util.List;
import org.eclipse.lsp4j.debug.Variable;

/**
 * The hosted hypervisor's pflash policy, through hvscope's {@code monitor pflash}: one settable
 * variable, {@code mode} (passthrough / emulate). Setting it switches the live VM at once: the
 * pflash pages are unmapped and the next guest access exits again under the new mode.
 */
final class PflashScope implements VariableContainer {
    private static final String PREFIX = "pflash mode: ";
    private final DebugSession session;

    private PflashScope(DebugSession session) {
        this.session = session;
    }

    /** The scope when the stub is hvscope's and runs a hosted VM, else null. */
    static PflashScope ifAvailable(DebugSession session) {
        return mode(session) == null ? null : new PflashScope(session);
    }

    /** The hosted VM's pflash mode through hvscope's monitor, or null when there is none (full system, other stubs). */
    static String mode(DebugSession session) {
        if (!session.rsp().supports(ExitLogScope.FEATURE)) {
            return null;
        }
        String reply = session.rsp().monitor().run("pflash").strip();
        return reply.startsWith(PREFIX) ? reply.substring(PREFIX.length()).strip() : null;
    }

    @Override
    public int size() {
        return 1;
    }

    @Override
    public List<Variable> variables(int start, int count) {
        return start == 0 && count > 0 ? List.of(Vars.of("mode", mode(session))) : List.of();
    }

    @Override
    public String set(String name, String value) {
        String mode = value.strip().toLowerCase(java.util.Locale.ROOT);
        if (!name.equals("mode") || !(mode.equals("passthrough") || mode.equals("emulate"))) {
            throw DapError.badArgs("pflash: set 'mode' to passthrough or emulate");
        }
        session.rsp().monitor().run("pflash " + mode);
        return mode(session);
    }
}
