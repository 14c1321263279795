package dev.hvscope.core.mmu;

/**
 * A record of one translation, level by level and stage by stage, for {@code monitor hv translate}
 * and the IDE views. Preallocated and reused: recording stores primitives and enum constants into
 * parallel arrays and allocates nothing; only {@link #format()} builds a string.
 *
 * <p>Entries appear in walk order. In a two-stage walk each VS-stage entry is followed by the
 * nested G-stage walk(s) of its PTE address ({@link #nested}), and the G-stage walk of the final
 * guest-physical address comes last. Entries beyond {@link #capacity()} are dropped and counted in
 * {@link #dropped()}.
 */
public final class WalkTrace {
    /** What a step found. */
    public enum Outcome {
        /** Not decided: the step stopped before its PTE was read (e.g. its G-stage walk failed). */
        PENDING,
        /** A valid pointer to the next level. */
        POINTER,
        /** The leaf; the walk of this stage ended here successfully. */
        LEAF,
        /** The walk of this stage failed here; see {@link #failure(int)}. */
        FAULT,
        /** The A/D compare-and-swap lost a race; the stage walk restarted. */
        RETRY
    }

    /** Why a G-stage walk was made. */
    public enum Purpose {
        /** The access itself (or the final GPA of a two-stage access). */
        ACCESS,
        /** Implicit read of a VS-stage PTE. */
        PTE_READ,
        /** Implicit write of a VS-stage PTE (A/D update). */
        PTE_WRITE
    }

    public static final int DEFAULT_CAPACITY = 128;

    private final int capacity;
    private final Stage[] stage;
    private final Purpose[] purpose;
    private final boolean[] nestedFlag;
    private final int[] level;
    private final long[] inputAddr;
    private final long[] tableAddr;
    private final long[] index;
    private final long[] pteAddr;
    private final long[] pteHpa;
    private final long[] pte;
    private final Outcome[] outcome;
    private final WalkFailure[] failure;
    private final long[] adNeeded;
    private final boolean[] adWritten;
    private int count;
    private int dropped;

    // Header and result.
    private long va;
    private AccessType type;
    private boolean twoStage;
    private boolean debug;
    private long atp;
    private long hgatp;
    private boolean done;
    private boolean ok;
    private long pa;
    private long gpa;
    private int cause;
    private int htinst;
    private WalkFailure resultFailure;
    private Stage failedStage;
    private int failedLevel;
    private int pageShift;

    public WalkTrace() {
        this(DEFAULT_CAPACITY);
    }

    public WalkTrace(int capacity) {
        this.capacity = capacity;
        stage = new Stage[capacity];
        purpose = new Purpose[capacity];
        nestedFlag = new boolean[capacity];
        level = new int[capacity];
        inputAddr = new long[capacity];
        tableAddr = new long[capacity];
        index = new long[capacity];
        pteAddr = new long[capacity];
        pteHpa = new long[capacity];
        pte = new long[capacity];
        outcome = new Outcome[capacity];
        failure = new WalkFailure[capacity];
        adNeeded = new long[capacity];
        adWritten = new boolean[capacity];
    }

    // ---- recording (called by PageWalker) ----

    void begin(long va, AccessType type, TranslationRequest req) {
        count = 0;
        dropped = 0;
        this.va = va;
        this.type = type;
        this.twoStage = req.twoStage;
        this.debug = req.debug;
        this.atp = req.atp;
        this.hgatp = req.hgatp;
        this.done = false;
    }

    /** Opens a step; returns its slot, or -1 when the trace is full. */
    int step(Stage st, Purpose why, boolean nested, int lvl, long input, long table, long idx, long pteAddress) {
        if (count == capacity) {
            dropped++;
            return -1;
        }
        int i = count++;
        stage[i] = st;
        purpose[i] = why;
        nestedFlag[i] = nested;
        level[i] = lvl;
        inputAddr[i] = input;
        tableAddr[i] = table;
        index[i] = idx;
        pteAddr[i] = pteAddress;
        pteHpa[i] = pteAddress;
        pte[i] = 0;
        outcome[i] = Outcome.PENDING;
        failure[i] = null;
        adNeeded[i] = 0;
        adWritten[i] = false;
        return i;
    }

    void pteRead(int slot, long hpa, long value) {
        if (slot >= 0) {
            pteHpa[slot] = hpa;
            pte[slot] = value;
        }
    }

    void outcome(int slot, Outcome o, WalkFailure why) {
        if (slot >= 0) {
            outcome[slot] = o;
            failure[slot] = why;
        }
    }

    void accessedDirty(int slot, long bits, boolean written, long newPte) {
        if (slot >= 0) {
            adNeeded[slot] = bits;
            adWritten[slot] = written;
            if (written) {
                pte[slot] = newPte;
            }
        }
    }

    void end(Translation out) {
        done = true;
        ok = out.ok;
        pa = out.pa;
        gpa = out.gpa;
        cause = out.cause;
        htinst = out.htinst;
        resultFailure = out.failure;
        failedStage = out.failedStage;
        failedLevel = out.level;
        pageShift = out.pageShift;
    }

    // ---- reading ----

    public int capacity() {
        return capacity;
    }

    /** Number of recorded steps. */
    public int size() {
        return count;
    }

    /** Steps that did not fit. */
    public int dropped() {
        return dropped;
    }

    public Stage stage(int i) {
        return stage[check(i)];
    }

    public Purpose purpose(int i) {
        return purpose[check(i)];
    }

    /** True for a G-stage step that translates a VS-stage PTE address. */
    public boolean nested(int i) {
        return nestedFlag[check(i)];
    }

    public int level(int i) {
        return level[check(i)];
    }

