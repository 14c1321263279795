package dev.hvscope.core.mmu;

/**
 * Physical memory protection (privileged spec 3.7): up to 16 entries, pmpcfg0/pmpcfg2 packed as
 * on RV64 (eight 8-bit configs per register), pmpaddr0..15 holding address bits 55:2. Granularity
 * G=0 (4 bytes), so NA4 is available. No Smepmp (mseccfg).
 *
 * <p>Matching: the lowest-numbered entry that matches any byte of an access decides; if it does
 * not match all bytes the access fails. A match grants by R/W/X, except that M-mode accesses
 * ignore unlocked entries. With no match, M-mode succeeds and S/U fail when at least one entry is
 * implemented (the spec; QEMU instead allows when no entry is active, see
 * {@link #setAllowUnmatchedWhenNoneActive}).
 *
 * <p>Decoded ranges are kept precomputed so that {@link #check} only compares. {@link #version()}
 * changes whenever an effective setting changes, so a hart can flush TLB entries cached under the
 * old rules.
 */
public final class Pmp {
    public static final int MAX_ENTRIES = 16;

    public static final int CFG_R = 1;
    public static final int CFG_W = 1 << 1;
    public static final int CFG_X = 1 << 2;
    public static final int CFG_A_SHIFT = 3;
    public static final int CFG_A_MASK = 3 << CFG_A_SHIFT;
    public static final int CFG_L = 1 << 7;
    /** Address-matching modes (cfg.A). */
    public static final int A_OFF = 0;
    public static final int A_TOR = 1;
    public static final int A_NA4 = 2;
    public static final int A_NAPOT = 3;

    public static final int PRIV_U = 0;
    public static final int PRIV_S = 1;
    public static final int PRIV_M = 3;

    /** pmpaddr holds bits 55:2 of an address: 54 writable bits on RV64. */
    private static final long ADDR_MASK = (1L << 54) - 1;
    private static final long PAGE_SIZE = 4096;

    private final int entries;
    private final int[] cfg = new int[MAX_ENTRIES];
    private final long[] addr = new long[MAX_ENTRIES];
    // Decoded: entry i matches byte addresses [lo[i], hi[i]); empty when lo >= hi (unsigned).
    private final long[] lo = new long[MAX_ENTRIES];
    private final long[] hi = new long[MAX_ENTRIES];
    private int activeCount;
    private int version;
    private boolean allowUnmatchedWhenNoneActive;
    // Page permissions recently computed, direct-mapped by page: every page walk reads PTEs from
    // the same few table pages, and fetches and TLB fills ask about the same pages again and again.
    private static final int PAGE_CACHE = 64;
    private final long[] cachedKey = new long[PAGE_CACHE];
    private final int[] cachedPermissions = new int[PAGE_CACHE];
    private int cachedVersion = -1;

    /** A PMP with all 16 entries implemented. */
    public Pmp() {
        this(MAX_ENTRIES);
    }

    /** A PMP with {@code entries} (0..16) implemented; the rest read as zero and ignore writes. */
    public Pmp(int entries) {
        if (entries < 0 || entries > MAX_ENTRIES) {
            throw new IllegalArgumentException("PMP entries must be 0..16: " + entries);
        }
        this.entries = entries;
    }

    public int entries() {
        return entries;
    }

    /**
     * QEMU behaviour: S/U accesses that match no entry succeed while no entry is active (A=OFF
     * everywhere). Off by default (the spec: they fail when any entry is implemented).
     */
    public void setAllowUnmatchedWhenNoneActive(boolean allow) {
        if (allow != allowUnmatchedWhenNoneActive) {
            allowUnmatchedWhenNoneActive = allow;
            version++;
        }
    }

    /** Changes whenever the effective rules change (flush cached translations when it does). */
    public int version() {
        return version;
    }

    // ---- CSRs ----

    /** pmpcfg{n} for n = 0 or 2 (odd numbers do not exist on RV64). */
    public long readPmpcfg(int n) {
        int base = cfgBase(n);
        long v = 0;
        for (int k = 0; k < 8; k++) {
            v |= (long) cfg[base + k] << (8 * k);
        }
        return v;
    }

