package dev.hvscope.core.isa;

/**
 * Decodes a 32-bit instruction word (compressed ones already expanded by {@link Rvc}) to its
 * {@link Opcode}. The buckets are built once from the opcode table's mask/match pairs, as Spike
 * does from encoding.h, so the table stays the single source of truth.
 *
 * <p>A bucket is selected by the major opcode (bits 6:2) and funct3 (bits 14:12); an opcode whose
 * pattern leaves funct3 open (U/J formats, FP ops where it is the rounding mode) is placed in all
 * the buckets it can match. Each bucket is then a short linear scan of (mask, match, ordinal).
 */
public final class Decoder {
    /** (major opcode bits 6:2) * 8 + funct3. */
    private static final int BUCKETS = 32 * 8;

    /** bucketStart[b] .. bucketStart[b + 1] indexes the flat arrays below. */
    private static final int[] BUCKET_START = new int[BUCKETS + 1];
    private static final int[] MASKS;
    private static final int[] MATCHES;
    private static final Opcode[] OPCODES;

    static {
        int n = Opcode.count();
        int[][] members = new int[BUCKETS][];
        int[] sizes = new int[BUCKETS];
        int total = 0;
        for (int b = 0; b < BUCKETS; b++) {
            members[b] = new int[n];
            int key = bucketWord(b);
            for (int o = 0; o < n; o++) {
                Opcode op = Opcode.of(o);
                if (op.isInternal()) {
                    continue;
                }
                // The opcode can land in this bucket iff its fixed bits agree with the key bits.
                int keyMask = 0x707c;
                if (((op.match() ^ key) & op.mask() & keyMask) == 0 && (op.match() & 3) == 3) {
                    members[b][sizes[b]++] = o;
                }
            }
            total += sizes[b];
        }
        MASKS = new int[total];
        MATCHES = new int[total];
        OPCODES = new Opcode[total];
        int at = 0;
        for (int b = 0; b < BUCKETS; b++) {
            BUCKET_START[b] = at;
            for (int i = 0; i < sizes[b]; i++) {
                Opcode op = Opcode.of(members[b][i]);
                MASKS[at] = op.mask();
                MATCHES[at] = op.match();
                OPCODES[at] = op;
                at++;
            }
        }
        BUCKET_START[BUCKETS] = at;
    }

    private Decoder() {
    }

    /** The instruction word bits (6:2 and 14:12) that select bucket {@code b}. */
    private static int bucketWord(int b) {
        return ((b >>> 3) << 2) | ((b & 7) << 12) | 3;
    }

    private static int bucket(int insn) {
        return (((insn >>> 2) & 31) << 3) | ((insn >>> 12) & 7);
    }

    /** The opcode of a 32-bit instruction word, or {@link Opcode#ILLEGAL}. Allocates nothing. */
    public static Opcode decode(int insn) {
        if ((insn & 3) != 3) {
            return Opcode.ILLEGAL; // 16-bit encodings must be expanded first; 0 lands here too
        }
        int b = bucket(insn);
        for (int i = BUCKET_START[b], end = BUCKET_START[b + 1]; i < end; i++) {
            if ((insn & MASKS[i]) == MATCHES[i]) {
                return OPCODES[i];
            }
        }
        return Opcode.ILLEGAL;
    }

    /** {@code decode(insn).ordinal()}, for the dense int opcode kept in the decode cache. */
    public static int ordinal(int insn) {
        return decode(insn).ordinal();
    }

    /** Length in bytes of the instruction whose low halfword is given: 2 or 4 (RV64GC has no longer ones). */
    public static int length(int lowHalf) {
        return (lowHalf & 3) == 3 ? 4 : 2;
    }
}
