package dev.hvscope.core.hart;

import dev.hvscope.core.hart.jit.CompiledBlock;
import java.util.Arrays;

/**
 * Decoded instructions keyed by virtual pc, one direct-mapped table per fetch regime (M, S, U, VS,
 * VU) so privilege changes need no flush. Each entry holds the expanded 32-bit word, the opcode
 * ordinal, the length and the physical page it came from (to drop entries when that page is
 * written).
 */
final class DecodeCache {
    static final int SIZE = 4096;
    static final int REGIMES = 5;
    static final int M = 0;
    static final int S = 1;
    static final int U = 2;
    static final int VS = 3;
    static final int VU = 4;

    /** Never equal to a pc: pcs are even. */
    static final long INVALID = -1L;

    final long[] tag = new long[REGIMES * SIZE];
    final int[] word = new int[REGIMES * SIZE];
    /** The instruction bits as fetched (16 or 32), for xtval on illegal instruction. */
    final int[] raw = new int[REGIMES * SIZE];
    final int[] op = new int[REGIMES * SIZE];
    final byte[] length = new byte[REGIMES * SIZE];
    final long[] physPage = new long[REGIMES * SIZE];

    // Block translator (see Executor): a translated block per entry that starts one, and how often
    // the interpreter has started at each entry. A block lives only as long as its entry: every
    // flush below drops it, and refilling a slot clears it, so no stale code runs and unloaded
    // hidden classes are not kept alive.
    final CompiledBlock[] block = new CompiledBlock[REGIMES * SIZE];
    final int[] hits = new int[REGIMES * SIZE];
    /** Blocks translated since the last full drop (caps live hidden classes). */
    int blockCount;

    DecodeCache() {
        flushAll();
    }

    static int index(long pc) {
        return (int) (pc >>> 1) & (SIZE - 1);
    }

    void flushAll() {
        Arrays.fill(tag, INVALID);
        dropBlocks();
    }

    /** Drops every translated block (the entries stay, and count again towards translation). */
    void dropBlocks() {
        Arrays.fill(block, null);
        Arrays.fill(hits, 0);
        blockCount = 0;
    }

    void flushVirtualization(boolean virt) {
        if (virt) {
            Arrays.fill(tag, VS * SIZE, tag.length, INVALID);
            Arrays.fill(block, VS * SIZE, tag.length, null);
        } else {
            Arrays.fill(tag, 0, VS * SIZE, INVALID);
            Arrays.fill(block, 0, VS * SIZE, null);
        }
    }

    void flushPhysPage(long ppage) {
        for (int i = 0; i < tag.length; i++) {
            if (tag[i] != INVALID && physPage[i] == ppage) {
                tag[i] = INVALID;
                if (block[i] != null) {
                    block[i].invalidate();   // a block lies in its head's page; it may be running
                    block[i] = null;
                }
            }
        }
    }

    /**
     * Drops the blocks that contain pc, whose entry in the table at base is being replaced, so
     * every instruction of a live block keeps its entry (the trap path reads it for xtval and
     * htinst). Blocks start at most maxBlockBytes before the instructions they contain.
     */
    void dropBlocksCovering(int base, long pc, int maxBlockBytes) {
        for (long start = pc; start >= pc - maxBlockBytes; start -= 2) {
            int s = base + index(start);
            CompiledBlock b = block[s];
            if (b != null && tag[s] == start && b.covers(pc)) {
                block[s] = null;
                hits[s] = 0;
            }
        }
    }

    /** Removes one entry (a debugger breakpoint was set or cleared there). */
    void flushPc(long pc) {
        dropBlocks();   // pc may lie inside any block; breakpoints change rarely
        int i = index(pc);
        for (int r = 0; r < REGIMES; r++) {
            if (tag[r * SIZE + i] == pc) {
                tag[r * SIZE + i] = INVALID;
            }
        }
    }
}
