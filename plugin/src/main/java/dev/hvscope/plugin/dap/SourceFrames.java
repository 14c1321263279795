package dev.hvscope.plugin.dap;

import dev.hvscope.plugin.dwarf.SourceLocation;
import java.util.Optional;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.StackFrame;

/**
 * A stack frame's source, line and column from the line tables of the ELFs that apply at the stop;
 * with host and guest ELFs loaded, its name from the symbols of those ELFs too.
 */
final class SourceFrames {
    private SourceFrames() {
    }

    static void fill(DebugSession session, StackFrame f, long pc) {
        if (session.sourceLines().mixed()) {
            String sym = session.sourceLines().symbolAt(session, pc);
            if (sym != null) {
                f.setName(sym);
            }
        }
        Optional<SourceLocation> at = session.sourceLines().lineAt(session, pc);
        if (at.isEmpty()) {
            return;
        }
        Source s = new Source();
        s.setName(at.get().name());
        s.setPath(at.get().path().toString());
        f.setSource(s);
        f.setLine(at.get().line());
        f.setColumn(Math.max(at.get().column(), 1));
    }
}
