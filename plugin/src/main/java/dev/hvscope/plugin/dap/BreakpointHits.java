package dev.hvscope.plugin.dap;

import dev.hvscope.plugin.rspclient.RspClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.lsp4j.debug.OutputEventArgumentsCategory;
import org.eclipse.lsp4j.debug.StoppedEventArgumentsReason;

/**
 * Which of the client's breakpoints at a stop fire: each is gated by its address space, its
 * condition and its hit condition, and a log point prints instead of firing. Also what the stop
 * then says: its reason, the pflash mode to apply, and a VM exit seen through a hidden trap-vector
 * breakpoint (the exit filters against stubs without hvscope's catch).
 */
final class BreakpointHits {
    /** The ids of the breakpoints that fire, in request order. */
    final List<Integer> ids = new ArrayList<>();
    /** The stopped event's reason. */
    String reason = StoppedEventArgumentsReason.BREAKPOINT;
    /** The breakpoint mode of the last firing breakpoint that has one, or null. */
    String mode;
    /** The stop text of a VM exit a filter wants, or null. */
    String exitText;

    private BreakpointHits() {
    }

    boolean fired() {
        return !ids.isEmpty();
    }

    /** The watchpoints covering a reported data address. */
    static BreakpointHits ofData(DebugSession session, List<BreakpointTable.Entry> hit) {
        BreakpointHits h = new BreakpointHits();
        h.reason = StoppedEventArgumentsReason.DATA_BREAKPOINT;
        for (BreakpointTable.Entry e : hit) {
            h.consider(session, e);
        }
        return h;
    }

    /** The code breakpoints at pc; a trap-vector entry is classified as a VM exit once. */
    static BreakpointHits ofCode(DebugSession session, RspClient c, List<BreakpointTable.Entry> hit, long tid) {
        BreakpointHits h = new BreakpointHits();
        boolean exitSeen = false;
        for (BreakpointTable.Entry e : hit) {
            if (e.source != BreakpointTable.Source.EXIT_VECTOR) {
                h.consider(session, e);
            } else if (!exitSeen) {
                exitSeen = true;
                Set<String> filters = session.exceptionFilters();
                Map<String, String> conditions = session.exceptionConditions();
                VmExitClassifier.GuestExit g = VmExitClassifier.read(session, e.mode.equals("mtvec"));
                h.exitText = g == null ? null : VmExitClassifier.stopText(g, filters, conditions);
                if (!ExitSubscriptions.byStub(c)) {
                    session.exitSubscriptions().onVector(session, g, tid, h.exitText != null);
                }
            }
        }
        return h;
    }

    private void consider(DebugSession session, BreakpointTable.Entry e) {
        if (!fires(session, e)) {
            return;
        }
        ids.add(e.id);
        if (e.source == BreakpointTable.Source.FUNCTION) {
            reason = StoppedEventArgumentsReason.FUNCTION_BREAKPOINT;
        } else if (e.source == BreakpointTable.Source.INSTRUCTION) {
            reason = StoppedEventArgumentsReason.INSTRUCTION_BREAKPOINT;
        }
        if (e.mode != null) {
            mode = e.mode;
        }
    }

    /** Space, condition, hit count and log message of one breakpoint: true when it stops. */
    private static boolean fires(DebugSession session, BreakpointTable.Entry e) {
        if (e.source == BreakpointTable.Source.LINE && !session.sourceLines().stopsHere(session, e.id, e.addr)) {
            return false;
        }
        if (e.condition != null) {
            try {
                if (Expressions.evaluate(session, e.condition) == 0) {
                    return false;
                }
            } catch (RuntimeException ex) {
                session.output(OutputEventArgumentsCategory.STDERR,
                        "breakpoint " + e.id + ": condition '" + e.condition + "' failed: " + ex.getMessage() + "\n");
                return true;
            }
        }
        int hits = ++e.hits.count;
        if (e.hitCondition != null && !HitCondition.matches(e.hitCondition, hits)) {
            return false;
        }
        if (e.logMessage != null) {
            session.output(OutputEventArgumentsCategory.CONSOLE, LogMessage.format(session, e.logMessage) + "\n");
            return false;
        }
        return true;
    }
}
