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

    protected CompiledBlock() {
    }

    final void init(long pc, byte[] instructionLengths) {
        this.startPc = pc;
        this.lengths = instructionLengths;
    }

    /**
     * Executes the whole block and returns the next pc. A trap leaves {@code h.pc} at the faulting
     * instruction, with every earlier instruction of the block retired and no later one executed.
     */
    public abstract long run(Hart h);

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
