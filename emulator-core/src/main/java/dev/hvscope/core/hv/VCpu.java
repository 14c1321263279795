package dev.hvscope.core.hv;

import dev.hvscope.core.hart.Cause;
import dev.hvscope.core.hart.Csr;
import dev.hvscope.core.hart.CsrTable;
import dev.hvscope.core.hart.DebugPort;
import dev.hvscope.core.hart.Executor;
import dev.hvscope.core.hart.Hart;
import dev.hvscope.core.hart.Status;
import dev.hvscope.core.isa.Rvc;
import java.util.ArrayList;
import java.util.List;

/**
 * A virtual CPU on one hart of the machine in hosted-hypervisor mode: the hart itself runs the guest
 * in VS/VU with the real H extension, and each trap that would enter HS comes back here as a
 * {@link VmExit} (the Java twin of the tour's {@code vcpu.run()}). The hypervisor's HS state is
 * the hart's own HS CSRs; {@link #run} enters the guest as {@code sret} would.
 */
public final class VCpu {
    /** Exceptions HS hands straight to the guest: causes 0, 2, 3, 8, 12, 13, 15 (the tour's hedeleg). */
    public static final long HEDELEG = 0xB10DL;
    /** VS software, timer and external interrupts go to the guest (the tour's hideleg). */
    public static final long HIDELEG = 0x444L;
    /** hvip.VSSIP and hvip.VSTIP. */
    public static final long HVIP_VSSIP = 1L << Cause.IRQ_VSSI;
    public static final long HVIP_VSTIP = 1L << Cause.IRQ_VSTI;
    /** Instructions per Executor batch. */
    static final int BATCH = 10_000;

    private static final long WFI = 0x1050_0073L;

    private final Hart hart;
    private final int id;
    private final List<long[]> mmioRanges = new ArrayList<>();
    private boolean entered;
    private volatile DebugPort debugPort;
    private volatile boolean interruptRequested;

    public VCpu(Hart hart, int id) {
        this.hart = hart;
        this.id = id;
        hart.setHostedHypervisor(true);
    }

    public Hart hart() {
        return hart;
    }

    public int id() {
        return id;
    }

    /**
     * The tour's setup_csrs plus what its firmware did for it: M delegates every exception and the S
     * interrupts to HS (so guest traps land in the Java HS), PMP opens all memory to S/U, counters are
     * visible; then hedeleg/hideleg/hvip/hcounteren, hstatus.SPV|SPVP (enter VS), vsatp = 0, hgatp,
     * sepc = entry, a0 = vCPU id, a1 = device tree GPA (or 0).
     */
    public void setup(long hgatp, long entryGpa, long dtbGpa) {
        poke(Csr.MEDELEG, -1L);                // WARL: every delegable exception
        poke(Csr.MIDELEG, 0x222L);             // SSI, STI, SEI
        poke(Csr.MCOUNTEREN, 0xffff_ffffL);
        poke(Csr.PMPADDR0, -1L);
        poke(Csr.PMPCFG0, 0x1fL);              // NAPOT over everything, RWX
        hart.enableFp();
        poke(Csr.HEDELEG, HEDELEG);
        poke(Csr.HIDELEG, HIDELEG);
        poke(Csr.HVIP, 0);
        poke(Csr.HIE, 0);
        poke(Csr.HCOUNTEREN, 0xffff_ffffL);
        poke(Csr.SCOUNTEREN, 0xffff_ffffL);
        poke(Csr.HSTATUS, Status.HS_SPV | Status.HS_SPVP);
        poke(Csr.VSSTATUS, 1L << Status.FS_SHIFT);
        poke(Csr.VSATP, 0);
        poke(Csr.HGATP, hgatp);
        hart.hfenceGvma();
        poke(Csr.SEPC, entryGpa);
        java.util.Arrays.fill(hart.x, 0);
        hart.writeX(10, id);
        hart.writeX(11, dtbGpa);
        entered = false;
    }

    /** Guest-physical ranges of emulated devices: guest-page faults there come back as MMIO exits. */
    public void addMmioRange(long gpa, long size) {
        mmioRanges.add(new long[] {gpa, size});
    }

    /**
     * Runs the guest until its next exit, or until {@code budget} instructions retired without one
     * ({@link VmExit.Nothing}). After an exit the hart is in HS; the next call re-enters the guest
     * at sepc (so the handler may move sepc or change registers first).
     */
    public VmExit run(long budget) {
        VmExit fail = enter();
        if (fail != null) {
            return fail;
        }
        long start = hart.instructionsRetired();
        while (true) {
            long left = budget - (hart.instructionsRetired() - start);
            if (left <= 0) {
                return new VmExit.Nothing(hart.pc);
            }
            Executor.run(hart, (int) Math.min(BATCH, left));
            VmExit exit = takeExit();
            if (exit != null) {
                return exit;
            }
            if (interruptRequested) {
                interruptRequested = false;
                return new VmExit.Nothing(hart.pc);
            }
            if (debugStopped()) {
                return new VmExit.Nothing(hart.pc);
            }
        }
    }

