package dev.hvscope.core.hv;

import dev.hvscope.core.bus.Ram;
import dev.hvscope.core.bus.VirtMemoryMap;
import dev.hvscope.core.hart.Hart;
import dev.hvscope.core.machine.ImageLoader;
import dev.hvscope.core.machine.VirtMachine;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * One guest on the hosted hypervisor: its address space, its vCPU and the exit loop, the Java twin
 * of the h_2_0 tour's {@code main}. Read {@link #run} top to bottom: run the vCPU, look at the
 * exit, handle it (SBI services, nested page faults, the pflash policy, MMIO to the device models),
 * log it, go again.
 *
 * <p>Single vCPU, single thread; {@link #requestStop()} and {@link #setPflashMode} may be called
 * from other threads (they take effect between slices).
 */
public final class Vm {
    /** The board's pflash#1 bank: the passthrough target of the tour. */
    public static final long BOARD_PFLASH1 = VirtMemoryMap.FLASH1_BASE;
    /** Guest instructions per vCPU slice: limits, timers and stop requests are checked between slices. */
    static final long SLICE = 200_000;
    /** The longest a halted guest sleeps before limits are looked at again. */
    private static final long MAX_SLEEP_NANOS = 20_000_000L;

    private final VmSpec spec;
    private final Ram ram;
    private final FrameAllocator frames;
    private final GuestAddressSpace space;
    private final VCpu vcpu;
    private final PflashPolicy pflash;
    private final SbiServices sbi;
    private final MmioDispatch mmio;
    private final ExitLog log = new ExitLog();
    private final long startNanos = System.nanoTime();
    private volatile boolean stopRequested;
    private volatile PflashMode pendingMode;
    private volatile ExitListener exitListener;
    /** An exit a debugger stopped at (or stepped into), not handled yet: the loop handles it first. */
    private VmExit heldExit;

    /** Sees every exit before the loop handles it (a debugger's view of the exit loop). */
    public interface ExitListener {
        /** @return true to stop {@link #run} before handling the exit (it is held, and handled on the next run) */
        boolean exitTaken(VmExit exit);
    }

    private Vm(VirtMachine machine, VmSpec spec, OutputStream console, InputStream consoleIn) {
        this.spec = spec;
        this.ram = machine.bus().ram();
        Hart hart = machine.hart(0);
        this.frames = new FrameAllocator(ram, ram.base(), ram.base() + ram.size());
        this.vcpu = new VCpu(hart, 0);
        this.space = new GuestAddressSpace(ram, frames, hart::hfenceGvma);
        this.pflash = spec.pflash() == null ? null : new PflashPolicy(spec.pflash().gpa(), spec.pflash().size(),
                spec.pflash().hostBase(), spec.pflash().emulateImage(), spec.pflash().mode());
        this.sbi = new SbiServices(vcpu, space, ram, console, consoleIn);
        this.mmio = MmioDispatch.forDevices(spec.emulatedDevices(), console, consoleIn);
    }

    /**
     * Builds the VM on a machine whose hart 0 has the H extension: maps guest RAM and passthrough
     * devices, loads the guest image through the G-stage, and sets the vCPU up at the entry point.
     *
     * @throws IllegalArgumentException for a spec the address space refuses (overlaps, alignment)
     * @throws dev.hvscope.core.machine.MachineException for an image that cannot be loaded
     */
    public static Vm create(VirtMachine machine, VmSpec spec, OutputStream console, InputStream consoleIn) {
        Vm vm = new Vm(machine, spec, console, consoleIn);
        vm.build();
        return vm;
    }

    private void build() {
        for (VmSpec.MemoryRegion r : spec.memoryRegions()) {
            if (r.kind() == VmSpec.MapKind.ALLOC) {
                space.mapAlloc(r.gpa(), r.size(), r.flags(), true);     // the tour populates guest RAM at once
            } else {
                space.mapLinear(r.gpa(), r.gpa(), r.size(), r.flags());
            }
        }
        for (VmSpec.PassthroughDevice d : spec.passthroughDevices()) {
            space.mapLinear(d.gpa(), d.hpa(), d.size(),
                    MappingFlags.READ | MappingFlags.WRITE | MappingFlags.USER | MappingFlags.DEVICE);
        }
        for (VmSpec.EmulatedDevice d : spec.emulatedDevices()) {
            vcpu.addMmioRange(d.gpa(), d.size());
        }
        ImageLoader.load(spec.kernel(), spec.kernelLoadAddr(), new GuestMemoryWriter(space, ram));
        vcpu.setup(space.hgatp(), spec.entryPoint(), spec.dtbGpa());
    }

    public VmSpec spec() {
        return spec;
    }

    public GuestAddressSpace addressSpace() {
        return space;
    }

    public VCpu vcpu() {
        return vcpu;
    }

    public ExitLog exitLog() {
        return log;
    }

    public FrameAllocator frames() {
        return frames;
    }

    /** The pflash mode now (null without a pflash window). */
    public PflashMode pflashMode() {
        PflashMode pending = pendingMode;
        return pending != null ? pending : pflash == null ? null : pflash.mode();
    }

    /**
     * Switches the pflash policy; pages served so far are unmapped and fenced, so the guest's next
     * access faults again and meets the new mode. Safe while the VM runs (applied between slices).
     */
    public void setPflashMode(PflashMode mode) {
        if (pflash == null) {
            throw new IllegalStateException("this VM has no pflash window");
        }
        pendingMode = mode;
    }

    /** Asks {@link #run} to return (outcome STOPPED) soon: within one batch of the vCPU. */
    public void requestStop() {
        stopRequested = true;
        vcpu.interrupt();
    }

    public void setExitListener(ExitListener listener) {
        exitListener = listener;
    }

    /** The exit a stopped run (or a debugger step) left unhandled, or null. */
    public VmExit heldExit() {
        return heldExit;
    }

    /** Keeps an exit a debugger took while stepping the vCPU; the next run (or step) handles it. */
    public void holdExit(VmExit exit) {
        heldExit = exit;
    }

    /** Handles the held exit now (and a pending pflash switch); the result when it ends the VM, else null. */
    public VmResult handleHeldExit() {
        applyPendingMode();
        VmExit exit = heldExit;
        if (exit == null) {
            return null;
        }
        heldExit = null;
        try {
            return handle(exit, Long.MAX_VALUE);
        } finally {
            sbi.flush();
        }
    }

    /**
     * The exit loop. Runs until the guest shuts down, faults beyond repair, halts for good, or a
     * limit is reached ({@code maxInstructions} guest instructions, {@code timeoutNanos} of wall
     * time; 0 = no limit). Never throws for guest behaviour: every end is a {@link VmResult}.
     */
    public VmResult run(long maxInstructions, long timeoutNanos) {
        long deadline = timeoutNanos > 0 ? System.nanoTime() + timeoutNanos : Long.MAX_VALUE;
        try {
            while (true) {
                applyPendingMode();
                if (heldExit != null) {
                    VmExit held = heldExit;
                    heldExit = null;
                    VmResult end = handle(held, deadline);
                    if (end != null) {
                        return end;
                    }
                }
                if (stopRequested) {
                    stopRequested = false;
                    return end(VmResult.Outcome.STOPPED, "stopped on request at pc " + hex(vcpu.resumePc()));
                }
                if (System.nanoTime() >= deadline) {
                    return end(VmResult.Outcome.TIMEOUT, String.format("timeout after %.1f s at guest pc %s",
                            timeoutNanos / 1e9, hex(vcpu.resumePc())));
                }
                long slice = SLICE;
                if (maxInstructions > 0) {
                    long left = maxInstructions - vcpu.instructionsRetired();
                    if (left <= 0) {
                        return end(VmResult.Outcome.INSTRUCTION_LIMIT, String.format(
                                "instruction limit %d reached at guest pc %s", maxInstructions, hex(vcpu.resumePc())));
                    }
                    slice = Math.min(slice, left);
                }
                sbi.updateTimer();

                VmExit exit = vcpu.run(slice);
                if (exit instanceof VmExit.Nothing) {
                    if (vcpu.debugStopped()) {
                        stopRequested = false;                  // stopped anyway: a request now is spent
                        return end(VmResult.Outcome.STOPPED, "debugger stop at pc " + hex(vcpu.resumePc()));
                    }
                    continue;                                   // a slice ended, not an exit
                }
                ExitListener listener = exitListener;
                if (listener != null && listener.exitTaken(exit)) {
                    heldExit = exit;
                    stopRequested = false;
                    return end(VmResult.Outcome.STOPPED, "debugger stop at exit " + exit.kind());
                }
                VmResult end = handle(exit, deadline);
                if (end != null) {
                    return end;
                }
            }
        } finally {
            sbi.flush();
        }
    }

    /** Handles one exit and logs it; returns the result when the exit ends the run. */
    private VmResult handle(VmExit exit, long deadline) {
        if (exit instanceof VmExit.Hypercall h) {
            return logged(exit, sbi.call(h));
        }
        if (exit instanceof VmExit.NestedPageFault f) {
            return nestedPageFault(f);
        }
        if (exit instanceof VmExit.SystemDown d) {
            log(exit, String.format("SRST type %d (%s) reason %d (%s)", d.resetType(), resetType(d.resetType()),
                    d.reason(), d.reason() == 0 ? "none" : "system failure"));
            return d.reason() == 0
                    ? end(VmResult.Outcome.SYSTEM_DOWN, "system down (" + resetType(d.resetType()) + ")")
                    : end(VmResult.Outcome.GUEST_FAILURE, "system down (" + resetType(d.resetType())
                            + ", reason system failure " + d.reason() + ")");
        }
        if (exit instanceof VmExit.Halt h) {
            return halt(h, deadline);
        }
        if (exit instanceof VmExit.MmioRead r) {
            return logged(exit, mmio.read(r, vcpu));
        }
        if (exit instanceof VmExit.MmioWrite w) {
            return logged(exit, mmio.write(w, vcpu));
        }
        if (exit instanceof VmExit.SysRegRead r) {
            vcpu.setGpr(r.reg(), 0);
            vcpu.advancePc(4);
            return logged(exit, String.format("CSR %#x read as 0", r.csr()));
        }
        if (exit instanceof VmExit.SysRegWrite w) {
            vcpu.advancePc(4);
            return logged(exit, String.format("CSR %#x write %#x ignored", w.csr(), w.value()));
        }
        if (exit instanceof VmExit.CpuUp u) {
            vcpu.setSbiReturn(u.targetCpu() == vcpu.id() ? Sbi.ERR_ALREADY_AVAILABLE : Sbi.ERR_INVALID_PARAM, 0);
            return logged(exit, "HSM hart_start: this VM has one vCPU");
        }
        if (exit instanceof VmExit.CpuDown) {
            log(exit, "HSM hart_stop: the only vCPU stopped");
            return end(VmResult.Outcome.HALTED, "vCPU 0 stopped (SBI HSM hart_stop)");
        }
        if (exit instanceof VmExit.SendIPI s) {
            boolean toSelf = s.hartMaskBase() == -1L || (s.hartMaskBase() == 0 && (s.hartMask() & 1) != 0);
            if (toSelf) {
                vcpu.setVirtualInterrupt(VCpu.HVIP_VSSIP, true);
            }
            vcpu.setSbiReturn(Sbi.SUCCESS, 0);
            return logged(exit, toSelf ? "IPI to vCPU 0: hvip.VSSIP set" : "IPI to no vCPU of this VM");
        }
        if (exit instanceof VmExit.ExternalInterrupt) {
            return logged(exit, "host interrupt, guest resumed");
        }
        if (exit instanceof VmExit.FailEntry f) {
            log(exit, f.detail());
            return end(VmResult.Outcome.GUEST_FAULT, "cannot enter the guest: " + f.detail());
        }
        VmExit.UnexpectedTrap t = (VmExit.UnexpectedTrap) exit;
        String what = String.format("guest trap scause %d (%s) at pc %s, stval %s, htval %s: not handled by the hypervisor",
                t.scause(), causeName(t.scause()), hex(t.pc()), hex(t.stval()), hex(t.htval()));
        log(exit, "not handled");
        return end(VmResult.Outcome.GUEST_FAULT, what);
    }

    /** Guest RAM faults in (populate), pflash pages by policy; anything else is a guest error. */
    private VmResult nestedPageFault(VmExit.NestedPageFault f) {
        if (pflash != null && pflash.covers(f.addr())) {
            return logged(f, pflash.serve(f.addr(), space, ram));
        }
        if (space.handlePageFault(f.addr(), f.accessFlags())) {
            return logged(f, String.format("populated gpa %#x -> hpa %#x", f.addr() & -GuestAddressSpace.PAGE_SIZE,
                    space.translate(f.addr() & -GuestAddressSpace.PAGE_SIZE)));
        }
        log(f, "no mapping can serve it");
        String access = f.accessFlags() == MappingFlags.EXECUTE ? "instruction fetch"
                : f.accessFlags() == MappingFlags.WRITE ? "store" : "load";
        return end(VmResult.Outcome.GUEST_FAULT, String.format(
                "guest %s at gpa %s (gva %s, pc %s) is outside every guest memory region and device",
                access, hex(f.addr()), hex(f.gva()), hex(f.pc())));
    }

    /** WFI: sleep until the guest's timer, then inject VSTIP; with no timer set nothing can wake it. */
    private VmResult halt(VmExit.Halt h, long deadline) {
        if (!sbi.timerArmed()) {
            log(h, "WFI with no timer armed");
            return end(VmResult.Outcome.HALTED, "guest waits (WFI) at pc " + hex(h.pc())
                    + " with no timer set: nothing can wake it");
        }
        log(h, "WFI: waiting for the guest timer");
        long nanos = Math.min(MAX_SLEEP_NANOS, Math.max(0, sbi.nanosUntilTimer()));
        nanos = Math.min(nanos, Math.max(0, deadline - System.nanoTime()));
        if (nanos > 0) {
            try {
                Thread.sleep(nanos / 1_000_000L, (int) (nanos % 1_000_000L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopRequested = true;
            }
        }
        return null;
    }

    private void applyPendingMode() {
        PflashMode m = pendingMode;
        if (m != null) {
            pendingMode = null;
            pflash.setMode(m, space);
        }
    }

    private VmResult logged(VmExit exit, String handling) {
        log(exit, handling);
        return null;
    }

    private void log(VmExit exit, String handling) {
        log.add(exit, handling, vcpu.instructionsRetired(), System.nanoTime() - startNanos);
    }

    private VmResult end(VmResult.Outcome outcome, String message) {
        return new VmResult(outcome, message, vcpu.instructionsRetired(), log, pflashMode());
    }

    private static String resetType(long type) {
        return type == 0 ? "shutdown" : type == 1 ? "cold reboot" : type == 2 ? "warm reboot" : "type " + type;
    }

    private static String causeName(long cause) {
        switch ((int) cause) {
            case 0: return "instruction address misaligned";
            case 1: return "instruction access fault";
            case 2: return "illegal instruction";
            case 4: return "load address misaligned";
            case 5: return "load access fault";
            case 6: return "store address misaligned";
            case 7: return "store access fault";
            case 22: return "virtual instruction";
            default: return "exception";
        }
    }

    private static String hex(long v) {
        return String.format("%#x", v);
    }

    /** Writes one console byte; flushes at line ends so the terminal sees whole lines promptly. */
    static void writeConsole(OutputStream out, int b) {
        try {
            out.write(b);
            if (b == '\n') {
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
