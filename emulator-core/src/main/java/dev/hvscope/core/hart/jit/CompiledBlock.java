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
     * Written by blocks that loop on themselves (their last instruction branches back to their
     * start) at every exit: instructions retired by the passes before the last one.
     */
    protected int loopRetired;

    protected CompiledBlock() {
    }

    final void init(long pc, byte[] instructionLengths) {
        this.startPc = pc;
        this.lengths = instructionLengths;
    }

    /**
     * Executes the whole block, at least once, and returns the next pc. A self-looping block runs
     * further passes while they fit in budget instructions and the hart's batch was not cut. A
     * trap leaves {@code h.pc} at the faulting instruction, with every earlier instruction
     * retired ({@link #loopRetired()} plus {@link #retiredBefore}) and no later one executed.
     *
     * @param budget instructions the caller allows; at least {@link #count()}
     */
    public abstract long run(Hart h, int budget);

    /** Instructions retired by earlier passes of the last {@link #run} (0 unless self-looping). */
    public final int loopRetired() {
        return loopRetired;
    }

    public final long startPc() {
        return startPc;
    }

    /** Instructions in the block (all retire when {@link #run} returns normally). */
    public final int count() {
        return lengths.length;
    }

    /** How many instructions of the block precede the one at pc (after a trap at pc). */
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
