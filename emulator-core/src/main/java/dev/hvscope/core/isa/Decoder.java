package dev.hvscope.core.isa;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes a 32-bit instruction word (compressed ones already expanded by {@link Rvc}) to its
 * {@link Opcode}. The lookup tables are built once from the opcode table's mask/match pairs, as
 * Spike builds its buckets from encoding.h, so the table stays the single source of truth.
 *
 * <p>Level one is keyed by the major opcode (bits 6:2) and funct3 (bits 14:12). An opcode whose
 * pattern leaves funct3 open (U/J formats, FP ops where it is the rounding mode) is placed in every
 * bucket it can match. Buckets that would still hold many opcodes (OP-FP, SYSTEM) are split again
 * by funct7 (bits 31:25). What remains is a linear scan of at most a few (mask, match) pairs.
 */
public final class Decoder {
    /** (major opcode bits 6:2) * 8 + funct3. */
    private static final int BUCKETS = 32 * 8;
    /** Level-one buckets with more candidates than this are split by funct7. */
    private static final int SPLIT_ABOVE = 4;
    private static final int FUNCT7_VALUES = 128;

    /**
     * For an unsplit bucket b: candidates are entries START[b] .. START[b + 1] - 1 of the flat
     * arrays, and SPLIT[b] is -1. For a split bucket SPLIT[b] is the base k into SUB_START, and
     * the candidates for funct7 f are SUB_START[k + f] .. SUB_START[k + f + 1] - 1.
     */
    private static final int[] START = new int[BUCKETS + 1];
    private static final int[] SPLIT = new int[BUCKETS];
    private static final int[] SUB_START;
    private static final int[] MASKS;
    private static final int[] MATCHES;
    private static final Opcode[] OPCODES;

    static {
        List<Opcode> flat = new ArrayList<>();
        List<Opcode> subFlat = new ArrayList<>();
        List<Integer> subStart = new ArrayList<>();
        for (int b = 0; b < BUCKETS; b++) {
            List<Opcode> candidates = candidates(bucketWord(b), 0x707f);
            START[b] = flat.size();
            if (candidates.size() <= SPLIT_ABOVE) {
                SPLIT[b] = -1;
                flat.addAll(candidates);
                continue;
            }
            SPLIT[b] = subStart.size();
            for (int f7 = 0; f7 < FUNCT7_VALUES; f7++) {
                subStart.add(subFlat.size());
                subFlat.addAll(candidates(bucketWord(b) | f7 << 25, 0xfe00707f));
            }
            subStart.add(subFlat.size()); // end of the last funct7 range of this bucket
        }
        START[BUCKETS] = flat.size();
        // Split ranges live after the unsplit ones in the same flat arrays.
        int offset = flat.size();
        flat.addAll(subFlat);
        SUB_START = new int[subStart.size()];
        for (int i = 0; i < SUB_START.length; i++) {
            SUB_START[i] = subStart.get(i) + offset;
        }
        MASKS = new int[flat.size()];
        MATCHES = new int[flat.size()];
        OPCODES = new Opcode[flat.size()];
        for (int i = 0; i < flat.size(); i++) {
            MASKS[i] = flat.get(i).mask();
            MATCHES[i] = flat.get(i).match();
            OPCODES[i] = flat.get(i);
        }
    }

    private Decoder() {
    }

    /** Opcodes whose fixed bits agree with {@code key} on the bits of {@code keyMask}. */
    private static List<Opcode> candidates(int key, int keyMask) {
        List<Opcode> result = new ArrayList<>();
        for (int o = 0; o < Opcode.count(); o++) {
            Opcode op = Opcode.of(o);
            if (!op.isInternal() && ((op.match() ^ key) & op.mask() & keyMask) == 0) {
                result.add(op);
            }
        }
        return result;
    }

    /** The instruction word bits (6:0 and 14:12) that select bucket {@code b}. */
    private static int bucketWord(int b) {
        return ((b >>> 3) << 2) | ((b & 7) << 12) | 3;
    }

    /** The opcode of a 32-bit instruction word, or {@link Opcode#ILLEGAL}. Allocates nothing. */
    public static Opcode decode(int insn) {
        if ((insn & 3) != 3) {
            return Opcode.ILLEGAL; // 16-bit encodings must be expanded first; 0 lands here too
        }
        int b = ((insn >>> 2) & 31) << 3 | ((insn >>> 12) & 7);
        int i;
        int end;
        int split = SPLIT[b];
        if (split < 0) {
            i = START[b];
            end = START[b + 1];
        } else {
            int k = split + (insn >>> 25);
            i = SUB_START[k];
            end = SUB_START[k + 1];
        }
        for (; i < end; i++) {
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

    /** Length in bytes of the instruction whose low halfword is given: 2, or 4 (RV64GC has no longer ones). */
    public static int length(int lowHalf) {
        return (lowHalf & 3) == 3 ? 4 : 2;
    }
}
