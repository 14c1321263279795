package dev.hvscope.core.hart;

import dev.hvscope.core.bus.Bus;
import dev.hvscope.core.bus.BusFault;
import dev.hvscope.core.bus.Ram;
import dev.hvscope.core.mmu.AccessType;
import dev.hvscope.core.mmu.PageWalker;
import dev.hvscope.core.mmu.PhysAccessFault;
import dev.hvscope.core.mmu.PhysReader;
import dev.hvscope.core.mmu.Pmp;
import dev.hvscope.core.mmu.Translation;
import dev.hvscope.core.mmu.TranslationRequest;
import java.util.function.LongSupplier;

/**
 * One RISC-V hart: architectural state (registers, privilege, V, CSR fields) and the memory path
 * (TLB fast path, walker and PMP on the slow path). Instruction semantics live in the Rv* classes;
 * the run loop in {@link Executor}.
 */
public final class Hart {
    public static final int PRV_U = 0;
    public static final int PRV_S = 1;
    public static final int PRV_M = 3;

    private static final long PAGE_MASK = ~0xfffL;

    final int hartId;
    final Bus bus;
    final Ram ram;
    final boolean hExtension;

    /** Integer registers; x[0] is kept zero by {@link #writeX}. */
    public final long[] x = new long[32];
    /** FP registers as raw bits; single-precision values are NaN-boxed. */
    public final long[] f = new long[32];
    public long pc;

    int priv = PRV_M;
    boolean virt;

    int fflags;
    int frm;
    /** Scratch exception flags of the FP instruction being executed (no allocation per instruction). */
    public final dev.hvscope.core.hart.fp.FpFlags fpFlags = new dev.hvscope.core.hart.fp.FpFlags();

    // Machine-level CSR state.
    long mstatus;
    long misa;
    long medeleg;
    long mideleg;
    long mie;
    /** Software-writable pending bits (SSIP, STIP without Sstc, SEIP written by M-mode). */
    long mipSoftware;
    /** Pending lines driven by devices: MSIP, MTIP, MEIP, SEIP. */
    long mipHardware;
    long mtvec;
    long mscratch;
    long mepc;
    long mcause;
    long mtval;
    long mtval2;
    long mtinst;
    long mcounteren;
    long menvcfg;
    long mcountinhibit;
    /** mhpmcounter3..31 and mhpmevent3..31 (indexed by counter number): storage only, no events count. */
    final long[] hpmCounter = new long[32];
    final long[] hpmEvent = new long[32];

    // Supervisor-level.
    long stvec;
    long sscratch;
    long sepc;
    long scause;
    long stval;
    long satp;
    long scounteren;
    long senvcfg;
    long stimecmp = -1L;

    // Hypervisor and virtual-supervisor: always present, so a debugger sees both sets.
    long hstatus;
    long hedeleg;
    long hideleg;
    long hvip;
    long hcounteren;
    long htimedelta;
    long htval;
    long htinst;
    long hgatp;
    long henvcfg;
    long hgeie;
    long vsstatus;
    long vstvec;
    long vsscratch;
    long vsepc;
    long vscause;
    long vstval;
    long vsatp;
    long vstimecmp = -1L;

    /** Instructions retired before the current batch. */
    long instret;
    /** minstret minus the instructions retired: what writes to minstret moved it by. */
    long instretOffset;
    /** mcycle minus the instructions retired (a cycle is an instruction here). */
    long cycleOffset;
    /** Page walks done for this hart's own accesses (TLB misses), for statistics and tests. */
    long pageWalks;
    /** LR reservation: physical address, or -1. */
    long reservation = -1L;
    /** The last batch stopped at a debugger breakpoint (a BREAK entry in the decode cache). */
    boolean breakpointHit;
    /**
     * Hosted-hypervisor mode: the emulator itself plays HS-mode. A trap from V=1 into HS is entered
     * architecturally (scause, stval, htval, htinst, sepc, hstatus.SPV/SPVP/GVA all written) and then
     * ends the batch with {@link #vmExit} set, so Java handles it as a VM exit.
     */
    boolean hostedHypervisor;
    /** The last batch ended because the guest trapped into HS (hosted mode). */
    boolean vmExit;
    /** The hart executed WFI and waits for an interrupt. */
    boolean waitingForInterrupt;
    /** Debugger hooks: null until a debugger asks for them (one null check on slow paths). */
    DebugPort debug;

    final Pmp pmp = new Pmp();
    /** Receives slow-path events when set (tracing); null costs one check on slow paths only. */
    HartObserver observer;
    final LongSupplier time;

    // Memory path.
    final Tlb tlb = new Tlb();
    private final long[] tlbTag = tlb.tag;
    private final byte[][] tlbChunk = tlb.chunk;
    private final int[] tlbOffset = tlb.offset;
    /** Decoded instructions and translated blocks by physical page, shared by the machine's harts. */
    final CodeCache codeCache;
    /**
     * The decoded page of the instruction being executed, and its virtual page number (pc >>> 12) in
     * the current regime, or -1 when the next fetch must look its page up again (regime change, TLB
     * flush, the page was written, an instruction straddling two pages, a page PMP splits).
     */
    DecodedPage fetchPage;
    long fetchVpn = -1L;
    /** Scratch page for the one instruction that straddles two pages (decoded at each execution). */
    private final DecodedPage straddlePage = new DecodedPage(-1L, -1L);
    /** This hart's copies of pages whose virtual page holds a debugger breakpoint (BREAK planted). */
    private final java.util.List<DecodedPage> breakpointPages = new java.util.ArrayList<>();
    private final PageWalker walker;
    private final TranslationRequest request = new TranslationRequest();
    private final Translation translation = new Translation();
    int loadBase;
    int storeBase;
    int fetchTlbBase;
    private int dataRegime;

