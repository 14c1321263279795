package dev.hvscope.core.hart;

import dev.hvscope.core.hart.jit.CompiledBlock;

/**
 * The decoded instructions of one 4 KiB physical page, one entry per halfword, decoded on first
 * execution and kept until the page is written (QEMU keeps its translation blocks the same way).
 * What an instruction means depends only on its bytes, so one page serves every virtual mapping,
 * privilege and V of every hart; TLB flushes and satp/vsatp/hgatp switches leave it alone.
 *
 * <p>An entry (0: not decoded yet) packs its meta in the high half (the opcode ordinal, the length
 * bit and, for a compressed instruction, its 16 bits as fetched) and its word in the low half (the
 * 32-bit form the executor runs: compressed ones expanded), so the run loop reads one array element
 * per instruction. Translated blocks start at entries of the page and lie inside it.
 */
final class DecodedPage {
    static final int ENTRIES = 2048;
    static final int OP_MASK = 0x3fff;
    /** Set in every decoded entry, so a decoded ILLEGAL (ordinal 0) is not mistaken for "not decoded". */
    static final int DECODED = 1 << 14;
    static final int LENGTH_4 = 1 << 15;

    /** Host-physical address of the page. */
    final long ppage;
    /**
     * The virtual page of the one hart this page serves with debugger breakpoints planted as BREAK
     * entries, or -1 for a shared page.
     */
    final long breakpointVpage;
    final long[] entry = new long[ENTRIES];
    /** Translated blocks by the entry they start at, and how often the interpreter started there. */
    final CompiledBlock[] blocks = new CompiledBlock[ENTRIES];
    final int[] hits = new int[ENTRIES];
    int blockCount;
    /** Cleared when the page was written: no fetch may use it any more (running blocks stop too). */
    boolean valid = true;

    DecodedPage(long ppage, long breakpointVpage) {
        this.ppage = ppage;
        this.breakpointVpage = breakpointVpage;
    }

    static int index(long pc) {
        return ((int) pc & 0xfff) >>> 1;
    }

    static long entry(int meta, int word) {
        return (long) meta << 32 | (word & 0xffff_ffffL);
    }

    static int meta(long entry) {
        return (int) (entry >>> 32);
    }

    static int word(long entry) {
        return (int) entry;
    }

    static int op(int meta) {
        return meta & OP_MASK;
    }

    static int length(int meta) {
        return (meta & LENGTH_4) != 0 ? 4 : 2;
    }

    static int encode(int op, int length, int raw) {
        return length == 4 ? op | DECODED | LENGTH_4 : op | DECODED | (raw << 16);
    }

    /** The instruction bits as fetched (16 or 32) of a decoded entry, for xtval. */
    long raw(int i) {
        long e = entry[i];
        int m = meta(e);
        return (m & LENGTH_4) != 0 ? e & 0xffff_ffffL : (m >>> 16) & 0xffffL;
    }

    /** Marks the page stale and stops its blocks (one may be running: it leaves at its next loop-back). */
    void invalidate() {
        valid = false;
        dropBlocks();
    }

    /** Drops every translated block (the decoded entries stay). */
    void dropBlocks() {
        if (blockCount == 0) {
            return;
        }
        for (int i = 0; i < ENTRIES; i++) {
            CompiledBlock b = blocks[i];
            if (b != null) {
                b.invalidate();
                blocks[i] = null;
            }
            hits[i] = 0;
        }
        blockCount = 0;
    }
}