    /**
     * Enters the guest as sret would when the hart is in HS (after an exit); null when the hart
     * is in the guest now, FailEntry when it cannot enter. A debugger steps the guest with
     * {@code enter()}, one instruction, {@link #takeExit()}.
     */
    public VmExit enter() {
        if (!hart.virtualized()) {
            if ((CsrTable.peek(hart, Csr.HGATP) >>> 60) != 8) {
                return new VmExit.FailEntry(peek(Csr.SEPC), 1, "hgatp is not Sv39x4");
            }
            hart.enterGuest();
            entered = true;
        }
        return null;
    }

    /** The exit the instructions just executed caused (trap into HS, or WFI waiting), or null. */
    public VmExit takeExit() {
        if (hart.takeVmExit()) {
            return decodeExit();
        }
        if (hart.isWaitingForInterrupt() && hart.virtualized()) {
            // WFI (never compressed) retired and the hart waits: report the WFI's own pc.
            return new VmExit.Halt(hart.pc - 4);
        }
        return null;
    }

    /**
     * Lets a debugger end slices at breakpoints and watchpoints: {@link #run} then returns
     * {@link VmExit.Nothing} with the port's stop flags set. Null detaches (no cost per batch).
     */
    public void setDebugPort(DebugPort port) {
        debugPort = port;
    }

    /** The last batch stopped at a debugger breakpoint or watchpoint. */
    public boolean debugStopped() {
        DebugPort p = debugPort;
        return p != null && (p.breakpointHit() || p.watchpointHit());
    }

    /** Ends the current slice soon (from any thread); {@link #run} returns {@link VmExit.Nothing}. */
    public void interrupt() {
        interruptRequested = true;
        hart.endBatch();
    }

    /** Whether the guest has been entered since {@link #setup}. */
    public boolean started() {
        return entered;
    }

    /** Reads the trap CSRs of the exit just taken into HS and names the exit. */
    private VmExit decodeExit() {
        long scause = peek(Csr.SCAUSE);
        long stval = peek(Csr.STVAL);
        long htval = peek(Csr.HTVAL);
        long htinst = peek(Csr.HTINST);
        long sepc = peek(Csr.SEPC);
        if (scause < 0) {
            return new VmExit.ExternalInterrupt(sepc, scause & 63);
        }
        switch ((int) scause) {
            case Cause.ECALL_VS:
                poke(Csr.SEPC, sepc + 4);      // as the tour: the call returns past the ecall
                return sbiCall(sepc);
            case Cause.INSN_GUEST_PAGE_FAULT:
            case Cause.LOAD_GUEST_PAGE_FAULT:
            case Cause.STORE_GUEST_PAGE_FAULT: {
                long gpa = htval << 2 | (stval & 3);
                int access = scause == Cause.INSN_GUEST_PAGE_FAULT ? MappingFlags.EXECUTE
                        : scause == Cause.LOAD_GUEST_PAGE_FAULT ? MappingFlags.READ : MappingFlags.WRITE;
                if (access != MappingFlags.EXECUTE && inMmio(gpa)) {
                    VmExit mmio = decodeMmio(sepc, gpa, htinst);
                    if (mmio != null) {
                        return mmio;
                    }
                }
                return new VmExit.NestedPageFault(sepc, gpa, access, stval);
            }
            case Cause.VIRTUAL_INSN:
                return virtualInstruction(sepc, stval, htval, htinst);
            default:
                return new VmExit.UnexpectedTrap(sepc, scause, stval, htval, htinst);
        }
    }

    /** SBI: a7 = EID, a6 = FID, a0..a5 arguments; HSM, SRST and IPI get their own exits (as axvcpu). */
    private VmExit sbiCall(long pc) {
        long eid = hart.x[17];
        long fid = hart.x[16];
        long[] a = {hart.x[10], hart.x[11], hart.x[12], hart.x[13], hart.x[14], hart.x[15]};
        if (eid == Sbi.EXT_SRST && fid == 0) {
            return new VmExit.SystemDown(pc, a[0], a[1]);
        }
        if (eid == Sbi.LEGACY_SHUTDOWN) {
            return new VmExit.SystemDown(pc, 0, 0);
        }
        if (eid == Sbi.EXT_HSM && fid == 0) {
            return new VmExit.CpuUp(pc, a[0], a[1], a[2]);
        }
        if (eid == Sbi.EXT_HSM && fid == 1) {
            return new VmExit.CpuDown(pc, 0);
        }
        if (eid == Sbi.EXT_IPI && fid == 0) {
            return new VmExit.SendIPI(pc, a[0], a[1]);
        }
        return new VmExit.Hypercall(pc, eid, fid, a);
    }

