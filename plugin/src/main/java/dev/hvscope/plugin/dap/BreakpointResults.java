package dev.hvscope.plugin.dap;

import java.util.List;
import org.eclipse.lsp4j.debug.Breakpoint;

/** BreakpointTable entries as DAP breakpoints. */
final class BreakpointResults {
    private BreakpointResults() {
    }

    static Breakpoint[] of(DebugSession session, List<BreakpointTable.Entry> entries) {
        Breakpoint[] out = new Breakpoint[entries.size()];
        for (int i = 0; i < out.length; i++) {
            BreakpointTable.Entry e = entries.get(i);
            Breakpoint b = new Breakpoint();
            b.setId(e.id);
            b.setVerified(e.verified);
            b.setMessage(e.message);
            if (e.addr != -1) {
                b.setInstructionReference(Addresses.hex(e.addr));
            }
            out[i] = b;
        }
        return out;
    }

    /** Plants (or defers, while running) and fills verified/message: pending entries until connected. */
    static void apply(DebugSession session, BreakpointTable.Source source, List<BreakpointTable.Entry> entries) {
        apply(session, source, null, entries);
    }

    /** As {@link #apply(DebugSession, BreakpointTable.Source, List)}, for the line breakpoints of one file. */
    static void apply(DebugSession session, BreakpointTable.Source source, String file,
                      List<BreakpointTable.Entry> entries) {
        session.breakpoints().replace(source, file, entries);
        for (BreakpointTable.Entry e : entries) {
            if (e.addr != -1 && !session.connected()) {
                e.verified = false;
                e.message = "pending: planted when connected";
            } else if (e.addr != -1 && session.running()) {
                e.verified = false;
                e.message = "pending: planted at the next stop";
            }
        }
        session.breakpointsChanged();
    }
}