    // The trap being raised by the current instruction.
    final TrapException trap = new TrapException();
    long trapCause;
    long trapTval;
    long trapTval2;
    long trapTinst;
    boolean trapGva;

    /** The run loop executes instructions while batchExecuted < batchLimit; slow paths cut it to end a batch. */
    int batchLimit;
    int batchExecuted;

    /** A hart with a code cache of its own. */
    public Hart(int hartId, Bus bus, boolean hExtension, LongSupplier time) {
        this(hartId, bus, hExtension, time, new CodeCache(bus.ram()));
    }

    /** A hart sharing decoded code with the other harts of its machine (all run on one thread). */
    public Hart(int hartId, Bus bus, boolean hExtension, LongSupplier time, CodeCache codeCache) {
        this.hartId = hartId;
        this.bus = bus;
        this.ram = bus.ram();
        this.hExtension = hExtension;
        this.time = time;
        this.codeCache = codeCache;
        this.walker = new PageWalker(new PteMemory());
        codeCache.attach(this);
        reset(0);
    }

    /** Power-on state: M-mode at the given pc, CSRs at their reset values. */
    public void reset(long resetPc) {
        java.util.Arrays.fill(x, 0);
        java.util.Arrays.fill(f, 0);
        pc = resetPc;
        priv = PRV_M;
        virt = false;
        misa = (2L << 62) | ext('I') | ext('M') | ext('A') | ext('F') | ext('D') | ext('C') | ext('S') | ext('U')
                | (hExtension ? ext('H') : 0);
        mstatus = (2L << 32) | (2L << 34);
        vsstatus = 2L << 32;
        hstatus = 2L << 32;
        mideleg = hExtension ? CsrTable.MIDELEG_H_FIXED : 0;
        mie = 0;
        mipSoftware = 0;
        medeleg = 0;
        java.util.Arrays.fill(hpmCounter, 0);
        java.util.Arrays.fill(hpmEvent, 0);
        satp = 0;
        vsatp = 0;
        hgatp = 0;
        menvcfg = 0;
        stimecmp = -1L;
        vstimecmp = -1L;
        reservation = -1L;
        waitingForInterrupt = false;
        codeCache.dropAll();   // loaders may write RAM behind the caches before a (re)start
        flushAllTranslations();
        updateRegime();
    }

    private static long ext(char c) {
        return 1L << (c - 'A');
    }

    public int hartId() {
        return hartId;
    }

    public int privilege() {
        return priv;
    }

    public boolean virtualized() {
        return virt;
    }

    public boolean hasHypervisor() {
        return hExtension;
    }

    public boolean isWaitingForInterrupt() {
        return waitingForInterrupt;
    }

    public long instructionsRetired() {
        return instret;
    }

    /** Page walks done for this hart's accesses so far (TLB misses that needed the walker). */
    public long pageWalks() {
        return pageWalks;
    }

    // ---- register helpers used by the instruction groups ----

    /** Turns the FP unit on (mstatus.FS = Initial), as firmware does before using FP; for tests and tools. */
    public void enableFp() {
        if ((mstatus & Status.FS) == 0) {
            mstatus |= 1L << Status.FS_SHIFT;
        }
    }

    public void writeX(int rd, long value) {
        if (rd != 0) {
            x[rd] = value;
        }
    }

    /** Writes an FP register (raw bits) and marks the FP state dirty. */
    public void writeF(int rd, long bits) {
        f[rd] = bits;
        markFpDirty();
    }

    /** Raises illegal instruction unless FP is enabled (mstatus.FS, and vsstatus.FS when V=1). */
    public void requireFp() {
        if ((mstatus & Status.FS) == 0 || (virt && (vsstatus & Status.FS) == 0)) {
            throw illegalInstruction();
        }
    }

    void markFpDirty() {
        mstatus |= Status.FS | Status.SD;
        if (virt) {
            vsstatus |= Status.FS | Status.SD;
        }
    }

    /** Resolves an rm field (7 = dynamic) to 0..4; raises illegal instruction for reserved values. */
    public int roundingMode(int rm) {
        int mode = rm == 7 ? frm : rm;
        if (mode > 4) {
            throw illegalInstruction();
        }
        return mode;
    }

    /** ORs exception flags into fflags and marks the FP state dirty. */
    public void accrueFflags(int flags) {
        if (flags != 0) {
            fflags |= flags;
            markFpDirty();
        }
    }

    // ---- traps ----

    /** Prepares a synchronous exception; the caller throws the result. */
    public TrapException raise(int cause, long tval) {
        return raise(cause, tval, 0, 0, false);
    }

    TrapException raise(int cause, long tval, long tval2, long tinst, boolean gva) {
        trapCause = cause;
        trapTval = tval;
        trapTval2 = tval2;
        trapTinst = tinst;
        trapGva = gva;
        return trap;
    }