    /**
     * Writes pmpcfg{n} (n = 0 or 2) byte by byte with the WARL rules: locked entries keep their
     * config; bits 6:5 read as zero; the reserved R=0,W=1 combination leaves the entry unchanged
     * (QEMU's rule without Smepmp).
     */
    public void writePmpcfg(int n, long value) {
        int base = cfgBase(n);
        boolean changed = false;
        for (int k = 0; k < 8; k++) {
            int i = base + k;
            if (i >= entries || (cfg[i] & CFG_L) != 0) {
                continue;
            }
            int b = (int) (value >>> (8 * k)) & 0xFF & ~0x60;
            if ((b & CFG_W) != 0 && (b & CFG_R) == 0) {
                continue;
            }
            if (b != cfg[i]) {
                cfg[i] = b;
                changed = true;
            }
        }
        if (changed) {
            recompute();
        }
    }

    public long readPmpaddr(int i) {
        checkIndex(i);
        return addr[i];
    }

    /**
     * Writes pmpaddr{i}; ignored when entry i is locked, or when entry i+1 is a locked TOR entry
     * (whose lower bound this is).
     */
    public void writePmpaddr(int i, long value) {
        checkIndex(i);
        if (i >= entries || (cfg[i] & CFG_L) != 0) {
            return;
        }
        if (i + 1 < entries && (cfg[i + 1] & CFG_L) != 0 && mode(i + 1) == A_TOR) {
            return;
        }
        long v = value & ADDR_MASK;
        if (v != addr[i]) {
            addr[i] = v;
            recompute();
        }
    }

    /** The 8-bit config of entry i. */
    public int entryConfig(int i) {
        checkIndex(i);
        return cfg[i];
    }

    /** First byte matched by entry i (meaningful when {@link #entryEnd} is above it). */
    public long entryStart(int i) {
        checkIndex(i);
        return lo[i];
    }

    /** One past the last byte matched by entry i. */
    public long entryEnd(int i) {
        checkIndex(i);
        return hi[i];
    }

    // ---- checks ----

    /**
     * Whether an access of {@code size} bytes at {@code pa} is allowed at privilege {@code priv}
     * (0 U, 1 S, 3 M; the effective privilege, e.g. after MPRV, and S for page-table walks).
     */
    public boolean check(long pa, int size, AccessType type, int priv) {
        if ((pa & (PAGE_SIZE - 1)) + size <= PAGE_SIZE) {
            int p = pagePermissions(pa, priv);
            if (p >= 0) {   // a uniform page: its deciding entry decides every access inside it
                return allows(p, type);
            }
        }
        long end = pa + size;
        for (int i = 0; i < activeCount; i++) {
            if (Long.compareUnsigned(lo[i], hi[i]) >= 0) {
                continue;
            }
            boolean startIn = Long.compareUnsigned(pa, lo[i]) >= 0 && Long.compareUnsigned(pa, hi[i]) < 0;
            boolean lastIn = Long.compareUnsigned(end - 1, lo[i]) >= 0 && Long.compareUnsigned(end - 1, hi[i]) < 0;
            boolean overlaps = Long.compareUnsigned(pa, hi[i]) < 0 && Long.compareUnsigned(end, lo[i]) > 0;
            if (!overlaps) {
                continue;
            }
            if (!(startIn && lastIn)) {
                return false; // matches some but not all bytes
            }
            return granted(cfg[i], type, priv);
        }
        return unmatched(priv);
    }

    /**
     * The permissions (bit 0 R, bit 1 W, bit 2 X; see {@link #CFG_R}) that PMP gives every access
     * inside the 4 KiB page at {@code pageBase} at privilege {@code priv}, or -1 when the page is
     * not uniform (a deciding entry covers only part of it), in which case each access must be
     * checked on its own and the page must not be cached.
     */
    public int pagePermissions(long pageBase, int priv) {
        long base = pageBase & ~(PAGE_SIZE - 1);
        long key = base | priv;   // priv is 0..3, below the page offset
        int slot = (int) (base >>> 12) & (PAGE_CACHE - 1);
        if (cachedVersion != version) {
            java.util.Arrays.fill(cachedKey, -1L);
            cachedVersion = version;
        } else if (cachedKey[slot] == key) {
            return cachedPermissions[slot];
        }
        int p = computePagePermissions(base, priv);
        cachedKey[slot] = key;
        cachedPermissions[slot] = p;
        return p;
    }

