package dev.hvscope.core.hart.jit;

import dev.hvscope.core.isa.OpId;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Translates a straight-line run of decoded instructions into one hidden class whose
 * {@link CompiledBlock#run} performs them on the hart, for HotSpot to compile like any Java code
 * ({@link BlockEmitter} writes it with ASM). RV64IM becomes bytecode; F, D, A and the hypervisor
 * loads and stores become calls to the interpreter's methods for them ({@link InterpreterCall}). Compressed
 * instructions arrive expanded to their base forms, so they translate like those.
 *
 * <p>Guest registers the block touches live in JVM locals: loaded from {@code h.x} on entry and
 * written back on exit. A {@code TrapException} from a load or store goes through a handler that
 * writes the registers back (their values after the last retired instruction) and rethrows; each
 * load and store first sets {@code h.pc} to its own pc, so the trap path sees the faulting
 * instruction exactly as the interpreter would. Loads and stores call the hart's TLB fast paths.
 * A called instruction gets the integer registers it reads in {@code h.x} (when the block changed
 * them), its own pc in {@code h.pc}, and its result register reloaded into the local after it.
 *
 * <p>A block is a superblock: it follows the fall-through path of conditional branches, whose
 * taken paths leave the block (side exits). A branch or jal back to the block's own start (a tight
 * loop) loops in the bytecode, pass after pass, while another whole pass fits in the caller's
 * budget and {@code h.batchLimit} was not cut to 0 (a device write, an interrupt line change);
 * a store (or AMO, or FP store) that cut it also leaves the block after itself.
 * Every exit records the instructions retired in {@link CompiledBlock#retired}.
 *
 * <p>The hidden class is defined in the package of the caller's lookup (the hart package, for
 * {@code batchLimit}).
 *
 * <p>Translations are shared: a bounded least-recently-used table maps a block's content (start
 * pc, instruction words, lengths, package) to its hidden class, so another hart, a new machine
 * running the same program, or a block re-translated after a flush gets the class HotSpot has
 * already compiled. Each caller still gets its own {@link CompiledBlock} instance. Classes that
 * fall out of the table are unloaded once no block instance refers to them.
 */
public final class BlockTranslator {
    /** Longest block, in instructions. */
    public static final int MAX_INSTRUCTIONS = 64;
    /** Longest block, in bytes. */
    public static final int MAX_BYTES = 4 * MAX_INSTRUCTIONS;

    /** Hidden classes kept for reuse (each is a few KB of metaspace plus its compiled code). */
    static final int SHARED_CLASSES = 4096;

    private static final Map<Key, MethodHandle> SHARED = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, MethodHandle> eldest) {
            return size() > SHARED_CLASSES;
        }
    };

    /** What a block's bytecode depends on. */
    private static final class Key {
        final Class<?> host;
        final long startPc;
        final int[] words;
        final byte[] lengths;
        final int hash;

        Key(Class<?> host, long startPc, int[] words, byte[] lengths) {
            this.host = host;
            this.startPc = startPc;
            this.words = words;
            this.lengths = lengths;
            this.hash = (Long.hashCode(startPc) * 31 + Arrays.hashCode(words)) * 31 + Arrays.hashCode(lengths);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash && k.startPc == startPc && k.host == host
                    && Arrays.equals(k.words, words) && Arrays.equals(k.lengths, lengths);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private BlockTranslator() {
    }

    /**
     * True for the instructions a block may contain: RV64IM, compiled to bytecode, and F, D, A and
     * HLV/HLVX/HSV, performed by calls to their interpreter methods. A block ends before any other
     * instruction (CSR accesses, xRET, WFI, ECALL, EBREAK, the fences that flush), which the
     * interpreter runs: they may change privilege or translation, read instret or end the batch.
     */
    public static boolean translatable(int op) {
        return (op >= OpId.LUI && op <= OpId.FENCE) || (op >= OpId.MUL && op <= OpId.REMUW)
                || InterpreterCall.handles(op);
    }

    /** Unconditional jumps: the last instruction of a block (conditional branches are side exits). */
    public static boolean endsBlock(int op) {
        return op == OpId.JAL || op == OpId.JALR;
    }

    /**
     * Translates n instructions starting at startPc (words as the decode cache holds them,
     * compressed ones expanded; lengths 2 or 4), each following the previous one's fall-through
     * path. Every op must be {@link #translatable}; only the last may {@link #endsBlock end the block}.
     */
    public static CompiledBlock translate(MethodHandles.Lookup lookup, long startPc, int[] words, int[] ops,
            byte[] lengths, int n) {
        byte[] lens = Arrays.copyOf(lengths, n);
        Key key = new Key(lookup.lookupClass(), startPc, Arrays.copyOf(words, n), lens);
        try {
            MethodHandle constructor;
            synchronized (SHARED) {
                constructor = SHARED.get(key);
            }
            if (constructor == null) {
                String name = lookup.lookupClass().getPackageName().replace('.', '/') + "/TranslatedBlock";
                MethodHandles.Lookup hidden = lookup.defineHiddenClass(
                        classBytes(name, startPc, words, ops, lengths, n), true);
                constructor = hidden.findConstructor(hidden.lookupClass(), MethodType.methodType(void.class));
                synchronized (SHARED) {
                    SHARED.put(key, constructor);
                }
            }
            CompiledBlock b = (CompiledBlock) constructor.invoke();
            b.init(startPc, lens);
            return b;
        } catch (Throwable e) {
            throw new IllegalStateException("block translation failed at " + Long.toHexString(startPc), e);
        }
    }

    /** The class file of a block, named name (internal form). */
    static byte[] classBytes(String name, long startPc, int[] words, int[] ops, byte[] lengths, int n) {
        return BlockEmitter.classBytes(name, startPc, words, ops, lengths, n);
    }
}