    /** Raises illegal instruction (xtval = the instruction bits). */
    public TrapException illegalInstruction() {
        return raise(Cause.ILLEGAL_INSN, currentRaw());
    }

    /** Raises a virtual-instruction exception (xtval = the instruction bits). */
    public TrapException virtualInstruction() {
        return raise(Cause.VIRTUAL_INSN, currentRaw());
    }

    /**
     * The bits of the current instruction as fetched: 16 for compressed, 32 otherwise. The
     * instruction at {@link #pc} came from {@link #fetchPage} (blocks run inside the page they were
     * entered from).
     */
    long currentRaw() {
        return fetchPage == null ? 0 : fetchPage.raw(DecodedPage.index(pc));
    }

    /** Takes the pending synchronous trap raised by the current instruction at {@link #pc}. */
    void takePendingTrap() {
        if (debug != null) {   // debugger hook: a watchpoint stop, or a trap the debugger watches
            takePendingTrapDebugged();
            return;
        }
        Traps.take(this, trapCause, trapTval, trapTval2, trapTinst, trapGva);
    }

    // ---- debugger hooks (see DebugPort) ----

    /** The debugger's port to this hart, created on first use. */
    public DebugPort debugPort() {
        if (debug == null) {
            debug = new DebugPort(this);
        }
        return debug;
    }

    private void takePendingTrapDebugged() {
        if (debug.takeWatchStop()) {
            batchLimit = 0;   // the instruction at pc did not execute; the run loop stops before it
            return;
        }
        int fromPriv = priv;
        boolean fromVirt = virt;
        long epc = pc;
        Traps.take(this, trapCause, trapTval, trapTval2, trapTinst, trapGva);
        if (debug.trapTaken(trapCause, fromPriv, fromVirt, epc, trapTval, trapTval2, trapTinst)) {
            batchLimit = 0;
        }
    }

    /** The interrupt to take before a batch, or 0; a debugger single-step may mask them. */
    long pendingInterruptUnlessMasked() {
        if (debug != null && debug.maskInterrupts) {
            return 0;
        }
        return Traps.pendingInterrupt(this);
    }

    /** Takes an interrupt before a batch; true when a debugger wants to stop right at the handler. */
    boolean takeInterrupt(long cause) {
        if (debug == null) {
            Traps.take(this, cause, 0, 0, 0, false);
            return false;
        }
        int fromPriv = priv;
        boolean fromVirt = virt;
        long epc = pc;
        Traps.take(this, cause, 0, 0, 0, false);
        return debug.trapTaken(cause, fromPriv, fromVirt, epc, 0, 0, 0);
    }

    // ---- privilege and regimes ----

    void setPrivilege(int newPriv, boolean newVirt) {
        if (newPriv != priv || newVirt != virt) {
            priv = newPriv;
            virt = newVirt;
        }
        updateRegime();
    }

    /** Recomputes which TLB tables serve the current mode (no flush needed). */
    void updateRegime() {
        int fetchRegime = fetchRegimeNow();
        int effPriv = priv;
        boolean effVirt = virt;
        if (priv == PRV_M && (mstatus & Status.MPRV) != 0) {
            effPriv = (int) ((mstatus & Status.MPP) >>> Status.MPP_SHIFT);
            effVirt = effPriv != PRV_M && (mstatus & Status.MPV) != 0;
        }
        dataRegime = dataRegimeFor(effPriv, effVirt);
        loadBase = tlb.base(dataRegime, Tlb.LOAD);
        storeBase = tlb.base(dataRegime, Tlb.STORE);
        fetchTlbBase = tlb.base(fetchRegime, Tlb.FETCH);
        fetchVpn = -1L;
    }

    private int dataRegimeFor(int p, boolean v) {
        if (p == PRV_M) {
            return Tlb.M;
        }
        if (!v) {
            return p == PRV_U ? Tlb.U : ((mstatus & Status.SUM) != 0 ? Tlb.S_SUM : Tlb.S);
        }
        return p == PRV_U ? Tlb.VU : ((vsstatus & Status.SUM) != 0 ? Tlb.VS_SUM : Tlb.VS);
    }

    /**
     * Drops every cached translation (PMP change, MXR change, reset). Decoded code stays: it is kept
     * by physical page and dropped only when its page is written.
     */
    void flushAllTranslations() {
        tlb.flushAll();
        selectAddressSpaces();
    }

    /**
     * satp, vsatp or hgatp was written: the TLB switches to that address space's bank (kept if it
     * was seen recently).
     */
    void addressSpaceChanged(boolean virtRegimes) {
        selectAddressSpaces();
    }

    private void selectAddressSpaces() {
        tlb.selectSupervisor(satp);
        tlb.selectGuest(vsatp, hgatp);
        updateRegime();
    }

    /** SFENCE.VMA with V=0: the S/U translations (of one ASID when asid >= 0). */
    void fenceSupervisor(long asid) {
        tlb.flushSupervisor(asid);
        fetchVpn = -1L;
    }

    /** HFENCE.GVMA / HFENCE.VVMA / SFENCE.VMA in VS: guest translations of a VMID and/or ASID (-1: all). */
    void fenceGuest(long vmid, long asid) {
        tlb.flushGuest(vmid, asid);
        fetchVpn = -1L;
    }

    /**
     * fence.i. Stores to RAM drop the decoded pages they hit at once, so only code fetched from
     * devices (ROM, flash), whose contents change behind the harts' backs, is forgotten.
     */
    void fenceInstructions() {
        codeCache.dropDevicePages();
        fetchVpn = -1L;
    }

