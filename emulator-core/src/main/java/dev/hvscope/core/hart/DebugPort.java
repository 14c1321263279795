package dev.hvscope.core.hart;

import dev.hvscope.core.isa.OpId;
import dev.hvscope.core.mmu.AccessType;

/**
 * The hart's side of a debugger (debugger hooks): breakpoint pcs planted as {@code BREAK} entries in
 * breakpoint copies of decoded pages, watched address ranges checked on the memory slow path
 * (watched pages never enter the TLB), a trap listener, and single-stepping. A hart has no port until a debugger asks for one
 * ({@link Hart#debugPort()}), so every hook costs one null check on a slow path and nothing when no
 * debugger is attached. The {@code debug} package drives this; the hart knows nothing of it.
 *
 * <p>Not thread-safe: change breakpoints and watchpoints only while the hart is not running.
 */
public final class DebugPort {
    /** Kinds of watchpoint, as GDB's Z2/Z3/Z4. */
    public static final int WATCH_WRITE = 1;
    public static final int WATCH_READ = 2;
    public static final int WATCH_ACCESS = 3;

    /** Told about every trap the hart takes (slow path only). */
    public interface TrapListener {
        /**
         * A trap was entered; the hart now runs the handler.
         *
         * @return true to end the current batch here (the debugger stops the machine)
         */
        boolean trapTaken(Hart hart, long cause, int fromPriv, boolean fromVirt, long epc, long tval, long tval2,
                          long tinst);
    }

    private final Hart hart;
    private long[] breakpoints = new long[0];
    private long[] watchStart = new long[0];
    private long[] watchEnd = new long[0];
    private int[] watchKind = new int[0];
    /** Step mode: ignore breakpoints (the one at pc is being stepped over) and watchpoints at pc. */
    private boolean suppressBreakpoints;
    private boolean suppressWatchpoints;
    boolean maskInterrupts;
    private TrapListener trapListener;
    // The watchpoint that stopped the last batch.
    private boolean watchHit;
    private long watchHitAddress;
    private int watchHitKind;
    private boolean trapStop;

    DebugPort(Hart hart) {
        this.hart = hart;
    }

    // ---- breakpoints ----

    /**
     * Replaces the breakpoint pcs (virtual, in every regime). The hart fetches a virtual page that
     * holds one from a copy of its decoded page private to this hart, with BREAK planted at the
     * breakpoints; the shared page and its blocks stay untouched for every other virtual page.
     */
    public void setBreakpoints(long[] pcs) {
        breakpoints = pcs.clone();
        hart.breakpointsChanged();
    }

    /** Whether the virtual page holds a breakpoint (its fetches then use a breakpoint copy). */
    boolean breakpointInPage(long vpage) {
        for (long b : breakpoints) {
            if ((b & ~0xfffL) == vpage) {
                return true;
            }
        }
        return false;
    }

    /** A BREAK entry was reached: true to stop there, false to run the instruction (stepping off it). */
    boolean stopsAtBreakpoint() {
        return !suppressBreakpoints;
    }

    /** The opcode to cache for an instruction decoded at pc in a breakpoint copy: BREAK at a breakpoint. */
    int decodedOp(long pc, int op) {
        for (long b : breakpoints) {
            if (b == pc) {
                return OpId.BREAK;
            }
        }
        return op;
    }

    /** The hart stopped for the debugger (breakpoint, watchpoint or caught trap) and not resumed since. */
    boolean stopPending() {
        return hart.breakpointHit || watchHit || trapStop;
    }

    /** The last batch stopped at a breakpoint (the instruction at pc was not executed). */
    public boolean breakpointHit() {
        return hart.breakpointHit;
    }

    // ---- watchpoints ----

    /** Replaces the watched ranges [start, start+length) with their kinds; flushes the TLB. */
    public void setWatchpoints(long[] start, long[] length, int[] kind) {
        int n = start.length;
        long[] s = new long[n];
        long[] e = new long[n];
        for (int i = 0; i < n; i++) {
            s[i] = start[i];
            e[i] = start[i] + Math.max(1, length[i]);
        }
        watchStart = s;
        watchEnd = e;
        watchKind = kind.clone();
        hart.flushAllTranslations();
    }

