package dev.hvscope.plugin.dap;

import dev.hvscope.plugin.rspclient.RspClient;
import dev.hvscope.plugin.rspclient.RspException;
import dev.hvscope.plugin.rspclient.RspMemory;
import dev.hvscope.plugin.rspclient.StopReply;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.lsp4j.debug.ExitedEventArguments;
import org.eclipse.lsp4j.debug.OutputEventArguments;
import org.eclipse.lsp4j.debug.OutputEventArgumentsCategory;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.StoppedEventArgumentsReason;
import org.eclipse.lsp4j.debug.TerminatedEventArguments;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;

/**
 * The state of one debug session: the RSP connection, the debuggee process when we launched it,
 * the loaded symbols, breakpoints, variable references of the current stop, and run state.
 * Requests run one at a time on the JSON-RPC thread; a resume hands the wait for the stop to one
 * background thread, during which only pause, threads and the ending requests are served.
 */
final class DebugSession {
    private volatile IDebugProtocolClient client;
    private volatile RspClient rsp;
    private volatile DebuggeeProcess process;
    private final Symbols symbols = new Symbols();
    private final VariableStore variables = new VariableStore();
    private final ConsoleLines console = new ConsoleLines(text -> output(OutputEventArgumentsCategory.CONSOLE, text));
    private final BreakpointTable breakpoints = new BreakpointTable();
    private final ExitSubscriptions exitSubscriptions = new ExitSubscriptions();
    private final SourceLines sourceLines = new SourceLines();
    private final GlobalIndex globals = new GlobalIndex();
    /** The line step in progress (next/stepIn by line), or null. */
    private volatile LineStep lineStep;
    /** A line step's next move: true for one instruction, false to run (to its hidden breakpoint). */
    private volatile boolean stepAgain;
    private final ExecutorService waiter = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "dap-stop-waiter");
        t.setDaemon(true);
        return t;
    });
    private RemotePhysicalMemory physical;
    private volatile boolean running;
    private volatile boolean pauseRequested;
    /** The last stop was a watchpoint, reported before the access: step past it unwatched first. */
    private volatile boolean watchStop;
    private volatile boolean breakpointsDirty;
    private volatile boolean initialized;
    private volatile boolean configured;
    private volatile boolean stopOnEntry = true;
    private volatile List<Long> threads = List.of();
    private volatile long currentThread = 1;
    private volatile StopInfo lastStop;
    private final Set<String> exceptionFilters = new HashSet<>();
    private final Map<String, String> exceptionConditions = new java.util.HashMap<>();
    private Map<String, Object> launchArgs;
    private boolean launched;
    private final LaunchPolicy launchPolicy;

    DebugSession() {
        this(LaunchPolicy.hvscopeOnly());
    }

    DebugSession(LaunchPolicy launchPolicy) {
        this.launchPolicy = launchPolicy;
    }

    /** What the last stop was, for exceptionInfo and the Hypervisor scope. */
    record StopInfo(String reason, String description, long threadId, long pc) {
    }

    /** Which programs launch may start. */
    LaunchPolicy launchPolicy() {
        return launchPolicy;
    }

    void setClient(IDebugProtocolClient client) {
        this.client = client;
    }

    IDebugProtocolClient client() {
        return client;
    }

    void markInitialized() {
        initialized = true;
    }

    /** Throws unless initialize came first. */
    void requireInitialized() {
        if (!initialized) {
            throw DapError.state("send 'initialize' first");
        }
    }

    boolean connected() {
        return rsp != null && !rsp.connection().isClosed();
    }

    boolean running() {
        return running;
    }

    /** The RSP client of a connected, stopped target. */
    RspClient rsp() {
        if (!connected()) {
            throw DapError.state("not connected to a target: launch or attach first");
        }
        if (running) {
            throw DapError.state("the target is running: pause it first");
        }
        return rsp;
    }

    /** Memory packets in the hart's own (virtual) view: QEMU's physical mode is switched off first if it is on. */
    RspMemory virtualMemory() {
        return virtualMemory(rsp());
    }

    static RspMemory virtualMemory(RspClient c) {
        if (c.qemu().physical()) {
            c.qemu().setPhysical(false);
        }
        return c.memory();
    }

    Symbols symbols() {
        return symbols;
    }

    VariableStore variables() {
        return variables;
    }

    BreakpointTable breakpoints() {
        return breakpoints;
    }

    SourceLines sourceLines() {
        return sourceLines;
    }

    GlobalIndex globals() {
        return globals;
    }

    RemotePhysicalMemory physical() {
        rsp();
        return physical;
    }

    ExitSubscriptions exitSubscriptions() {
        return exitSubscriptions;
    }

    /** The subscribed exits changed: re-arm now when stopped, else at the next stop. */
    void exitFiltersChanged() {
        if (running) {
            breakpointsDirty = true;
        } else if (connected()) {
            syncExitVectors(rsp);
        }
    }

    Map<String, String> exceptionConditions() {
        return exceptionConditions;
    }

    Set<String> exceptionFilters() {
        return exceptionFilters;
    }

    /** Replaces the enabled VM exit filters (id to condition, null for none). */
    void setExitFilters(Map<String, String> filters) {
        exceptionFilters.clear();
        exceptionConditions.clear();
        exceptionFilters.addAll(filters.keySet());
        filters.forEach((k, v) -> {
            if (v != null) {
                exceptionConditions.put(k, v);
            }
        });
        if (running) {
            breakpointsDirty = true;
        } else if (connected()) {
            syncExitVectors(rsp);
        }
    }

    /**
     * VM exit filters work on any stub: hidden breakpoints on the trap vectors (stvec, mtvec bases)
     * stop every trap into HS or M, and {@link VmExitClassifier} decides on the client whether it
     * left the guest. The vectors are read again at every stop, as a hypervisor sets stvec at start.
     * hvscope's stub catches the exits itself ({@link StubExitCatch}); then no vector is needed.
     */
    private void syncExitVectors(RspClient c) {
        List<BreakpointTable.Entry> vectors = new ArrayList<>();
        Set<String> caught = new HashSet<>(exceptionFilters);
        caught.addAll(exitSubscriptions.kinds());   // hvexit stops for the hvscope/vmExit event too
        if (!StubExitCatch.arm(c, caught) && !caught.isEmpty()) {
            for (String csr : new String[] {"stvec", "mtvec"}) {
                Long v = HypervisorScope.csr(this, csr);
                if (v != null && (v & ~3L) != 0) {
                    vectors.add(new BreakpointTable.Entry(-1, BreakpointTable.Source.EXIT_VECTOR, v & ~3L, 4,
                            dev.hvscope.plugin.rspclient.BreakpointKind.SOFTWARE, null, null, null, csr));
                }
            }
        }
        breakpoints.replace(BreakpointTable.Source.EXIT_VECTOR, vectors);
        breakpoints.sync(c);
    }

    StopInfo lastStop() {
        return lastStop;
    }

    List<Long> threads() {
        return threads;
    }

    long currentThread() {
        return currentThread;
    }

    void setStopOnEntry(boolean stop) {
        this.stopOnEntry = stop;
    }

    void rememberLaunch(Map<String, Object> args, boolean launchedByUs) {
        this.launchArgs = args;
        this.launched = launchedByUs;
    }

    Map<String, Object> launchArgs() {
        return launchArgs;
    }

    boolean launchedByUs() {
        return launched;
    }

    void setProcess(DebuggeeProcess p) {
        this.process = p;
    }

    /** Adopts a new connection: output forwarding, thread list, breakpoints planted again. */
    void attached(RspClient client) {
        this.rsp = client;
        this.physical = new RemotePhysicalMemory(client);
        client.run().setOutput(console::append);
        client.registers().description();
        threads = client.threads().list();
        currentThread = threads.get(0);
        breakpoints.forgetPlanted();
        breakpoints.sync(client);
        running = false;
    }

    /** Selects the thread for register and memory packets. */
    void select(long tid) {
        rsp().threads().select(tid);
    }

    long pc(long tid) {
        select(tid);
        return rsp().registers().read("pc");
    }

    void breakpointsChanged() {
        if (running) {
            breakpointsDirty = true;
        } else if (connected()) {
            breakpoints.sync(rsp);
        }
    }

    /** configurationDone: stop at entry (report it) or run. */
    void configurationDone() {
        configured = true;
        if (!connected()) {
            return;
        }
        if (stopOnEntry) {
            reportStop(StoppedEventArgumentsReason.ENTRY, "stopped at entry", currentThread, null);
        } else {
            resume(currentThread, false);
        }
    }

    boolean configured() {
        return configured;
    }

    /** Resumes (or single-steps one thread); the stop is reported by the waiter thread. */
    synchronized void resume(long tid, boolean step) {
        RspClient c = rsp();
        long pc = pc(tid);
        virtualMemory(c);
        running = true;
        pauseRequested = false;
        variables.clear();
        physical.invalidate();
        waiter.submit(() -> runUntilStop(c, tid, pc, step));
    }

    /**
     * Runs until {@code target} (a hidden breakpoint), reported as a step; any other stop on the
     * way is reported as itself, and the hidden breakpoint goes away at whichever stop comes.
     */
    synchronized void runTo(long tid, long target) {
        breakpoints.replace(BreakpointTable.Source.STEP_OVER, List.of(new BreakpointTable.Entry(-1,
                BreakpointTable.Source.STEP_OVER, target, 4, dev.hvscope.plugin.rspclient.BreakpointKind.SOFTWARE,
                null, null, null, null)));
        breakpoints.sync(rsp());
        resume(tid, false);
    }

    /**
     * Starts a step by source line on tid; false (nothing started) when the pc has no line, so
     * the caller steps by instruction. The waiter drives the moves ({@link #lineStepGoesOn}).
     */
    synchronized boolean stepLines(long tid, LineStep.Kind kind) {
        LineStep s = LineStep.at(this, tid, kind);
        if (s == null) {
            return false;
        }
        LineStep.Action a = s.first(this, pc(tid));
        lineStep = s;
        try {
            if (a.singleStep()) {
                resume(tid, true);
            } else {
                runTo(tid, a.runTo());
            }
        } catch (RuntimeException e) {
            lineStep = null;
            throw e;
        }
        return true;
    }

    /** At a line step's intermediate stop: true when it goes on, with its next move set up. */
    private boolean lineStepGoesOn(RspClient c, long pc) {
        LineStep s = lineStep;
        if (s == null || pauseRequested) {
            return false;
        }
        LineStep.Action a = s.after(this, pc);
        if (a.stop()) {
            return false;
        }
        stepAgain = a.singleStep();
        if (!a.singleStep()) {
            breakpoints.replace(BreakpointTable.Source.STEP_OVER, List.of(new BreakpointTable.Entry(-1,
                    BreakpointTable.Source.STEP_OVER, a.runTo(), 4, dev.hvscope.plugin.rspclient.BreakpointKind.SOFTWARE,
                    null, null, null, null)));
            breakpoints.sync(c);
        }
        running = true;
        return true;
    }

    /** A step's stop: a pause when the client paused a line step on its way. */
    private String lineStepReason() {
        return lineStep != null && pauseRequested ? StoppedEventArgumentsReason.PAUSE : StoppedEventArgumentsReason.STEP;
    }

    private String lineStepText() {
        LineStep s = lineStep;
        return s == null ? null : s.stopText();
    }

    /** Ctrl-C to a running target; the waiter reports the stop. */
    void pause() {
        if (!connected()) {
            throw DapError.state("not connected to a target");
        }
        if (!running) {
            return;
        }
        pauseRequested = true;
        rsp.run().interrupt();
    }

    private void runUntilStop(RspClient c, long tid, long pc, boolean step) {
        try {
            long at = pc;
            while (true) {
                c.threads().invalidate();
                c.threads().select(tid);
                // Step off a planted breakpoint first, as gdb does (z0, step, Z0), so a stub that
                // patches memory does not stop again at once.
                boolean afterWatch = watchStop;
                watchStop = false;
                if (breakpoints.plantedAt(at) || afterWatch) {
                    List<Object> lifted = breakpoints.liftAt(c, at, afterWatch);
                    c.run().step(tid);
                    StopReply first = c.run().awaitStop(0);
                    breakpoints.restoreAt(c, lifted);
                    if (step || first.exited() || first.signal() != StopReply.SIGTRAP || pauseRequested
                            || stepOverTargetAt(c) || first.pairs().containsKey("hvexit")) {
                        if (handleStop(c, first, step)) {
                            return;
                        }
                        at = readPc(c);
                        step = lineStep != null ? stepAgain : step;
                        continue;
                    }
                }
                if (step) {
                    c.run().step(tid);
                } else {
                    c.run().resume();
                }
                StopReply r = c.run().awaitStop(0);
                if (handleStop(c, r, step)) {
                    return;
                }
                at = readPc(c);
                step = lineStep != null ? stepAgain : step;
            }
        } catch (RuntimeException e) {
            running = false;
            if (rsp != c) {
                return; // we closed it ourselves (terminate, disconnect, restart)
            }
            DebuggeeProcess p = process;
            java.util.OptionalInt code = p != null ? p.exitCode(5_000) : java.util.OptionalInt.empty();
            if (code.isPresent()) {
                // the launched stub ended the connection by ending (QEMU's power-off sends no W packet)
                ExitedEventArguments ex = new ExitedEventArguments();
                ex.setExitCode(code.getAsInt());
                client.exited(ex);
            } else {
                output(OutputEventArgumentsCategory.STDERR, "lost the target: " + e.getMessage() + "\n");
            }
            terminated();
        }
    }

    /** Whether the pc is where a hidden step-over breakpoint waits (the step off a breakpoint landed on it). */
    private boolean stepOverTargetAt(RspClient c) {
        List<BreakpointTable.Entry> targets = breakpoints.entries(BreakpointTable.Source.STEP_OVER);
        if (targets.isEmpty()) {
            return false;
        }
        long pc = readPc(c);
        return targets.stream().anyMatch(e -> e.addr == pc);
    }

    private long readPc(RspClient c) {
        c.threads().invalidate();
        c.threads().select(currentThread);
        return c.registers().read("pc");
    }

    /** Decides what a stop means; true when it is reported, false to run on (a condition failed, a log point). */
    private boolean handleStop(RspClient c, StopReply r, boolean step) {
        if (LiveVmHook.atStop(this, c, r)) {
            return false; // the VM stopped only for a live pflash switch (the lens): run on
        }
        if (r.exited()) {
            running = false;
            ExitedEventArguments ex = new ExitedEventArguments();
            ex.setExitCode(r.kind() == 'W' ? r.signal() : 128 + r.signal());
            client.exited(ex);
            terminated();
            return true;
        }
        long tid = r.threadId() > 0 ? r.threadId() : currentThread;
        currentThread = tid;
        c.threads().invalidate();
        c.threads().select(tid);
        long pc = c.registers().read("pc");
        running = false;
        if (breakpointsDirty || !exceptionFilters.isEmpty() || exitSubscriptions.active()) {
            breakpointsDirty = false;
            syncExitVectors(c);
        }
        try {
            threads = c.threads().list();
        } catch (RspException e) {
            // keep the old list
        }
        String caught = StubExitCatch.stopText(this, r, exceptionFilters, exceptionConditions);
        if (caught != null) {
            exitSubscriptions.onCaught(this, tid, !step && !caught.isEmpty());
        }
        if (step) {
            if (lineStepGoesOn(c, pc)) {
                return false;
            }
            reportStop(lineStepReason(), lineStepText(), tid, null);
            return true;
        }
        if (caught != null) {   // hvscope's stub stopped on a VM exit itself
            if (!caught.isEmpty()) {
                reportStop(StoppedEventArgumentsReason.EXCEPTION, caught, tid, null);
                return true;
            }
            // no filter wants it (a subscribed exit, or outside the range): run on, unless a
            // breakpoint of the client's sits right here
            if (!pauseRequested && breakpoints.codeAt(pc).stream()
                    .allMatch(e -> e.source == BreakpointTable.Source.EXIT_VECTOR)) {
                running = true;
                return false;
            }
        }
        long watched = r.watchAddress();
        if (watched != -1) {
            List<BreakpointTable.Entry> hit = breakpoints.dataAt(watched);
            BreakpointHits fired = BreakpointHits.ofData(this, hit);
            watchStop = true;
            if (!fired.fired() && !hit.isEmpty() && !pauseRequested) {
                running = true;
                return false;
            }
            String switched = fired.mode == null ? null : PflashModeSwitch.apply(this, c, fired.mode);
            reportStop(fired.reason, "write to " + Addresses.hex(watched) + (switched == null ? "" : "; " + switched),
                    tid, fired.ids);
            return true;
        }
        List<BreakpointTable.Entry> hit = breakpoints.codeAt(pc);
        if (!breakpoints.entries(BreakpointTable.Source.STEP_OVER).isEmpty()) {
            boolean arrived = hit.stream().anyMatch(e -> e.source == BreakpointTable.Source.STEP_OVER);
            breakpoints.replace(BreakpointTable.Source.STEP_OVER, List.of());
            breakpoints.sync(c);
            if (arrived && r.signal() == StopReply.SIGTRAP) {
                if (lineStepGoesOn(c, pc)) {
                    return false;
                }
                reportStop(lineStepReason(), lineStepText(), tid, null);
                return true;
            }
            hit = breakpoints.codeAt(pc);
        }
        if (!hit.isEmpty() && r.signal() == StopReply.SIGTRAP) {
            BreakpointHits fired = BreakpointHits.ofCode(this, c, hit, tid);
            if (!fired.fired() && fired.exitText != null) {
                reportStop(StoppedEventArgumentsReason.EXCEPTION, fired.exitText, tid, null);
                return true;
            }
            if (!fired.fired() && !pauseRequested) {
                running = true;
                return false;
            }
            String text = fired.mode == null ? null : PflashModeSwitch.apply(this, c, fired.mode);
            reportStop(fired.reason, text, tid, fired.ids);
            return true;
        }
        if (pauseRequested || r.signal() == StopReply.SIGINT) {
            reportStop(StoppedEventArgumentsReason.PAUSE, null, tid, null);
            return true;
        }
        reportStop(StoppedEventArgumentsReason.EXCEPTION, "signal " + r.signal(), tid, null);
        return true;
    }

    void reportStop(String reason, String description, long tid, List<Integer> hitIds) {
        console.flush();
        running = false;
        lineStep = null;
        lastStop = new StopInfo(reason, description, tid, safePc(tid));
        StoppedEventArguments s = new StoppedEventArguments();
        s.setReason(reason);
        s.setThreadId((int) tid);
        s.setAllThreadsStopped(true);
        if (description != null) {
            s.setDescription(description);
            s.setText(description);
        }
        if (hitIds != null && !hitIds.isEmpty()) {
            s.setHitBreakpointIds(hitIds.toArray(new Integer[0]));
        }
        client.stopped(s);
    }

    private long safePc(long tid) {
        try {
            rsp.threads().select(tid);
            return rsp.registers().read("pc");
        } catch (RuntimeException e) {
            return -1;
        }
    }

    void output(String category, String text) {
        IDebugProtocolClient c = client;
        if (c == null) {
            return;
        }
        OutputEventArguments o = new OutputEventArguments();
        o.setCategory(category);
        o.setOutput(text);
        c.output(o);
    }

    /** Ends the session's connection and process; reports terminated once. */
    void terminated() {
        console.flush();
        closeTarget(true);
        IDebugProtocolClient c = client;
        if (c != null) {
            c.terminated(new TerminatedEventArguments());
        }
    }

    /** Ends the stop waiter thread: the client is gone (a TCP adapter serves many, one after another). */
    void dispose() {
        waiter.shutdownNow();
    }

    /** Closes the connection; kills (or detaches from) the debuggee. */
    synchronized void closeTarget(boolean kill) {
        LiveVmHook.ended(this);
        RspClient r = rsp;
        rsp = null;
        running = false;
        if (r != null) {
            if (kill) {
                r.kill();
            } else {
                r.detach();
            }
        }
        DebuggeeProcess p = process;
        process = null;
        if (p != null) {
            p.destroy();
        }
    }
}
