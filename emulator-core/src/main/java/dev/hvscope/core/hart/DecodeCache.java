package dev.hvscope.core.hart;

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

    DecodeCache() {
        flushAll();
    }

    static int index(long pc) {
        return (int) (pc >>> 1) & (SIZE - 1);
    }

    void flushAll() {
        Arrays.fill(tag, INVALID);
    }

    void flushVirtualization(boolean virt) {
        if (virt) {
            Arrays.fill(tag, VS * SIZE, tag.length, INVALID);
        } else {
            Arrays.fill(tag, 0, VS * SIZE, INVALID);
        }
    }

    void flushPhysPage(long ppage) {
        for (int i = 0; i < tag.length; i++) {
            if (tag[i] != INVALID && physPage[i] == ppage) {
                tag[i] = INVALID;
            }
        }
    }

    /** Removes one entry (a debugger breakpoint was set or cleared there). */
    void flushPc(long pc) {
        int i = index(pc);
        for (int r = 0; r < REGIMES; r++) {
            if (tag[r * SIZE + i] == pc) {
                tag[r * SIZE + i] = INVALID;
            }
        }
    }
}
