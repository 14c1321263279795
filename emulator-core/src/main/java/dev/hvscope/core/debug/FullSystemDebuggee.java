package dev.hvscope.core.debug;

import dev.hvscope.core.hart.DebugPort;
import dev.hvscope.core.hart.Hart;
import dev.hvscope.core.machine.VirtMachine;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The Debuggee of a full-system {@link VirtMachine}: harts are threads; the machine runs in rounds on
 * its own run thread while resumed; a VM exit is any trap taken from V=1 into HS or M.
 *
 * <p>Breakpoints, watchpoints and the exit log live in the harts' {@link DebugPort}s: breakpoints are
 * BREAK entries of the decode cache, watchpoints a check on the memory slow path. Resuming from a
 * breakpoint or watchpoint first steps over it with the real instruction.
 */
public final class FullSystemDebuggee implements Debuggee, HypervisorViews {
    /**
     * Batch size under a debugger with several harts: a stop on one hart leaves the others at most
     * this many instructions apart from where they were when it stopped (the round ends at the stop).
     */
    public static final int MULTI_HART_BATCH = 1_000;

    private static final int EXIT_LOG_SIZE = 4096;

    private final VirtMachine machine;
    private final DebugPort[] ports;
    private final HartViews views;
    private final ExitLog exitLog = new ExitLog(EXIT_LOG_SIZE);
    private final VmExitRecord[] lastExit;
    /** Per hart: stopped before a watched access, which the next resume or step must let complete. */
    private final boolean[] stoppedAtWatch;
    private final BreakpointSet breaks = new BreakpointSet();
    private final PausedBreakpoints breakpointOps;
    private volatile Set<VmExitKind> caught = Collections.unmodifiableSet(EnumSet.noneOf(VmExitKind.class));

    private final RunState run = new RunState();
    private volatile boolean stopRequested;

    public FullSystemDebuggee(VirtMachine machine) {
        this.machine = machine;
        int n = machine.hartCount();
        if (n > 1) {
            machine.setBatch(MULTI_HART_BATCH);
        }
        this.ports = new DebugPort[n];
        this.lastExit = new VmExitRecord[n];
        this.stoppedAtWatch = new boolean[n];
        this.views = new HartViews(machine.bus());
        this.breakpointOps = new PausedBreakpoints(breaks, this::whilePaused, ports);
        for (int i = 0; i < n; i++) {
            ports[i] = machine.hart(i).debugPort();
            final int index = i;
            ports[i].setTrapListener((h, cause, fromPriv, fromVirt, epc, tval, tval2, tinst) ->
                    trapTaken(index, h, cause, fromPriv, fromVirt, epc, tval, tval2, tinst));
        }
    }

    public VirtMachine machine() {
        return machine;
    }

    private Hart hart(int thread) {
        if (thread < 0 || thread >= ports.length) {
            throw new IllegalArgumentException("no hart " + thread);
        }
        return machine.hart(thread);
    }

    @Override
    public int threadCount() {
        return ports.length;
    }

    @Override
    public ThreadState threadState(int thread) {
        Hart h = hart(thread);
        return new ThreadState(h.hartId(), h.privilege(), h.virtualized(), isRunning(), h.isWaitingForInterrupt());
    }

    // ---- execution ----

    @Override
    public void setStopListener(StopListener l) {
        run.setListener(l);
    }

    @Override
    public void resume() {
        if (machine.isPoweredOff() || run.isRunning()) {
            return;
        }
        stopRequested = false;
        machine.resumeClock();
        run.start("hvscope-run", this::runLoop);
    }

