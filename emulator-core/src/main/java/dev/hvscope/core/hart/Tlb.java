package dev.hvscope.core.hart;

/**
 * Software TLB in front of the page walker: per regime (privilege, SUM, V) and per access kind,
 * 256 direct-mapped entries mapping a virtual page straight to a RAM chunk and offset. An entry is
 * filled only after a successful walk for that kind of access (so a clean page never enters the
 * store TLB and the first store walks and sets D), and only for RAM pages with one PMP outcome.
 * Regimes are separate arrays, so privilege changes and trap entry/return need no flush.
 *
 * <p>Address spaces are tagged: the S/U regimes keep {@link #BANKS} banks keyed by the satp value
 * (ASID and root), the VS/VU regimes banks keyed by (vsatp, hgatp) (ASID, VMID and both roots). A
 * satp, vsatp or hgatp write selects the bank of that address space — switching back to one seen
 * recently finds its translations still there — and only the least recently used bank is dropped
 * for a new one. Fences drop the banks they name (by ASID or VMID), or all of one kind.
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
    /** Address-space banks per virtualization mode. */
    static final int BANKS = 4;
    /** Regimes per bank (S, S_SUM, U or VS, VS_SUM, VU). */
    private static final int BANK_REGIMES = 3;
    private static final int TABLE = KINDS * ENTRIES;
    private static final int SUPERVISOR_BASE = TABLE;
    private static final int GUEST_BASE = SUPERVISOR_BASE + BANKS * BANK_REGIMES * TABLE;
    private static final int SIZE = GUEST_BASE + BANKS * BANK_REGIMES * TABLE;

    /** Tag of an empty entry: not page aligned, so it never equals a masked address. */
    static final long INVALID = -1L;
    /** Key of an unused bank: no legal satp/vsatp/hgatp value has all bits set. */
    private static final long NO_KEY = -1L;

    final long[] tag = new long[SIZE];
    final byte[][] chunk = new byte[SIZE][];
    final int[] offset = new int[SIZE];
    /** Host-physical page of each entry, for flushing by physical page. */
    final long[] physPage = new long[SIZE];
    /** Fetch entries: the decoded page the virtual page maps to (checked for validity on use). */
    final DecodedPage[] code = new DecodedPage[SIZE];

    private final AddressSpaceBanks supervisor = new AddressSpaceBanks();
    private final AddressSpaceBanks guest = new AddressSpaceBanks();

    Tlb() {
        flushAll();
    }

    /** First entry of the table for a regime and access kind, in the current banks. */
    int base(int regime, int kind) {
        if (regime == M) {
            return kind * ENTRIES;
        }
        boolean virt = isVirtual(regime);
        int bank = virt ? guest.current : supervisor.current;
        int inBank = regime - (virt ? VS : S);
        return (virt ? GUEST_BASE : SUPERVISOR_BASE) + (bank * BANK_REGIMES + inBank) * TABLE + kind * ENTRIES;
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

    /** A fetch entry: the virtual page runs the decoded page's instructions. */
    void fillCode(int slot, long vpage, DecodedPage page) {
        tag[slot] = vpage;
        code[slot] = page;
        physPage[slot] = page.ppage;
    }

    /** Forgets which decoded page every fetch entry maps to (they look it up again). */
    void forgetCodePages() {
        java.util.Arrays.fill(code, null);
    }

    void flushAll() {
        java.util.Arrays.fill(tag, INVALID);
        supervisor.forgetKeys();
        guest.forgetKeys();
    }

    /**
     * Selects the bank of the S/U address space {@code satp}; true when the bank changed (the hart
     * recomputes its table bases). A new address space takes the least recently used bank, emptied.
     */
    boolean selectSupervisor(long satp) {
        return select(supervisor, SUPERVISOR_BASE, satp, 0);
    }

    /** As {@link #selectSupervisor}, for the VS/VU address space (vsatp, hgatp). */
    boolean selectGuest(long vsatp, long hgatp) {
        return select(guest, GUEST_BASE, vsatp, hgatp);
    }

    private boolean select(AddressSpaceBanks b, int groupBase, long key1, long key2) {
        int found = b.find(key1, key2);
        if (found < 0) {
            found = b.leastRecentlyUsed();
            flushBank(groupBase, found);
            b.key1[found] = key1;
            b.key2[found] = key2;
        }
        b.touch(found);
        boolean changed = found != b.current;
        b.current = found;
        return changed;
    }

    private void flushBank(int groupBase, int bank) {
        int from = groupBase + bank * BANK_REGIMES * TABLE;
        java.util.Arrays.fill(tag, from, from + BANK_REGIMES * TABLE, INVALID);
    }

    /** sfence.vma with V=0: every S/U bank, or (asid >= 0) the banks of that ASID. */
    void flushSupervisor(long asid) {
        for (int k = 0; k < BANKS; k++) {
            if (asid < 0 || (supervisor.key1[k] != NO_KEY && asid(supervisor.key1[k]) == asid)) {
                flushBank(SUPERVISOR_BASE, k);
            }
        }
    }

    /**
     * Guest translations: all (vmid and asid < 0), those of one VMID (hfence.gvma with rs2), or of
     * one ASID in one VMID (hfence.vvma / a VS-mode sfence.vma with rs2).
     */
    void flushGuest(long vmid, long asid) {
        for (int k = 0; k < BANKS; k++) {
            boolean match = guest.key1[k] != NO_KEY
                    && (vmid < 0 || vmid(guest.key2[k]) == vmid)
                    && (asid < 0 || asid(guest.key1[k]) == asid);
            if ((vmid < 0 && asid < 0) || match) {
                flushBank(GUEST_BASE, k);
            }
        }
    }

    private static long asid(long atp) {
        return (atp >>> 44) & 0xffff;
    }

    private static long vmid(long hgatp) {
        return (hgatp >>> 44) & 0x3fff;
    }

    /** Drops every store entry that maps the given physical page (it now holds cached code). */
    void flushStoresTo(long ppage) {
        for (int t = STORE * ENTRIES; t < SIZE; t += TABLE) {
            for (int i = t; i < t + ENTRIES; i++) {
                if (tag[i] != INVALID && physPage[i] == ppage) {
                    tag[i] = INVALID;
                }
            }
        }
    }

    /** The keys and recency of one mode's banks. */
    private static final class AddressSpaceBanks {
        final long[] key1 = new long[BANKS];
        final long[] key2 = new long[BANKS];
        final long[] lastUse = new long[BANKS];
        long clock;
        int current;

        void forgetKeys() {
            java.util.Arrays.fill(key1, NO_KEY);
            java.util.Arrays.fill(key2, NO_KEY);
            java.util.Arrays.fill(lastUse, 0);
            current = 0;
        }

        int find(long k1, long k2) {
            for (int k = 0; k < BANKS; k++) {
                if (key1[k] == k1 && key2[k] == k2) {
                    return k;
                }
            }
            return -1;
        }

        int leastRecentlyUsed() {
            int victim = 0;
            for (int k = 1; k < BANKS; k++) {
                if (lastUse[k] < lastUse[victim]) {
                    victim = k;
                }
            }
            return victim;
        }

        void touch(int k) {
            lastUse[k] = ++clock;
        }
    }
}
