package dev.hvscope.core.hart.jit;

import dev.hvscope.core.hart.Hart;

/**
 * A translated guest basic block: straight-line instructions starting at {@link #startPc()},
 * executed by {@link #run} as JVM bytecode. Subclasses are hidden classes made by
 * {@link BlockTranslator}; dropping the last reference lets the JVM unload them.
 */
public abstract class CompiledBlock {
    private long startPc;
    private byte[] lengths;
    /**
     * Written by the block at every exit: the instructions retired by the last {@link #run} (on a
     * normal return), or by its passes before the one that trapped (when it threw).
     */
    protected int retired;
    /** Set when a store overwrote the block's code: a running block stops at its next loop-back. */
    protected boolean invalidated;

    protected CompiledBlock() {
    }

    final void init(long pc, byte[] instructionLengths) {
        this.startPc = pc;
        this.lengths = instructionLengths;
    }

    /**
     * Executes the block from its start, leaving at the first taken side exit or at its end, and
     * returns the next pc; a branch back to the start runs another pass while a whole one fits in
     * budget instructions and the hart's batch was not cut. {@link #retired()} then tells how many
     * instructions retired. A trap leaves {@code h.pc} at the faulting instruction, with every
     * earlier instruction retired ({@link #retired()} plus {@link #retiredBefore}) and no later
     * one executed.
     *
     * @param budget instructions the caller allows; at least {@link #count()}
     */
    public abstract long run(Hart h, int budget);

    /** Marks the block stale (its code page was written); see {@link #invalidated}. */
    public final void invalidate() {
        invalidated = true;
    }

    /** See {@link #retired}. */
    public final int retired() {
        return retired;
    }

    public final long startPc() {
        return startPc;
    }

    /** Instructions in one full pass of the block. */
    public final int count() {
        return lengths.length;
    }

    /** True when the instruction at pc belongs to the block. */
    public final boolean covers(long pc) {
        long p = startPc;
        for (byte len : lengths) {
            if (p == pc) {
                return true;
            }
            p += len;
        }
        return false;
    }

    /** How many instructions of a pass precede the one at pc (after a trap at pc). */
    public final int retiredBefore(long pc) {
        long p = startPc;
        for (int k = 0; k < lengths.length; k++) {
            if (p == pc) {
                return k;
            }
            p += lengths[k];
        }
        throw new IllegalStateException("pc " + Long.toHexString(pc) + " is not in the block at "
                + Long.toHexString(startPc));
    }
}