    /** A debugger wrote memory: decoded code may come from there. */
    void memoryWrittenBehind() {
        codeCache.dropAll();
    }

    /**
     * The code cache dropped the page at ppage (-1: every page): stop fetching from it and drop this
     * hart's breakpoint copies of it.
     */
    void codePageWritten(long ppage) {
        if (fetchPage != null && (ppage == -1L || fetchPage.ppage == ppage)) {
            fetchVpn = -1L;
        }
        if (!breakpointPages.isEmpty()) {
            breakpointPages.removeIf(p -> {
                boolean hit = ppage == -1L || p.ppage == ppage;
                if (hit) {
                    codeCache.drop(p);
                }
                return hit;
            });
        }
    }

    /** The debugger's breakpoints changed: pages with BREAK entries are made anew on next fetch. */
    void breakpointsChanged() {
        for (DecodedPage p : breakpointPages) {
            codeCache.drop(p);
        }
        breakpointPages.clear();
        tlb.forgetCodePages();
        fetchVpn = -1L;
    }

    // ---- loads and stores (fast paths: one tag compare, then RAM) ----

    /** Loads 1, 2, 4 or 8 bytes at a virtual address, zero-extended; traps on faults. */
    public long load(long va, int size) {
        switch (size) {
            case 1: return load8(va) & 0xffL;
            case 2: return load16(va) & 0xffffL;
            case 4: return load32(va) & 0xffff_ffffL;
            default: return load64(va);
        }
    }

    /** Stores the low size bytes at a virtual address; traps on faults. */
    public void store(long va, int size, long value) {
        switch (size) {
            case 1: store8(va, value); return;
            case 2: store16(va, value); return;
            case 4: store32(va, value); return;
            default: store64(va, value);
        }
    }

    public long load64(long va) {
        int slot = loadBase + ((int) (va >>> 12) & (Tlb.ENTRIES - 1));
        if (tlbTag[slot] == (va & (PAGE_MASK | 7))) {
            return Ram.get64(tlbChunk[slot], tlbOffset[slot] + ((int) va & 0xfff));
        }
        return loadSlow(va, 8);
    }

    /** Sign-extended 32-bit load. */
    public long load32(long va) {
        int slot = loadBase + ((int) (va >>> 12) & (Tlb.ENTRIES - 1));
        if (tlbTag[slot] == (va & (PAGE_MASK | 3))) {
            return Ram.get32(tlbChunk[slot], tlbOffset[slot] + ((int) va & 0xfff));
        }
        return (int) loadSlow(va, 4);
    }

    /** Sign-extended 16-bit load. */
    public long load16(long va) {
        int slot = loadBase + ((int) (va >>> 12) & (Tlb.ENTRIES - 1));
        if (tlbTag[slot] == (va & (PAGE_MASK | 1))) {
            return Ram.get16(tlbChunk[slot], tlbOffset[slot] + ((int) va & 0xfff));
        }
        return (short) loadSlow(va, 2);
    }

    /** Sign-extended 8-bit load. */
    public long load8(long va) {
        int slot = loadBase + ((int) (va >>> 12) & (Tlb.ENTRIES - 1));
        if (tlbTag[slot] == (va & PAGE_MASK)) {
            return tlbChunk[slot][tlbOffset[slot] + ((int) va & 0xfff)];
        }
        return (byte) loadSlow(va, 1);
    }

    public void store64(long va, long v) {
        int slot = storeBase + ((int) (va >>> 12) & (Tlb.ENTRIES - 1));
        if (tlbTag[slot] == (va & (PAGE_MASK | 7))) {
            Ram.set64(tlbChunk[slot], tlbOffset[slot] + ((int) va & 0xfff), v);
            return;
        }
        storeSlow(va, 8, v);
    }

    public void store32(long va, long v) {
        int slot = storeBase + ((int) (va >>> 12) & (Tlb.ENTRIES - 1));
        if (tlbTag[slot] == (va & (PAGE_MASK | 3))) {
            Ram.set32(tlbChunk[slot], tlbOffset[slot] + ((int) va & 0xfff), v);
            return;
        }
        storeSlow(va, 4, v);
    }

    public void store16(long va, long v) {
        int slot = storeBase + ((int) (va >>> 12) & (Tlb.ENTRIES - 1));
        if (tlbTag[slot] == (va & (PAGE_MASK | 1))) {
            Ram.set16(tlbChunk[slot], tlbOffset[slot] + ((int) va & 0xfff), v);
            return;
        }
        storeSlow(va, 2, v);
    }

    public void store8(long va, long v) {
        int slot = storeBase + ((int) (va >>> 12) & (Tlb.ENTRIES - 1));
        if (tlbTag[slot] == (va & PAGE_MASK)) {
            tlbChunk[slot][tlbOffset[slot] + ((int) va & 0xfff)] = (byte) v;
            return;
        }
        storeSlow(va, 1, v);
    }

    // ---- slow paths ----

    private long loadSlow(long va, int size) {
        if ((va & 0xfff) + size > 4096) {
            long v = 0;
            for (int k = size - 1; k >= 0; k--) {
                v = (v << 8) | loadSlow(va + k, 1);
            }
            return v;
        }
        long pa = translateData(va, AccessType.LOAD, size, loadBase);
        try {
            return bus.read(pa, size);
        } catch (BusFault e) {
            if (observer != null) {
                observer.busError(this, pa, size, false);
            }
            throw raise(Cause.LOAD_ACCESS_FAULT, va, 0, 0, dataIsVirtual());
        }
    }

