package dev.hvscope.core.hart;

/**
 * Software TLB in front of the page walker: per regime (privilege, SUM, V) and per access kind,
 * 256 direct-mapped entries mapping a virtual page straight to a RAM chunk and offset. An entry is
 * filled only after a successful walk for that kind of access (so a clean page never enters the
 * store TLB and the first store walks and sets D), and only for RAM pages with one PMP outcome.
 * Regimes are separate arrays, so privilege changes and trap entry/return need no flush.
 */
final class Tlb {
    static final int ENTRIES = 256;
    static final int LOAD = 0;
    static final int STORE = 1;
    static final int FETCH = 2;
    static final int KINDS = 3;

    /** Regimes: M (bare), S, S with SUM, U, VS, VS with SUM, VU. */
    static final int M = 0;
    static final int S = 1;
    static final int S_SUM = 2;
    static final int U = 3;
    static final int VS = 4;
    static final int VS_SUM = 5;
    static final int VU = 6;
    static final int REGIMES = 7;

    /** Tag of an empty entry: not page aligned, so it never equals a masked address. */
    static final long INVALID = -1L;

    final long[] tag = new long[REGIMES * KINDS * ENTRIES];
    final byte[][] chunk = new byte[REGIMES * KINDS * ENTRIES][];
    final int[] offset = new int[REGIMES * KINDS * ENTRIES];
    /** Host-physical page of each entry, for flushing by physical page. */
    final long[] physPage = new long[REGIMES * KINDS * ENTRIES];

    Tlb() {
        flushAll();
    }

    static int base(int regime, int kind) {
        return (regime * KINDS + kind) * ENTRIES;
    }

    static boolean isVirtual(int regime) {
        return regime >= VS;
    }

    void fill(int slot, long vpage, byte[] ramChunk, int chunkOffset, long ppage) {
        tag[slot] = vpage;
        chunk[slot] = ramChunk;
        offset[slot] = chunkOffset;
        physPage[slot] = ppage;
    }

    void flushAll() {
        java.util.Arrays.fill(tag, INVALID);
    }

    /** Flushes the regimes of one virtualization mode: V=0 (satp, sfence.vma) or V=1 (vsatp, hgatp). */
    void flushVirtualization(boolean virt) {
        int from = virt ? base(VS, 0) : 0;
        int to = virt ? tag.length : base(VS, 0);
        java.util.Arrays.fill(tag, from, to, INVALID);
    }

    /** Drops every store entry that maps the given physical page (it now holds cached code). */
    void flushStoresTo(long ppage) {
        for (int r = 0; r < REGIMES; r++) {
            int b = base(r, STORE);
            for (int i = b; i < b + ENTRIES; i++) {
                if (tag[i] != INVALID && physPage[i] == ppage) {
                    tag[i] = INVALID;
                }
            }
        }
    }
}
