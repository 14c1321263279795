package dev.hvscope.plugin.dap;

import dev.hvscope.plugin.dwarf.SourceLocation;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code next} or {@code stepIn} by source line, driven move by move from the stop waiter:
 * run until the pc is at an is_stmt row of another line in the same function. {@code next} runs
 * over calls to their return address (as {@code nexti} does); {@code stepIn} enters them and stops
 * at the first statement of a function with line info, running back out of one without. Leaving
 * the function (a return or tail call) stops at the next statement, or at once where there are
 * no lines. An instruction budget bounds the step (a loop on one line, code that never returns).
 */
final class LineStep {
    static final int BUDGET = 20_000;

    enum Kind { OVER, INTO }

    /** The next move: stop here, one instruction, or run to an address (a hidden breakpoint). */
    record Action(boolean stop, boolean singleStep, long runTo) {
        static final Action STOP = new Action(true, false, 0);
        static final Action STEP = new Action(false, true, 0);

        static Action runTo(long addr) {
            return new Action(false, false, addr);
        }
    }

    private final Kind kind;
    private final String file;
    private final int line;
    private final Long function;
    private int budget = BUDGET;
    private String stopText;

    private LineStep(Kind kind, String file, int line, Long function) {
        this.kind = kind;
        this.file = file;
        this.line = line;
        this.function = function;
    }

    /** A line step from the thread's pc, or null when the pc has no line (the caller steps an instruction). */
    static LineStep at(DebugSession session, long tid, Kind kind) {
        long pc = session.pc(tid);
        Optional<SourceLocation> loc = session.sourceLines().lineAt(session, pc);
        if (loc.isEmpty()) {
            return null;
        }
        return new LineStep(kind, loc.get().dwarfPath(), loc.get().line(),
                session.sourceLines().functionStart(session, pc));
    }

    /** The stopped event's text: set when the budget ran out. */
    String stopText() {
        return stopText;
    }

    /** The first move, from the pc the step starts at. */
    Action first(DebugSession session, long pc) {
        return move(session, pc);
    }

    /** After a move ended at pc (the selected thread): stop, or the next move. */
    Action after(DebugSession session, long pc) {
        if (--budget <= 0) {
            stopText = "line step ended after " + BUDGET + " moves without reaching another line";
            return Action.STOP;
        }
        if (userBreakpointAt(session, pc)) {
            return Action.STOP;
        }
        SourceLines lines = session.sourceLines();
        Optional<SourceLocation> loc = lines.lineAt(session, pc);
        boolean statement = loc.isPresent() && lines.isStatement(session, pc);
        Long fn = lines.functionStart(session, pc);
        if (Objects.equals(fn, function)) {
            if (statement && (loc.get().line() != line || !loc.get().dwarfPath().equals(file))) {
                return Action.STOP;
            }
            return move(session, pc);
        }
        if (kind == Kind.INTO && fn != null && fn == pc) {
            // just called: stop in a function with lines, run back out of one without
            if (loc.isPresent()) {
                return statement ? Action.STOP : Action.STEP;
            }
            return Action.runTo(register(session, "ra"));
        }
        if (loc.isEmpty() || statement) {
            return Action.STOP;
        }
        return move(session, pc);
    }

    private Action move(DebugSession session, long pc) {
        if (kind == Kind.OVER) {
            int len = NextHandler.callLength(session, pc);
            if (len != 0) {
                return Action.runTo(pc + len);
            }
        }
        return Action.STEP;
    }

    private static boolean userBreakpointAt(DebugSession session, long pc) {
        for (BreakpointTable.Entry e : session.breakpoints().codeAt(pc)) {
            if (e.source != BreakpointTable.Source.EXIT_VECTOR && e.source != BreakpointTable.Source.STEP_OVER
                    && e.logMessage == null && e.condition == null && e.hitCondition == null) {
                return true;
            }
        }
        return false;
    }

    static long register(DebugSession session, String name) {
        return session.rsp().registers().read(Expressions.register(session, name));
    }
}