    private void storeSlow(long va, int size, long value) {
        if ((va & 0xfff) + size > 4096) {
            // Translate both pages before writing anything, so a fault leaves memory untouched.
            long first = 4096 - (va & 0xfff);
            translateData(va, AccessType.STORE, 1, storeBase);
            translateData(va + first, AccessType.STORE, 1, storeBase);
            for (int k = 0; k < size; k++) {
                storeSlow(va + k, 1, value >>> (8 * k));
            }
            return;
        }
        long pa = translateData(va, AccessType.STORE, size, storeBase);
        storePhysical(pa, size, value, va);
    }

    /** A store that reached physical memory: keeps code caches and reservations coherent. */
    void storePhysical(long pa, int size, long value, long va) {
        if (ram.contains(pa, size)) {
            if (codeCache.holdsCode(pa - ram.base())) {
                codeCache.written(pa);
            }
            ram.write(pa, size, value);
            if (reservation != -1L && (reservation >>> 3) == (pa >>> 3)) {
                reservation = -1L;
            }
            return;
        }
        try {
            bus.write(pa, size, value);
        } catch (BusFault e) {
            if (observer != null) {
                observer.busError(this, pa, size, true);
            }
            throw raise(Cause.STORE_ACCESS_FAULT, va, 0, 0, dataIsVirtual());
        }
        codeCache.deviceWritten(pa);
        // A device write may raise an interrupt: end the batch so it is seen at once.
        batchLimit = 0;
    }

    private boolean dataIsVirtual() {
        return Tlb.isVirtual(dataRegime);
    }

    /**
     * Translates a data access in the current data regime, checks PMP, and fills the TLB entry when
     * the page is plain RAM with one PMP outcome. Raises the fault on failure.
     */
    long translateData(long va, AccessType type, int size, int tlbBase) {
        if (debug != null) {
            debug.checkWatch(va, size, type);   // debugger hook: stops before the access
        }
        long pa = translate(va, type, dataRegime, false);
        int effPriv = regimePrivilege(dataRegime);
        if (!pmp.check(pa, size, type, effPriv)) {
            throw raise(accessFaultCause(type), va, 0, 0, dataIsVirtual());
        }
        maybeFillTlb(tlbBase + ((int) (va >>> 12) & (Tlb.ENTRIES - 1)), va, pa, effPriv,
                type == AccessType.STORE);
        return pa;
    }

    private void maybeFillTlb(int slot, long va, long pa, int effPriv, boolean forStore) {
        long ppage = pa & PAGE_MASK;
        if (!ram.contains(ppage, 4096) || !pmp.pageUniform(ppage, effPriv)) {
            return;
        }
        if (debug != null && debug.pageWatched(va)) {
            return;   // debugger hook: watched pages stay on the slow path
        }
        long off = ppage - ram.base();
        if (forStore && codeCache.holdsCode(off)) {
            return;
        }
        tlb.fill(slot, va & PAGE_MASK, ram.chunk(off), (int) (off & Ram.CHUNK_MASK), ppage);
    }

    static int regimePrivilege(int regime) {
        switch (regime) {
            case Tlb.M: return PRV_M;
            case Tlb.U:
            case Tlb.VU: return PRV_U;
            default: return PRV_S;
        }
    }

    static int accessFaultCause(AccessType type) {
        switch (type) {
            case FETCH: return Cause.INSN_ACCESS_FAULT;
            case LOAD: return Cause.LOAD_ACCESS_FAULT;
            default: return Cause.STORE_ACCESS_FAULT;
        }
    }

    /**
     * Virtual to physical for a regime, raising page faults, guest-page faults or access faults.
     * No PMP check on the final address (the caller does it).
     */
    long translate(long va, AccessType type, int regime, boolean hlvx) {
        if (regime == Tlb.M) {
            return va;
        }
        boolean v = Tlb.isVirtual(regime);
        if (!v && (satp >>> 60) == 0) {
            return va;
        }
        TranslationRequest r = request;
        r.atp = v ? vsatp : satp;
        r.hgatp = hgatp;
        r.twoStage = v;
        r.userMode = regime == Tlb.U || regime == Tlb.VU;
        r.sum = regime == Tlb.S_SUM || regime == Tlb.VS_SUM;
        r.mxr = ((v ? vsstatus : mstatus) & Status.MXR) != 0;
        r.hsMxr = (mstatus & Status.MXR) != 0;
        r.hlvx = hlvx;
        r.debug = false;
        Translation t = translation;
        pageWalks++;
        if (!walker.translate(va, type, r, t, null)) {
            if (observer != null) {
                observer.translationFault(this, va, t.cause, t.gpa);
            }
            long tval2 = t.gpa == -1L ? 0 : t.gpa >>> 2;
            long tinst = t.htinst != 0 ? t.htinst : (t.gpa == -1L ? 0 : transformedInstruction(type));
            throw raise(t.cause, va, tval2, tinst, v);
        }
        return t.pa;
    }