    private StopEvent runLoop() {
        try {
            StopEvent ev = stepOffStops();
            while (ev == null) {
                if (stopRequested) {
                    ev = StopEvent.of(StopReason.INTERRUPTED, 0);
                    break;
                }
                if (machine.runRound()) {
                    sleepBriefly();   // every hart waits with nothing to wake it: do not spin
                }
                ev = checkStops();
            }
            return ev;
        } finally {
            machine.pauseClock();   // time stands still while the debugger holds the machine
        }
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Changes breakpoint state with the machine stopped (see {@link RunState#whilePaused}). */
    private void whilePaused(Runnable change) {
        run.whilePaused(this::interrupt, () -> {
            synchronized (this) {
                change.run();
            }
        }, this::resume);
    }

    /** Harts stopped on a breakpoint or watchpoint execute that instruction first. */
    private StopEvent stepOffStops() {
        for (int i = 0; i < ports.length; i++) {
            ports[i].clearStop();
            Hart h = machine.hart(i);
            boolean atWatch = stoppedAtWatch[i];
            stoppedAtWatch[i] = false;
            boolean atBreak = breaks.isBreak(h.pc);
            if (atWatch || atBreak) {
                ports[i].step(false, atWatch);
                StopEvent ev = checkStops();
                if (ev != null) {
                    return ev;
                }
            }
        }
        return null;
    }

    private StopEvent checkStops() {
        if (machine.isPoweredOff()) {
            return new StopEvent(StopReason.HALTED, 0, 0, null, null, machine.exitStatus());
        }
        for (int i = 0; i < ports.length; i++) {
            StopEvent ev = stopOf(i);
            if (ev != null) {
                return ev;
            }
        }
        return null;
    }

    private StopEvent stopOf(int i) {
        DebugPort p = ports[i];
        Hart h = machine.hart(i);
        if (p.watchpointHit()) {
            stoppedAtWatch[i] = true;
            return new StopEvent(StopReason.WATCHPOINT, i, p.watchpointAddress(), BreakpointSet.watchKindOf(p), null, 0);
        }
        if (p.breakpointHit()) {
            boolean hw = breaks.isHardwareOnly(h.pc);
            return new StopEvent(hw ? StopReason.HARDWARE_BREAKPOINT : StopReason.SOFTWARE_BREAKPOINT, i, h.pc,
                    null, null, 0);
        }
        if (p.trapStopRequested()) {
            return new StopEvent(StopReason.VM_EXIT, i, h.pc, null, lastExit[i], 0);
        }
        return null;
    }

    @Override
    public StopEvent step(int thread, boolean maskInterrupts) {
        Hart h = hart(thread);
        run.requireStopped();
        if (machine.isPoweredOff()) {
            return record(new StopEvent(StopReason.HALTED, 0, 0, null, null, machine.exitStatus()));
        }
        boolean atWatch = stoppedAtWatch[thread];
        stoppedAtWatch[thread] = false;
        if (!maskInterrupts) {
            machine.resumeClock();   // without QEMU's NOIRQ/NOTIMER, time runs during the step
        }
        try {
            ports[thread].step(maskInterrupts, atWatch);
        } finally {
            machine.pauseClock();
        }
        StopEvent ev = machine.isPoweredOff() ? checkStops() : stopOf(thread);
        if (ev == null || ev.reason() == StopReason.SOFTWARE_BREAKPOINT
                || ev.reason() == StopReason.HARDWARE_BREAKPOINT) {
            ev = new StopEvent(StopReason.STEP, thread, h.pc, null, null, 0);
        }
        ports[thread].clearStop();
        return record(ev);
    }

    private StopEvent record(StopEvent ev) {
        return run.record(ev);
    }

    @Override
    public void interrupt() {
        stopRequested = true;
        for (int i = 0; i < ports.length; i++) {
            machine.hart(i).endBatch();
        }
    }

    @Override
    public boolean isRunning() {
        return run.isRunning();
    }

    @Override
    public StopEvent lastStop() {
        return run.lastStop();
    }

    @Override
    public boolean awaitStopped(long timeoutMillis) throws InterruptedException {
        return run.awaitStopped(timeoutMillis);
    }

    @Override
    public boolean isPoweredOff() {
        return machine.isPoweredOff();
    }

    @Override
    public void detach() {
        breakpointOps.removeAll();
        catchExits(EnumSet.noneOf(VmExitKind.class));
        resume();
    }

    // ---- registers ----

    @Override
    public long gpr(int thread, int index) {
        return hart(thread).x[index];
    }

    @Override
    public void setGpr(int thread, int index, long value) {
        hart(thread).writeX(index, value);
    }

    @Override
    public long pc(int thread) {
        return hart(thread).pc;
    }

    @Override
    public void setPc(int thread, long value) {
        hart(thread).pc = value;
    }

    @Override
    public long fpr(int thread, int index) {
        return hart(thread).f[index];
    }

    @Override
    public void setFpr(int thread, int index, long bits) {
        hart(thread).f[index] = bits;
    }

    @Override
    public List<CsrDescriptor> csrs() {
        return HartViews.csrs(machine.hart(0));
    }

    @Override
    public Long csr(int thread, int number) {
        return HartViews.csr(hart(thread), number);
    }

    @Override
    public boolean setCsr(int thread, int number, long value) {
        return HartViews.setCsr(hart(thread), number, value);
    }

    @Override
    public void setMode(int thread, int privilege, boolean virtualized) {
        ports[thread].setPrivilege(privilege, virtualized);
    }

    // ---- memory ----

    @Override
    public byte[] readMemory(int thread, AddressSpace space, long address, int length) {
        return views.read(hart(thread), space, address, length);
    }

    @Override
    public void writeMemory(int thread, AddressSpace space, long address, byte[] data) {
        try {
            views.write(hart(thread), space, address, data);
        } finally {
            for (DebugPort p : ports) {
                p.memoryWritten();
            }
        }
    }

    // ---- breakpoints ----

    @Override
    public Breakpoints breakpoints() {
        return breakpointOps;
    }

    // ---- hypervisor views ----

    @Override
    public HypervisorViews views() {
        return this;
    }

    /** Trap listener of every hart: logs VM exits (V=1 into HS or M) and stops on caught kinds. */
    private boolean trapTaken(int index, Hart h, long cause, int fromPriv, boolean fromVirt, long epc, long tval,
                              long tval2, long tinst) {
        if (!fromVirt || h.virtualized()) {
            return false;
        }
        VmExitKind kind = VmExitKind.ofCause(cause);
        long gpa = kind == VmExitKind.NESTED_PAGE_FAULT ? (tval2 << 2) | (tval & 3) : -1;
        VmExitRecord r = new VmExitRecord(exitLog.nextSeq(), index, kind, cause, fromPriv == Hart.PRV_S ? "VS" : "VU",
                h.privilege() == Hart.PRV_M ? "M" : "HS", epc, tval, gpa, tinst, h.instructionsRetired());
        exitLog.add(r);
        lastExit[index] = r;
        return caught.contains(kind);
    }

    @Override
    public TranslationReport translate(int thread, AddressSpace from, long address) {
        return views.translate(hart(thread), from, address);
    }

    @Override
    public List<MappingRegion> mappings(int thread, Table table) {
        return views.mappings(hart(thread), table);
    }

    @Override
    public long tableRoot(int thread, Table table) {
        return HartViews.tableRoot(hart(thread), table);
    }

    @Override
    public ExitLog exitLog() {
        return exitLog;
    }

    @Override
    public void catchExits(Set<VmExitKind> kinds) {
        Set<VmExitKind> s = EnumSet.noneOf(VmExitKind.class);
        s.addAll(kinds);
        caught = Collections.unmodifiableSet(s);
    }

    @Override
    public Set<VmExitKind> caughtExits() {
        return caught;
    }
}