    /** The address this stage translates (VA for VS/single, GPA for G). */
    public long inputAddress(int i) {
        return inputAddr[check(i)];
    }

    /** Table base: physical for single/G steps, guest-physical for VS steps. */
    public long tableAddress(int i) {
        return tableAddr[check(i)];
    }

    public long index(int i) {
        return index[check(i)];
    }

    /** PTE address in the stage's own address space (guest-physical for VS steps). */
    public long pteAddress(int i) {
        return pteAddr[check(i)];
    }

    /** Host-physical address the PTE was read from (same as pteAddress except for VS steps). */
    public long pteHostAddress(int i) {
        return pteHpa[check(i)];
    }

    /** PTE value (after the A/D update when one was written). */
    public long pte(int i) {
        return pte[check(i)];
    }

    public Outcome outcome(int i) {
        return outcome[check(i)];
    }

    public WalkFailure failure(int i) {
        return failure[check(i)];
    }

    /** A/D bits the leaf lacked (0 when none were needed). */
    public long adNeeded(int i) {
        return adNeeded[check(i)];
    }

    /** Whether the needed A/D bits were written (false in a debug walk). */
    public boolean adWritten(int i) {
        return adWritten[check(i)];
    }

    public long va() {
        return va;
    }

    public AccessType type() {
        return type;
    }

    public boolean ok() {
        return ok;
    }

    public long pa() {
        return pa;
    }

    public long gpa() {
        return gpa;
    }

    /** Number of steps of the given stage. */
    public int count(Stage st) {
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (stage[i] == st) {
                n++;
            }
        }
        return n;
    }

    private int check(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException(i);
        }
        return i;
    }

    // ---- formatting ----

    /** A readable multi-line dump of the walk. */
    public String format() {
        StringBuilder sb = new StringBuilder(256 + count * 128);
        sb.append("translate ").append(type).append(" va=").append(hex(va));
        if (debug) {
            sb.append(" (debug)");
        }
        sb.append('\n');
        if (twoStage) {
            sb.append("  vsatp=").append(hex(atp)).append(' ').append(modeName(PagingMode.fromSatp(atp)))
              .append("  hgatp=").append(hex(hgatp)).append(' ').append(modeName(PagingMode.fromHgatp(hgatp)))
              .append(" vmid=").append(PagingMode.vmid(hgatp)).append('\n');
        } else {
            sb.append("  satp=").append(hex(atp)).append(' ').append(modeName(PagingMode.fromSatp(atp)))
              .append(" asid=").append(PagingMode.asid(atp)).append('\n');
        }
        for (int i = 0; i < count; i++) {
            sb.append(nestedFlag[i] ? "      " : "  ");
            sb.append(stage[i] == Stage.SINGLE ? "S " : stage[i] == Stage.VS ? "VS" : "G ");
            sb.append(" L").append(level[i]);
            if (stage[i] == Stage.G && startsWalk(i)) {
                sb.append(purpose[i] == Purpose.PTE_READ ? " [pte read, gpa "
                    : purpose[i] == Purpose.PTE_WRITE ? " [pte write, gpa " : " [gpa ")
                  .append(hex(inputAddr[i])).append(']');
            }
            sb.append(" table=").append(hex(tableAddr[i]))
              .append(" idx=").append(hex(index[i]))
              .append(" pte@").append(hex(pteAddr[i]));
            if (pteHpa[i] != pteAddr[i]) {
                sb.append(" (hpa ").append(hex(pteHpa[i])).append(')');
            }
            if (outcome[i] != Outcome.PENDING) {
                sb.append(" = ").append(hex(pte[i])).append(' ').append(flags(pte[i]));
            }
            sb.append(" -> ").append(outcome[i]);
            if (failure[i] != null) {
                sb.append(' ').append(failure[i]);
            }
            if (adNeeded[i] != 0) {
                sb.append(adWritten[i] ? " (set " : " (needs ").append(adNeeded[i] == (PteBits.A | PteBits.D)
                    ? "A|D" : adNeeded[i] == PteBits.A ? "A" : "D").append(adWritten[i] ? ")" : ", not written)");
            }
            sb.append('\n');
        }
        if (dropped > 0) {
            sb.append("  ... ").append(dropped).append(" more steps not recorded\n");
        }
        if (done) {
            if (ok) {
                sb.append("  => pa=").append(hex(pa));
                if (twoStage) {
                    sb.append(" gpa=").append(hex(gpa));
                }
                sb.append(" page=").append(PagingMode.pageSizeName(pageShift)).append('\n');
            } else {
                sb.append("  => fault cause=").append(cause).append(' ').append(resultFailure)
                  .append(" in ").append(failedStage).append(" stage");
                if (failedLevel >= 0) {
                    sb.append(" at L").append(failedLevel);
                }
                if (gpa != -1) {
                    sb.append(" gpa=").append(hex(gpa)).append(" htval=").append(hex(gpa >>> 2));
                }
                if (htinst != 0) {
                    sb.append(" htinst=").append(hex(htinst));
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return format();
    }

    /** Whether step i is the first step of its stage walk (so its input address is printed once). */
    private boolean startsWalk(int i) {
        return i == 0 || stage[i - 1] != stage[i] || nestedFlag[i - 1] != nestedFlag[i]
            || purpose[i - 1] != purpose[i] || inputAddr[i - 1] != inputAddr[i] || level[i - 1] <= level[i];
    }

    private static String modeName(PagingMode m) {
        return m == null ? "reserved-mode" : m.name();
    }

    private static String flags(long pte) {
        char[] c = "DAGUXWRV".toCharArray();
        for (int b = 0; b < 8; b++) {
            if ((pte & (1L << b)) == 0) {
                c[7 - b] = '-';
            }
        }
        return new String(c);
    }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }
}