    /**
     * htinst for an explicit guest-page fault: the trapping load/store with its address offset
     * field cleared (bits 1:0 = 01 if compressed, as the spec's transformed instruction).
     */
    private long transformedInstruction(AccessType type) {
        if (type == AccessType.FETCH) {
            return 0;
        }
        DecodedPage page = fetchPage;
        int index = DecodedPage.index(pc);
        int insn = DecodedPage.word(page.entry[index]);
        int opcode = insn & 0x7f;
        long t;
        if (opcode == 0x03 || opcode == 0x07) {
            t = insn & 0x000f_ffff & ~(0x1f << 15);     // loads: clear imm and rs1
        } else if (opcode == 0x23 || opcode == 0x27) {
            t = insn & 0x01ff_f07f & ~(0x1f << 15);     // stores: clear imm and rs1
        } else if (opcode == 0x2f) {
            t = insn & ~(0x1f << 15);                  // AMOs: clear rs1
        } else if (opcode == 0x73) {
            t = insn & ~(0x1f << 15);                  // HLV/HSV
        } else {
            return 0;
        }
        if (DecodedPage.length(DecodedPage.meta(page.entry[index])) == 2) {
            t &= ~2L;                                   // bit 1 = 0 marks a compressed original
        }
        return t & 0xffff_ffffL;
    }

    /** Physical memory for the page walker: PMP-checked (S-level), RAM via CAS for A/D updates. */
    private final class PteMemory implements PhysReader {
        @Override
        public long read64(long pa) {
            if (!pmp.check(pa, 8, AccessType.LOAD, PRV_S)) {
                throw PhysAccessFault.INSTANCE;
            }
            try {
                return bus.read(pa, 8);
            } catch (BusFault e) {
                throw PhysAccessFault.INSTANCE;
            }
        }

        @Override
        public boolean cas64(long pa, long expect, long update) {
            if (!pmp.check(pa, 8, AccessType.STORE, PRV_S) || !ram.contains(pa, 8) || (pa & 7) != 0) {
                throw PhysAccessFault.INSTANCE;
            }
            long off = pa - ram.base();
            boolean ok = Ram.cas64(ram.chunk(off), (int) (off & Ram.CHUNK_MASK), expect, update);
            if (ok && codeCache.holdsCode(off)) {
                codeCache.written(pa);
            }
            return ok;
        }
    }

    // ---- atomics and hypervisor accesses (slow paths by nature) ----

    long loadReserved(long va, int size) {
        if ((va & (size - 1)) != 0) {
            throw raise(Cause.LOAD_MISALIGNED, va, 0, 0, dataIsVirtual());
        }
        long pa = translateData(va, AccessType.LOAD, size, loadBase);
        if (!ram.contains(pa, size)) {
            throw raise(Cause.LOAD_ACCESS_FAULT, va, 0, 0, dataIsVirtual());
        }
        reservation = pa;
        return ram.read(pa, size);
    }

    boolean storeConditional(long va, int size, long value) {
        long pa = atomicAddress(va, size);
        boolean ok = reservation == pa;
        reservation = -1L;
        if (ok) {
            storePhysical(pa, size, value, va);
        }
        return ok;
    }

    /** AMO: returns the old value (sign-extended for words) after storing op(old, operand). */
    long atomicUpdate(long va, int size, long operand, java.util.function.LongBinaryOperator op) {
        long pa = atomicAddress(va, size);
        long old = ram.read(pa, size);
        if (size == 4) {
            old = (int) old;
            operand = (int) operand;
        }
        storePhysical(pa, size, op.applyAsLong(old, operand), va);
        return old;
    }

    private long atomicAddress(long va, int size) {
        if ((va & (size - 1)) != 0) {
            throw raise(Cause.STORE_MISALIGNED, va, 0, 0, dataIsVirtual());
        }
        long pa = translateData(va, AccessType.STORE, size, storeBase);
        if (!ram.contains(pa, size)) {
            throw raise(Cause.STORE_ACCESS_FAULT, va, 0, 0, dataIsVirtual());
        }
        return pa;
    }

    /** The regime HLV/HSV use: V=1 at privilege hstatus.SPVP, with vsstatus.SUM. */
    private int hypervisorRegime() {
        if ((hstatus & Status.HS_SPVP) == 0) {
            return Tlb.VU;
        }
        return (vsstatus & Status.SUM) != 0 ? Tlb.VS_SUM : Tlb.VS;
    }

    /** HLV/HLVX: a guest load as though V=1; zero-extended. */
    long hypervisorLoad(long va, int size, boolean hlvx) {
        if (debug != null) {
            debug.checkWatch(va, size, AccessType.LOAD);   // debugger hook: watched guest addresses
        }
        int regime = hypervisorRegime();
        AccessType type = AccessType.LOAD;
        long pa = translate(va, type, regime, hlvx);
        if (!pmp.check(pa, size, type, regimePrivilege(regime))) {
            throw raise(Cause.LOAD_ACCESS_FAULT, va, 0, 0, true);
        }
        try {
            return bus.read(pa, size);
        } catch (BusFault e) {
            throw raise(Cause.LOAD_ACCESS_FAULT, va, 0, 0, true);
        }
    }