    private boolean inMmio(long gpa) {
        for (long[] r : mmioRanges) {
            if (gpa >= r[0] && gpa - r[0] < r[1]) {
                return true;
            }
        }
        return false;
    }

    /**
     * A load or store from htinst (the transformed instruction; bit 1 clear = compressed original),
     * or, when the hart gave none, from the instruction itself fetched through the guest's
     * translation. Null when it is neither a plain load nor a store.
     */
    private VmExit decodeMmio(long pc, long gpa, long htinst) {
        int insn;
        int length;
        if (htinst != 0 && (htinst & 1) == 1) {
            insn = (int) (htinst | 2);
            length = (htinst & 2) == 0 ? 2 : 4;
        } else {
            long raw = hart.readGuestInstruction(pc);
            if (raw == -1L) {
                return null;
            }
            length = (raw & 3) == 3 ? 4 : 2;
            insn = length == 2 ? Rvc.expand((int) raw) : (int) raw;
        }
        int opcode = insn & 0x7f;
        int funct3 = (insn >>> 12) & 7;
        if (opcode == 0x03 && funct3 != 7) {
            return new VmExit.MmioRead(pc, gpa, 1 << (funct3 & 3), (insn >>> 7) & 31, funct3 < 4, length);
        }
        if (opcode == 0x23 && funct3 < 4) {
            long data = hart.x[(insn >>> 20) & 31];
            int width = 1 << funct3;
            return new VmExit.MmioWrite(pc, gpa, width, width == 8 ? data : data & ((1L << (8 * width)) - 1), length);
        }
        return null;
    }

    private VmExit virtualInstruction(long pc, long stval, long htval, long htinst) {
        long insn = stval != 0 ? stval : hart.readGuestInstruction(pc);
        if (insn == WFI) {
            poke(Csr.SEPC, pc + 4);
            return new VmExit.Halt(pc);
        }
        int opcode = (int) insn & 0x7f;
        int funct3 = (int) (insn >>> 12) & 7;
        if (opcode == 0x73 && funct3 != 0 && funct3 != 4) {
            int csr = (int) (insn >>> 20) & 0xfff;
            int rd = (int) (insn >>> 7) & 31;
            int rs1 = (int) (insn >>> 15) & 31;
            boolean setOrClear = (funct3 & 3) != 1;
            if (setOrClear && rs1 == 0) {
                return new VmExit.SysRegRead(pc, csr, rd);
            }
            long value = funct3 >= 5 ? rs1 : hart.x[rs1];
            return new VmExit.SysRegWrite(pc, csr, value);
        }
        return new VmExit.UnexpectedTrap(pc, Cause.VIRTUAL_INSN, stval, htval, htinst);
    }

    // ---- what exit handlers do to the guest ----

    /** Guest pc to resume at (sepc while the hart is in HS). */
    public long resumePc() {
        return hart.virtualized() ? hart.pc : peek(Csr.SEPC);
    }

    /** Moves the resume pc past the instruction that exited. */
    public void advancePc(int length) {
        poke(Csr.SEPC, peek(Csr.SEPC) + length);
    }

    public long gpr(int reg) {
        return hart.x[reg];
    }

    public void setGpr(int reg, long value) {
        hart.writeX(reg, value);
    }

    /** SBI return: a0 = error, a1 = value. */
    public void setSbiReturn(long error, long value) {
        hart.writeX(10, error);
        hart.writeX(11, value);
    }

    /** Finishes an emulated MMIO load: the value (extended as the load asks) into rd, pc past it. */
    public void completeMmioRead(VmExit.MmioRead r, long value) {
        int bits = 8 * r.width();
        long v = bits == 64 ? value : r.signExtend() ? value << (64 - bits) >> (64 - bits)
                : value & ((1L << bits) - 1);
        hart.writeX(r.reg(), v);
        advancePc(r.insnLength());
    }

    /** hvip bits the hypervisor injects (VSSIP, VSTIP, VSEIP). */
    public void setVirtualInterrupt(long bit, boolean pending) {
        long hvip = peek(Csr.HVIP);
        poke(Csr.HVIP, pending ? hvip | bit : hvip & ~bit);
    }

    /** The guest's view of time (mtime + htimedelta). */
    public long time() {
        return peek(Csr.TIME) + peek(Csr.HTIMEDELTA);
    }

    public long instructionsRetired() {
        return hart.instructionsRetired();
    }

    private long peek(int csr) {
        Long v = CsrTable.peek(hart, csr);
        if (v == null) {
            throw new IllegalStateException("CSR " + Integer.toHexString(csr) + " missing: the hart has no H extension");
        }
        return v;
    }

    private void poke(int csr, long value) {
        if (!CsrTable.poke(hart, csr, value)) {
            throw new IllegalStateException("CSR " + Integer.toHexString(csr) + " missing: the hart has no H extension");
        }
    }
}