    /** Whether a virtual page holds a watched byte: such pages stay out of the TLB. */
    boolean pageWatched(long va) {
        long page = va & ~0xfffL;
        for (int i = 0; i < watchStart.length; i++) {
            if (watchStart[i] < page + 4096 && watchEnd[i] > page) {
                return true;
            }
        }
        return false;
    }

    /** Checks a data access before it happens; on a hit ends the batch without executing the instruction. */
    void checkWatch(long va, int size, AccessType type) {
        if (suppressWatchpoints || watchStart.length == 0) {
            return;
        }
        int accessKind = type == AccessType.STORE ? WATCH_WRITE : WATCH_READ;
        for (int i = 0; i < watchStart.length; i++) {
            if ((watchKind[i] & accessKind) != 0 && watchStart[i] < va + size && watchEnd[i] > va) {
                watchHit = true;
                watchHitAddress = Math.max(va, watchStart[i]);
                watchHitKind = watchKind[i];
                throw hart.trap;   // unwinds to the run loop; takePendingTrap sees watchHit
            }
        }
    }

    /** Consumed by {@link Hart#takePendingTrap}: a watchpoint, not a trap, interrupted the instruction. */
    boolean takeWatchStop() {
        return watchHit;
    }

    /** The last batch stopped before an access to a watched range. */
    public boolean watchpointHit() {
        return watchHit;
    }

    public long watchpointAddress() {
        return watchHitAddress;
    }

    /** Kind of the watchpoint that hit ({@link #WATCH_WRITE}, ...). */
    public int watchpointKind() {
        return watchHitKind;
    }

    // ---- traps ----

    public void setTrapListener(TrapListener listener) {
        trapListener = listener;
    }

    /** Called after trap entry; returns true when the listener wants the batch to end. */
    boolean trapTaken(long cause, int fromPriv, boolean fromVirt, long epc, long tval, long tval2, long tinst) {
        if (trapListener != null && trapListener.trapTaken(hart, cause, fromPriv, fromVirt, epc, tval, tval2, tinst)) {
            trapStop = true;
            return true;
        }
        return false;
    }

    /** The last batch ended because the trap listener asked for a stop. */
    public boolean trapStopRequested() {
        return trapStop;
    }

    /** Forgets the stop flags of the last batch (call before running again). */
    public void clearStop() {
        watchHit = false;
        trapStop = false;
        hart.breakpointHit = false;
    }

    // ---- execution ----

    /**
     * Executes exactly one instruction, stepping over a breakpoint at pc with the real instruction.
     * A trap counts as the step and leaves pc at the handler; a pending interrupt is taken first
     * unless {@code maskInterrupts}. {@code ignoreWatchAtPc} lets the instruction that stopped at a
     * watchpoint complete.
     *
     * @return instructions retired (0 when the step trapped, stopped or waits in WFI)
     */
    public int step(boolean maskInterruptsDuringStep, boolean ignoreWatchAtPc) {
        clearStop();
        suppressBreakpoints = true;
        suppressWatchpoints = ignoreWatchAtPc;
        maskInterrupts = maskInterruptsDuringStep;
        try {
            return Executor.run(hart, 1);
        } finally {
            suppressBreakpoints = false;
            suppressWatchpoints = false;
            maskInterrupts = false;
        }
    }

    /** Sets privilege and V as a debugger write of {@code priv} does. */
    public void setPrivilege(int priv, boolean virt) {
        if (priv == 2 || priv < 0 || priv > 3 || (virt && (priv == Hart.PRV_M || !hart.hExtension))) {
            throw new IllegalArgumentException("no such mode: priv " + priv + (virt ? " with V=1" : ""));
        }
        hart.setPrivilege(priv, virt);
    }

    /** A debugger wrote memory: drop decoded instructions, which may come from there. */
    public void memoryWritten() {
        hart.memoryWrittenBehind();
        hart.reservation = -1L;
    }
}