    /** HSV: a guest store as though V=1. */
    void hypervisorStore(long va, int size, long value) {
        if (debug != null) {
            debug.checkWatch(va, size, AccessType.STORE);   // debugger hook: watched guest addresses
        }
        int regime = hypervisorRegime();
        long pa = translate(va, AccessType.STORE, regime, false);
        if (!pmp.check(pa, size, AccessType.STORE, regimePrivilege(regime))) {
            throw raise(Cause.STORE_ACCESS_FAULT, va, 0, 0, true);
        }
        if (!ram.contains(pa, size)) {
            try {
                bus.write(pa, size, value);
            } catch (BusFault e) {
                throw raise(Cause.STORE_ACCESS_FAULT, va, 0, 0, true);
            }
            codeCache.deviceWritten(pa);
            batchLimit = 0;
            return;
        }
        storePhysical(pa, size, value, va);
    }

    // ---- instruction fetch ----

    /**
     * Looks up the decoded page of the instruction at pc: through the fetch TLB, or by translating
     * pc (raising fetch faults) and filling the TLB entry. Sets {@link #fetchPage} and, when the
     * whole page may be fetched from without further checks, {@link #fetchVpn}.
     */
    DecodedPage enterPage(long pc) {
        long vpage = pc & PAGE_MASK;
        int slot = fetchTlbBase + ((int) (pc >>> 12) & (Tlb.ENTRIES - 1));
        DecodedPage page = tlb.code[slot];
        if (tlb.tag[slot] != vpage || page == null || !page.valid) {
            long pa = translateFetch(pc, 2);
            long ppage = pa & PAGE_MASK;
            page = debug != null && debug.breakpointInPage(vpage) ? breakpointPage(vpage, ppage) : codeCache.page(ppage);
            if (!pmp.pageUniform(ppage, regimePrivilege(fetchRegimeNow()))) {
                fetchPage = page;
                fetchVpn = -1L;   // PMP splits the page: check every fetch
                return page;
            }
            tlb.fillCode(slot, vpage, page);
        }
        fetchPage = page;
        fetchVpn = pc >>> 12;
        return page;
    }

    /** This hart's copy of a page seen at a virtual page with breakpoints (see {@link DebugPort}). */
    private DecodedPage breakpointPage(long vpage, long ppage) {
        for (DecodedPage p : breakpointPages) {
            if (p.breakpointVpage == vpage && p.ppage == ppage && p.valid) {
                return p;
            }
        }
        codeCache.page(ppage);   // the shared page marks the physical page as code, so stores find the copy
        DecodedPage p = new DecodedPage(ppage, vpage);
        breakpointPages.add(p);
        return p;
    }

    /**
     * Decodes the instruction at pc into entry i of page (the page {@link #enterPage} gave for pc):
     * fetches (possibly across a page), expands compressed forms and decodes; raises fetch faults.
     *
     * @return the page holding the entry: page itself, or a scratch page for an instruction that
     *     straddles two pages (decoded again at each execution, since either page may change)
     */
    DecodedPage decode(DecodedPage page, int i, long pc) {
        long pa = page.ppage | (pc & 0xfff);
        int lo = (int) fetchPhysical(pa, 2, pc);
        if ((lo & 3) != 3) {
            fill(page, i, pc, lo, 2);
            return page;
        }
        if ((pc & 0xfff) == 0xffe) {
            int hi = (int) fetchPhysical(translateFetch(pc + 2, 2), 2, pc + 2);
            fill(straddlePage, i, pc, lo | (hi << 16), 4);
            fetchPage = straddlePage;
            fetchVpn = -1L;
            return straddlePage;
        }
        int hi = (int) fetchPhysical(pa + 2, 2, pc + 2);
        fill(page, i, pc, lo | (hi << 16), 4);
        return page;
    }

    /**
     * Decodes entry i of a RAM page ahead of execution (the block translator looks past the
     * instructions run so far); reads nothing outside the page and raises nothing.
     *
     * @return the entry, or 0 when it cannot be decoded ahead (not RAM, or it straddles pages)
     */
    long decodeAhead(DecodedPage page, int i, long pc) {
        if (page.ppage == -1L || !ram.contains(page.ppage, 4096)) {
            return 0;
        }
        long pa = page.ppage | (pc & 0xfff);
        int lo = (int) ram.read(pa, 2);
        if ((lo & 3) != 3) {
            fill(page, i, pc, lo, 2);
        } else if ((pc & 0xfff) == 0xffe) {
            return 0;
        } else {
            fill(page, i, pc, lo | ((int) ram.read(pa + 2, 2) << 16), 4);
        }
        return page.entry[i];
    }

    private void fill(DecodedPage page, int i, long pc, int raw, int len) {
        int word = len == 2 ? dev.hvscope.core.isa.Rvc.expand(raw) : raw;
        int op = word == 0 ? 0 : dev.hvscope.core.isa.Decoder.decode(word).ordinal();
        if (debug != null && (page.breakpointVpage != -1L || page == straddlePage)) {
            op = debug.decodedOp(pc, op);   // debugger hook: plants BREAK at breakpoints
        }
        page.entry[i] = DecodedPage.entry(DecodedPage.encode(op, len, raw), op == 0 ? raw : word);
        if (observer != null) {
            observer.decoded(this, pc, raw, len);
        }
    }

    /** The opcode a BREAK entry stands for: its instruction decoded again (breakpoints only). */
    static int originalOp(DecodedPage page, int i) {
        int word = DecodedPage.word(page.entry[i]);   // compressed ones expanded: BREAK is planted over a decodable op
        return word == 0 ? 0 : dev.hvscope.core.isa.Decoder.decode(word).ordinal();
    }

