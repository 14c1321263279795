package dev.hvscope.core.debug;

import dev.hvscope.core.hart.Cause;
import dev.hvscope.core.hart.Csr;
import dev.hvscope.core.hart.CsrTable;
import dev.hvscope.core.hart.DebugPort;
import dev.hvscope.core.hart.Hart;
import dev.hvscope.core.hart.Status;
import dev.hvscope.core.hv.HostedMachine;
import dev.hvscope.core.hv.PflashMode;
import dev.hvscope.core.hv.VCpu;
import dev.hvscope.core.hv.Vm;
import dev.hvscope.core.hv.VmExit;
import dev.hvscope.core.hv.VmResult;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The Debuggee of the hosted hypervisor ({@code hvscope vm}): threads are the VM's vCPUs (one),
 * and what the debugger sees is the guest. Running means running {@link Vm#run}, so the exit loop
 * keeps handling exits between guest batches; a VM exit is every {@link VmExit}, recorded before
 * the loop handles it. A caught exit stops the run with the exit held, unhandled: the G-stage
 * still shows the fault, and the next continue or step handles it first.
 *
 * <p>The vCPU is a real hart, so registers, CSRs, memory, breakpoints and watchpoints go through
 * the same hart-level pieces as {@link FullSystemDebuggee}. While the hart sits in HS between
 * exits, pc is the guest's resume pc (sepc) and the mode is the guest's (VS or VU); memory in
 * the current context is guest-virtual.
 */
public final class HostedDebuggee implements Debuggee, HypervisorViews, PflashControl {
    private static final int EXIT_LOG_SIZE = 4096;

    private final Vm vm;
    private final VCpu vcpu;
    private final Hart hart;
    private final DebugPort port;
    private final HartViews views;
    private final BreakpointSet breaks = new BreakpointSet();
    private final PausedBreakpoints breakpointOps;
    private final ExitLog exitLog = new ExitLog(EXIT_LOG_SIZE);
    private volatile Set<VmExitKind> caught = Collections.unmodifiableSet(EnumSet.noneOf(VmExitKind.class));
    private VmExitRecord lastExit;
    private boolean lastExitCaught;
    /** Stopped before a watched access, which the next resume or step must let complete. */
    private boolean stoppedAtWatch;

    private final RunState run = new RunState();
    /** How the VM ended (shutdown, guest fault, ...); null while it can still run. */
    private volatile VmResult result;

    public HostedDebuggee(HostedMachine host) {
        this.vm = host.vm();
        this.vcpu = vm.vcpu();
        this.hart = vcpu.hart();
        this.port = hart.debugPort();
        this.views = new HartViews(host.machine().bus());
        this.breakpointOps = new PausedBreakpoints(breaks, this::whilePaused, port);
        vcpu.setDebugPort(port);
        vm.setExitListener(this::exitTaken);
    }

    public Vm vm() {
        return vm;
    }

    /** How the VM ended, or null while it runs or can run. */
    public VmResult result() {
        return result;
    }

    private void checkThread(int thread) {
        if (thread != 0) {
            throw new IllegalArgumentException("no vCPU " + thread);
        }
    }

    @Override
    public int threadCount() {
        return 1;
    }

    @Override
    public ThreadState threadState(int thread) {
        checkThread(thread);
        return new ThreadState(vcpu.id(), guestPrivilege(), true, isRunning(), hart.isWaitingForInterrupt());
    }

    /** The guest's privilege: the hart's own in the guest, hstatus.SPVP while in HS between exits. */
    private int guestPrivilege() {
        if (hart.virtualized()) {
            return hart.privilege();
        }
        return (CsrTable.peek(hart, Csr.HSTATUS) & Status.HS_SPVP) != 0 ? Hart.PRV_S : Hart.PRV_U;
    }

    // ---- execution ----

    @Override
    public void setStopListener(StopListener l) {
        run.setListener(l);
    }

    @Override
    public void resume() {
        if (result == null) {
            run.start("hvscope-vm-run", this::runLoop);
        }
    }

    private StopEvent runLoop() {
        StopEvent ev = stepOffStop();
        if (ev == null) {
            port.clearStop();
            lastExitCaught = false;
            ev = stopOf(vm.run(0, 0));
        }
        return ev;
    }

    /** A vCPU stopped on a breakpoint or watchpoint executes that instruction first. */
    private StopEvent stepOffStop() {
        boolean atWatch = stoppedAtWatch;
        if (!atWatch && !(hart.virtualized() && breaks.isBreak(hart.pc))) {
            return null;
        }
        StopEvent ev = stepOnce(false);
        return ev.reason() == StopReason.STEP ? null : ev;
    }

    /** The stop a run that returned means. */
    private StopEvent stopOf(VmResult r) {
        if (r.outcome() != VmResult.Outcome.STOPPED) {
            result = r;
            return new StopEvent(StopReason.HALTED, 0, 0, null, null, r.exitStatus());
        }
        if (vm.heldExit() != null && lastExitCaught) {
            return new StopEvent(StopReason.VM_EXIT, 0, vcpu.resumePc(), null, lastExit, 0);
        }
        if (port.watchpointHit()) {
            stoppedAtWatch = true;
            return new StopEvent(StopReason.WATCHPOINT, 0, port.watchpointAddress(), BreakpointSet.watchKindOf(port),
                    null, 0);
        }
        if (port.breakpointHit()) {
            return new StopEvent(breaks.isHardwareOnly(hart.pc) ? StopReason.HARDWARE_BREAKPOINT
                    : StopReason.SOFTWARE_BREAKPOINT, 0, hart.pc, null, null, 0);
        }
        return StopEvent.of(StopReason.INTERRUPTED, 0);
    }

    /** Changes breakpoints with the vCPU stopped (see {@link RunState#whilePaused}). */
    private void whilePaused(Runnable change) {
        run.whilePaused(this::interrupt, () -> {
            synchronized (this) {
                change.run();
            }
        }, this::resume);
    }

    @Override
    public StopEvent step(int thread, boolean maskInterrupts) {
        checkThread(thread);
        run.requireStopped();
        return run.record(stepOnce(maskInterrupts));
    }

    /**
     * One guest instruction: the held exit is handled first (as the loop would), the guest entered
     * if the hart is in HS, one instruction executed; an exit it causes is recorded and held, and
     * counts as the step (VM_EXIT when its kind is caught).
     */
    private StopEvent stepOnce(boolean maskInterrupts) {
        if (result != null) {
            return new StopEvent(StopReason.HALTED, 0, 0, null, null, result.exitStatus());
        }
        VmResult end = vm.handleHeldExit();
        if (end != null) {
            result = end;
            return new StopEvent(StopReason.HALTED, 0, 0, null, null, end.exitStatus());
        }
        VmExit exit = vcpu.enter();
        if (exit == null) {
            boolean atWatch = stoppedAtWatch;
            stoppedAtWatch = false;
            port.step(maskInterrupts, atWatch);
            exit = vcpu.takeExit();
        }
        StopEvent ev = null;
        if (exit != null) {
            boolean stop = exitTaken(exit);
            vm.holdExit(exit);
            if (stop) {
                ev = new StopEvent(StopReason.VM_EXIT, 0, vcpu.resumePc(), null, lastExit, 0);
            }
        } else if (port.watchpointHit()) {
            stoppedAtWatch = true;
            ev = new StopEvent(StopReason.WATCHPOINT, 0, port.watchpointAddress(), BreakpointSet.watchKindOf(port),
                    null, 0);
        }
        port.clearStop();
        return ev != null ? ev : new StopEvent(StopReason.STEP, 0, pc(0), null, null, 0);
    }

    /** Stops a running VM within one batch; a stopped one has nothing to stop (no request is left behind). */
    @Override
    public void interrupt() {
        if (run.isRunning()) {
            vm.requestStop();
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
        return result != null;
    }

    @Override
    public void detach() {
        breakpointOps.removeAll();
        catchExits(EnumSet.noneOf(VmExitKind.class));
        resume();
    }

    // ---- registers: the guest's (the Java hypervisor keeps no copies of them) ----

    @Override
    public long gpr(int thread, int index) {
        checkThread(thread);
        return hart.x[index];
    }

    @Override
    public void setGpr(int thread, int index, long value) {
        checkThread(thread);
        hart.writeX(index, value);
    }

    @Override
    public long pc(int thread) {
        checkThread(thread);
        return vcpu.resumePc();
    }

    @Override
    public void setPc(int thread, long value) {
        checkThread(thread);
        if (hart.virtualized()) {
            hart.pc = value;
        } else {
            CsrTable.poke(hart, Csr.SEPC, value);   // the guest resumes there
        }
    }

    @Override
    public long fpr(int thread, int index) {
        checkThread(thread);
        return hart.f[index];
    }

    @Override
    public void setFpr(int thread, int index, long bits) {
        checkThread(thread);
        hart.f[index] = bits;
    }

    @Override
    public List<CsrDescriptor> csrs() {
        return HartViews.csrs(hart);
    }

    @Override
    public Long csr(int thread, int number) {
        checkThread(thread);
        return HartViews.csr(hart, number);
    }

    @Override
    public boolean setCsr(int thread, int number, long value) {
        checkThread(thread);
        return HartViews.setCsr(hart, number, value);
    }

    @Override
    public void setMode(int thread, int privilege, boolean virtualized) {
        checkThread(thread);
        if (!virtualized || privilege == Hart.PRV_M) {
            throw new IllegalArgumentException("a hosted guest runs in VS or VU only");
        }
        if (hart.virtualized()) {
            port.setPrivilege(privilege, true);
        } else {
            long hs = CsrTable.peek(hart, Csr.HSTATUS);
            CsrTable.poke(hart, Csr.HSTATUS, privilege == Hart.PRV_S ? hs | Status.HS_SPVP : hs & ~Status.HS_SPVP);
        }
    }

    // ---- memory: "current" is the guest's context, even while the hart is in HS ----

    private static AddressSpace guestContext(AddressSpace space) {
        return space == AddressSpace.CURRENT ? AddressSpace.GUEST_VIRTUAL : space;
    }

    @Override
    public byte[] readMemory(int thread, AddressSpace space, long address, int length) {
        checkThread(thread);
        return views.read(hart, guestContext(space), address, length);
    }

    @Override
    public void writeMemory(int thread, AddressSpace space, long address, byte[] data) {
        checkThread(thread);
        try {
            views.write(hart, guestContext(space), address, data);
        } finally {
            port.memoryWritten();
        }
    }

    // ---- breakpoints ----

    @Override
    public Breakpoints breakpoints() {
        return breakpointOps;
    }

    // ---- VM exits ----

    /** The Vm's exit listener (and the step path's): logs every exit; true when its kind is caught. */
    private boolean exitTaken(VmExit exit) {
        VmExitRecord r = recordOf(exit);
        exitLog.add(r);
        lastExit = r;
        lastExitCaught = caught.contains(r.kind());
        return lastExitCaught;
    }

    private VmExitRecord recordOf(VmExit exit) {
        boolean trapped = !hart.virtualized();       // a WFI Halt leaves the hart in the guest, untrapped
        long cause = trapped ? CsrTable.peek(hart, Csr.SCAUSE) : Cause.VIRTUAL_INSN;
        long tval = trapped ? CsrTable.peek(hart, Csr.STVAL) : 0;
        long tinst = trapped ? CsrTable.peek(hart, Csr.HTINST) : 0;
        String from = guestPrivilege() == Hart.PRV_S ? "VS" : "VU";
        return new VmExitRecord(exitLog.nextSeq(), vcpu.id(), kindOf(exit), cause, from, "HS", exit.pc(), tval,
                exit.address(), tinst, hart.instructionsRetired());
    }

    /** The catchable kind of a hosted exit. */
    static VmExitKind kindOf(VmExit exit) {
        if (exit instanceof VmExit.NestedPageFault || exit instanceof VmExit.MmioRead
                || exit instanceof VmExit.MmioWrite) {
            return VmExitKind.NESTED_PAGE_FAULT;
        }
        if (exit instanceof VmExit.Hypercall || exit instanceof VmExit.SystemDown || exit instanceof VmExit.CpuUp
                || exit instanceof VmExit.CpuDown || exit instanceof VmExit.SendIPI) {
            return VmExitKind.SBI_CALL;
        }
        if (exit instanceof VmExit.SysRegRead || exit instanceof VmExit.SysRegWrite || exit instanceof VmExit.Halt) {
            return VmExitKind.VIRTUAL_INSTRUCTION;
        }
        if (exit instanceof VmExit.ExternalInterrupt) {
            return VmExitKind.INTERRUPT;
        }
        return VmExitKind.EXCEPTION;
    }

    @Override
    public HypervisorViews views() {
        return this;
    }

    @Override
    public TranslationReport translate(int thread, AddressSpace from, long address) {
        checkThread(thread);
        return views.translate(hart, guestContext(from), address);
    }

    @Override
    public List<MappingRegion> mappings(int thread, Table table) {
        checkThread(thread);
        return views.mappings(hart, table);
    }

    @Override
    public long tableRoot(int thread, Table table) {
        checkThread(thread);
        return HartViews.tableRoot(hart, table);
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

    // ---- pflash ----

    @Override
    public PflashControl pflash() {
        return vm.pflashMode() == null ? null : this;
    }

    @Override
    public String mode() {
        return vm.pflashMode().label();
    }

    /** Switches live: the Vm unmaps the pages served so far, so the next access faults into the new mode. */
    @Override
    public String setMode(String mode) {
        PflashMode m = PflashMode.fromLabel(mode);
        if (m == null) {
            return "pflash: unknown mode '" + mode + "' (emulate or passthrough)";
        }
        vm.setPflashMode(m);
        return "pflash mode: " + m.label() + " (pages served so far are unmapped; the next access faults again)";
    }
}