    private int computePagePermissions(long base, int priv) {
        long end = base + PAGE_SIZE;
        for (int i = 0; i < activeCount; i++) {
            if (Long.compareUnsigned(lo[i], hi[i]) >= 0) {
                continue;
            }
            boolean overlaps = Long.compareUnsigned(base, hi[i]) < 0 && Long.compareUnsigned(end, lo[i]) > 0;
            if (!overlaps) {
                continue;
            }
            boolean covers = Long.compareUnsigned(base, lo[i]) >= 0 && Long.compareUnsigned(end - 1, hi[i] - 1) <= 0;
            if (!covers) {
                return -1;
            }
            return permissions(cfg[i], priv);
        }
        return unmatched(priv) ? CFG_R | CFG_W | CFG_X : 0;
    }

    /** Whether every access inside the page at {@code pageBase} gets the same PMP outcome. */
    public boolean pageUniform(long pageBase, int priv) {
        return pagePermissions(pageBase, priv) >= 0;
    }

    private static boolean granted(int c, AccessType type, int priv) {
        return allows(permissions(c, priv), type);
    }

    private static boolean allows(int p, AccessType type) {
        switch (type) {
            case FETCH: return (p & CFG_X) != 0;
            case LOAD: return (p & CFG_R) != 0;
            default: return (p & CFG_W) != 0;
        }
    }

    /** An unlocked entry does not restrict M-mode; otherwise R/W/X apply. */
    private static int permissions(int c, int priv) {
        if (priv == PRIV_M && (c & CFG_L) == 0) {
            return CFG_R | CFG_W | CFG_X;
        }
        return c & (CFG_R | CFG_W | CFG_X);
    }

    private boolean unmatched(int priv) {
        if (priv == PRIV_M || entries == 0) {
            return true;
        }
        return allowUnmatchedWhenNoneActive && activeCount == 0;
    }

    // ---- decoding ----

    private int mode(int i) {
        return (cfg[i] & CFG_A_MASK) >>> CFG_A_SHIFT;
    }

    /**
     * Decodes every entry's byte range. activeCount is one past the highest non-OFF entry, so
     * check() scans no further; OFF entries below it get an empty range.
     */
    private void recompute() {
        activeCount = 0;
        for (int i = 0; i < entries; i++) {
            long a = addr[i];
            switch (mode(i)) {
                case A_TOR:
                    // Matches pmpaddr[i-1] <= y < pmpaddr[i] (word addresses); entry 0 starts at 0.
                    lo[i] = i == 0 ? 0 : addr[i - 1] << 2;
                    hi[i] = a << 2;
                    break;
                case A_NA4:
                    lo[i] = a << 2;
                    hi[i] = (a << 2) + 4;
                    break;
                case A_NAPOT: {
                    // t trailing ones encode a region of 2^(t+3) bytes.
                    int t = Long.numberOfTrailingZeros(~a);
                    long size = 1L << Math.min(t + 3, 62);
                    lo[i] = (a & ~((1L << t) - 1)) << 2;
                    hi[i] = lo[i] + size;
                    break;
                }
                default:
                    lo[i] = 0;
                    hi[i] = 0;
                    continue;
            }
            activeCount = i + 1;
        }
        version++;
    }

    private static int cfgBase(int n) {
        if (n != 0 && n != 2) {
            throw new IllegalArgumentException("RV64 has pmpcfg0 and pmpcfg2 only: pmpcfg" + n);
        }
        return n * 4;
    }

    private static void checkIndex(int i) {
        if (i < 0 || i >= MAX_ENTRIES) {
            throw new IllegalArgumentException("pmpaddr index " + i);
        }
    }
}