    private long translateFetch(long va, int size) {
        int fetchRegime = fetchRegimeNow();
        long pa = translate(va, AccessType.FETCH, fetchRegime, false);
        if (!pmp.check(pa, size, AccessType.FETCH, regimePrivilege(fetchRegime))) {
            throw raise(Cause.INSN_ACCESS_FAULT, va, 0, 0, virt);
        }
        return pa;
    }

    private int fetchRegimeNow() {
        if (priv == PRV_M) {
            return Tlb.M;
        }
        if (virt) {
            return priv == PRV_S ? Tlb.VS : Tlb.VU;
        }
        return priv == PRV_S ? Tlb.S : Tlb.U;
    }

    private long fetchPhysical(long pa, int size, long va) {
        try {
            return bus.read(pa, size);
        } catch (BusFault e) {
            throw raise(Cause.INSN_ACCESS_FAULT, va, 0, 0, virt);
        }
    }

    // ---- interrupts ----

    /** The effective mip: device lines, software bits, Sstc comparators and hvip. */
    long mip() {
        long v = mipHardware | mipSoftware;
        if ((menvcfg & CsrTable.ENVCFG_STCE) != 0) {
            v &= ~(1L << Cause.IRQ_STI);
            if (timeNow() >= stimecmp && stimecmp != -1L) {
                v |= 1L << Cause.IRQ_STI;
            }
        }
        if (hExtension) {
            v |= hvip & CsrTable.VS_INTERRUPTS;
            if ((henvcfg & CsrTable.ENVCFG_STCE) != 0 && vstimecmp != -1L
                    && timeNow() + htimedelta >= vstimecmp) {
                v |= 1L << Cause.IRQ_VSTI;
            }
        }
        return v;
    }

    long timeNow() {
        return time.getAsLong();
    }

    /** The time CSR as M-mode reads it (mtime), for tools and tests. */
    public long readTime() {
        return timeNow();
    }

    /** Sets or clears a device-driven pending bit (MSIP, MTIP, SEIP, MEIP). */
    public void setInterruptLine(int bit, boolean level) {
        if (level) {
            mipHardware |= 1L << bit;
        } else {
            mipHardware &= ~(1L << bit);
        }
        batchLimit = 0;
    }

    /** True when any enabled interrupt is pending, ignoring global enables (WFI wake-up rule). */
    public boolean interruptPendingForWfi() {
        return (mip() & mie) != 0;
    }

    public long readMip() {
        return mip();
    }

    public long readMie() {
        return mie;
    }

    /** Whether the last batch ended with a stop for an attached debugger (see {@link DebugPort}). */
    public boolean debugStopPending() {
        return debug != null && debug.stopPending();
    }

    /** Ends the current batch after this instruction (power-off, stop requests from devices). */
    public void endBatch() {
        batchLimit = 0;
    }

    /** The earliest Sstc comparator deadline in mtime ticks, or Long.MAX_VALUE (for idling). */
    public long nextTimerDeadline() {
        long d = Long.MAX_VALUE;
        if ((menvcfg & CsrTable.ENVCFG_STCE) != 0 && stimecmp != -1L) {
            d = stimecmp;
        }
        if (hExtension && (henvcfg & CsrTable.ENVCFG_STCE) != 0 && vstimecmp != -1L) {
            d = Math.min(d, vstimecmp - htimedelta);
        }
        return d;
    }

    public void setObserver(HartObserver observer) {
        this.observer = observer;
    }

    /** Hosted-hypervisor mode on or off (see {@link #hostedHypervisor}). */
    public void setHostedHypervisor(boolean on) {
        hostedHypervisor = on;
    }

    /** True once after a batch that ended with a guest trap into HS; clears the flag. */
    public boolean takeVmExit() {
        boolean e = vmExit;
        vmExit = false;
        return e;
    }

    public void clearReservation() {
        reservation = -1L;
    }

    // ---- hosted hypervisor API: dev.hvscope.core.hv plays HS-mode through these ----

    /**
     * Enters the guest as {@code sret} from HS would with hstatus.SPV = 1: V=1, privilege
     * hstatus.SPVP ? VS : VU, pc = sepc. The Java hypervisor calls it to start and resume a vCPU.
     */
    public void enterGuest() {
        int guestPriv = (hstatus & Status.HS_SPVP) != 0 ? PRV_S : PRV_U;
        hstatus &= ~Status.HS_SPV;
        reservation = -1L;
        waitingForInterrupt = false;
        setPrivilege(guestPriv, true);
        pc = sepc;
    }

    /** HFENCE.GVMA for every address and VMID: drops V=1 translations and decoded guest instructions. */
    public void hfenceGvma() {
        fenceGuest(-1, -1);
    }

    /**
     * The instruction at guest-virtual {@code gva}, read as HLVX.HU does (V=1 at hstatus.SPVP,
     * execute permission in both stages): 16 bits for a compressed one, 32 otherwise; -1 when the
     * read faults. No trap is taken.
     */
    public long readGuestInstruction(long gva) {
        try {
            long lo = hypervisorLoad(gva, 2, true);
            if ((lo & 3) != 3) {
                return lo;
            }
            return lo | hypervisorLoad(gva + 2, 2, true) << 16;
        } catch (TrapException e) {
            return -1L;
        }
    }
}
