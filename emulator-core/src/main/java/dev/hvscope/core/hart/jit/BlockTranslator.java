package dev.hvscope.core.hart.jit;

import static dev.hvscope.core.isa.Insn.immB;
import static dev.hvscope.core.isa.Insn.immI;
import static dev.hvscope.core.isa.Insn.immJ;
import static dev.hvscope.core.isa.Insn.immS;
import static dev.hvscope.core.isa.Insn.immU;
import static dev.hvscope.core.isa.Insn.rd;
import static dev.hvscope.core.isa.Insn.rs1;
import static dev.hvscope.core.isa.Insn.rs2;
import static dev.hvscope.core.isa.Insn.shamt;

import dev.hvscope.core.isa.OpId;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Translates a straight-line run of decoded RV64IM instructions into one hidden class whose
 * {@link CompiledBlock#run} performs them on the hart, for HotSpot to compile like any Java code.
 *
 * <p>Guest registers the block touches live in JVM locals: loaded from {@code h.x} on entry and
 * written back on exit. A {@code TrapException} from a load or store goes through a handler that
 * writes the registers back (their values after the last retired instruction) and rethrows; each
 * load and store first sets {@code h.pc} to its own pc, so the trap path sees the faulting
 * instruction exactly as the interpreter would. Loads and stores call the hart's TLB fast paths.
 *
 * <p>A block is a superblock: it follows the fall-through path of conditional branches, whose
 * taken paths leave the block (side exits). A branch or jal back to the block's own start (a tight
 * loop) loops in the bytecode, pass after pass, while another whole pass fits in the caller's
 * budget and {@code h.batchLimit} was not cut to 0 (a device write, an interrupt line change).
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

    private static final String HART = "dev/hvscope/core/hart/Hart";
    private static final String TRAP = "dev/hvscope/core/hart/TrapException";
    private static final String BASE = "dev/hvscope/core/hart/jit/CompiledBlock";
    private static final String RUNTIME = "dev/hvscope/core/hart/jit/JitRuntime";
    private static final String BINARY = "(JJ)J";
    private static final String RUN = "(L" + HART + ";I)J";

    // Local variables of run(Hart, int): this, h, budget, h.x, passes, guest x1..x31 (two slots each), scratch.
    private static final int H = 1;
    private static final int BUDGET = 2;
    private static final int X = 3;
    private static final int PASSES = 4;
    private static final int REG0 = 5;
    private static final int TEMP_LONG = REG0 + 2 * 31;
    private static final int TEMP_REF = TEMP_LONG + 2;
    /** The shared exit: the next pc, and the instructions of the current pass that retired. */
    private static final int EXIT_PC = TEMP_REF + 1;
    private static final int EXIT_RETIRED = EXIT_PC + 2;
    private static final int MAX_LOCALS = EXIT_RETIRED + 1;

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

    /** True for the instructions a block may contain. */
    public static boolean translatable(int op) {
        return (op >= OpId.LUI && op <= OpId.FENCE) || (op >= OpId.MUL && op <= OpId.REMUW);
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
        if (n <= 0 || n > MAX_INSTRUCTIONS) {
            throw new IllegalArgumentException("block of " + n + " instructions");
        }
        ClassFile cf = new ClassFile(ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL | ClassFile.ACC_SUPER, name, BASE);
        Code init = new Code(1);
        init.aload(0).member(Code.INVOKESPECIAL, cf.methodRef(BASE, "<init>", "()V"), -1).op(Code.RETURN, 0);
        cf.method(ClassFile.ACC_PUBLIC, "<init>", "()V", init);
        cf.method(ClassFile.ACC_PUBLIC, "run", RUN, new Emitter(cf, startPc, words, ops, lengths, n).emit());
        return cf.toBytes();
    }

    /** Emits the body of run(Hart) for one block. */
    private static final class Emitter {
        private final ClassFile cf;
        private final Code c = new Code(MAX_LOCALS);
        private final long startPc;
        private final int[] words;
        private final int[] ops;
        private final byte[] lengths;
        private final int n;
        /** Registers the block reads or writes (bit r), and those it writes. */
        private int used;
        private int written;
        /** The start of a pass; local PASSES holds the instructions retired by earlier passes. */
        private final Code.Label top = new Code.Label();
        /** Index of the instruction being emitted. */
        private int index;
        /** Every exit stores EXIT_PC and EXIT_RETIRED and jumps here (keeps methods small for C2). */
        private final Code.Label epilogue = new Code.Label();

        Emitter(ClassFile cf, long startPc, int[] words, int[] ops, byte[] lengths, int n) {
            this.cf = cf;
            this.startPc = startPc;
            this.words = words;
            this.ops = ops;
            this.lengths = lengths;
            this.n = n;
        }

        Code emit() {
            scanRegisters();
            c.aload(H).member(Code.GETFIELD, cf.fieldRef(HART, "x", "[J"), 0).astore(X);
            for (int r = 1; r < 32; r++) {
                if ((used & (1 << r)) != 0) {
                    c.aload(X).iconst(cf, r).op(Code.LALOAD, -2 + 2).lstore(slot(r));
                }
            }
            c.iconst(cf, 0).istore(PASSES);
            int start = c.position();
            c.bind(top, false);
            long pc = startPc;
            boolean ended = false;
            for (int k = 0; k < n; k++) {
                long next = pc + lengths[k];
                index = k;
                ended = instruction(ops[k], words[k], pc, next);
                pc = next;
            }
            if (!ended) {
                exit(pc);
            }
            // The shared exit: publish registers and the retired count, return the next pc.
            c.bind(epilogue, true);
            writeBack();
            c.aload(0).iload(PASSES).iload(EXIT_RETIRED).op(Code.IADD, -1);
            c.member(Code.PUTFIELD, cf.fieldRef(BASE, "retired", "I"), -2);
            c.lload(EXIT_PC);
            returnPc();
            int end = c.position();
            // Trap: registers hold the state after the last retired instruction; publish and rethrow.
            int handler = c.position();
            c.enterHandler();
            c.astore(TEMP_REF);
            writeBack();
            setRetired();
            c.aload(TEMP_REF).op(Code.ATHROW, -1);
            c.handler(start, end, handler, cf.classRef(TRAP));
            return c;
        }

        private void scanRegisters() {
            for (int k = 0; k < n; k++) {
                int w = words[k];
                int op = ops[k];
                if (op != OpId.LUI && op != OpId.AUIPC && op != OpId.JAL && op != OpId.FENCE) {
                    used |= 1 << rs1(w);
                }
                if (readsRs2(op)) {
                    used |= 1 << rs2(w);
                }
                if (writesRd(op)) {
                    used |= 1 << rd(w);
                    written |= 1 << rd(w);
                }
            }
            used &= ~1;
            written &= ~1;
        }

        private static boolean readsRs2(int op) {
            return (op >= OpId.BEQ && op <= OpId.BGEU) || (op >= OpId.SB && op <= OpId.SD)
                    || (op >= OpId.ADD && op <= OpId.AND) || (op >= OpId.ADDW && op <= OpId.SRAW)
                    || (op >= OpId.MUL && op <= OpId.REMUW);
        }

        private static boolean writesRd(int op) {
            return !(op >= OpId.BEQ && op <= OpId.BGEU) && !(op >= OpId.SB && op <= OpId.SD) && op != OpId.FENCE;
        }

        private static int slot(int r) {
            return REG0 + 2 * (r - 1);
        }

        private void read(int r) {
            if (r == 0) {
                c.op(Code.LCONST_0, 2);
            } else {
                c.lload(slot(r));
            }
        }

        /** Pops the long on the stack into rd (dropped for x0). */
        private void write(int r) {
            if (r == 0) {
                c.op(Code.POP2, -2);
            } else {
                c.lstore(slot(r));
            }
        }

        private void writeBack() {
            for (int r = 1; r < 32; r++) {
                if ((written & (1 << r)) != 0) {
                    c.aload(X).iconst(cf, r).lload(slot(r)).op(Code.LASTORE, -4);
                }
            }
        }

        private void lconst(long v) {
            c.lconst(cf, v);
        }

        private void binary(int w, int opcode) {
            read(rs1(w));
            read(rs2(w));
            c.op(opcode, -2);
            write(rd(w));
        }

        private void immediate(int w, int opcode) {
            read(rs1(w));
            lconst(immI(w));
            c.op(opcode, -2);
            write(rd(w));
        }

        private void shiftImmediate(int w, int opcode) {
            read(rs1(w));
            c.iconst(cf, shamt(w));
            c.op(opcode, -1);
            write(rd(w));
        }

        /** 32-bit shift of rs1 by shamt or by rs2, sign-extended to 64 bits. */
        private void shiftWord(int w, int opcode, boolean byRegister) {
            read(rs1(w));
            c.op(Code.L2I, -1);
            if (byRegister) {
                read(rs2(w));
                c.op(Code.L2I, -1);   // ishl/ishr/iushr use the low 5 bits, as the W shifts do
            } else {
                c.iconst(cf, shamt(w));
            }
            c.op(opcode, -1);
            c.op(Code.I2L, 1);
            write(rd(w));
        }

        private void signExtendWord() {
            c.op(Code.L2I, -1);
            c.op(Code.I2L, 1);
        }

        private void call(int w, String name) {
            read(rs1(w));
            read(rs2(w));
            c.member(Code.INVOKESTATIC, cf.methodRef(RUNTIME, name, BINARY), -2);
            write(rd(w));
        }

        private void setPc(long pc) {
            c.aload(H);
            lconst(pc);
            c.member(Code.PUTFIELD, cf.fieldRef(HART, "pc", "J"), -3);
        }

        private void load(int w, long pc, String method, long zeroExtendMask) {
            setPc(pc);
            c.aload(H);
            read(rs1(w));
            lconst(immI(w));
            c.op(Code.LADD, -2);
            c.member(Code.INVOKEVIRTUAL, cf.methodRef(HART, method, "(J)J"), -1);
            if (zeroExtendMask != 0) {
                lconst(zeroExtendMask);
                c.op(Code.LAND, -2);
            }
            write(rd(w));
        }

        private void store(int w, long pc, String method) {
            setPc(pc);
            c.aload(H);
            read(rs1(w));
            lconst(immS(w));
            c.op(Code.LADD, -2);
            read(rs2(w));
            c.member(Code.INVOKEVIRTUAL, cf.methodRef(HART, method, "(JJ)V"), -5);
            // A device write cut the batch (an interrupt may be pending, or power-off): stop here,
            // as the interpreter would.
            if (index < n - 1) {
                Code.Label go = new Code.Label();
                c.aload(H).member(Code.GETFIELD, cf.fieldRef(HART, "batchLimit", "I"), 0).jump(Code.IFGT, go, -1);
                exit(pc + lengths[index]);
                c.bind(go, true);
            }
        }

        private void returnPc() {
            c.op(Code.LRETURN, -2);
        }

        /** this.retired = PASSES: the passes before the current one retired (trap path). */
        private void setRetired() {
            c.aload(0).iload(PASSES);
            c.member(Code.PUTFIELD, cf.fieldRef(BASE, "retired", "I"), -2);
        }

        /** Leaves the block after the current instruction, towards pc. */
        private void exit(long pc) {
            lconst(pc);
            exitToStackPc(index + 1);
        }

        /** Leaves towards the pc on the stack, with retired instructions of this pass. */
        private void exitToStackPc(int retiredThisPass) {
            c.lstore(EXIT_PC);
            c.iconst(cf, retiredThisPass).istore(EXIT_RETIRED);
            c.jump(Code.GOTO, epilogue, 0);
        }

        /** Leaves towards a target: another pass when the target is the block's start. */
        private void jumpTo(long target) {
            if (target == startPc) {
                loopBack();
            } else {
                exit(target);
            }
        }

        /**
         * The jump back to startPc: count this pass, run another if a whole one fits in the budget,
         * the batch was not cut and no store overwrote the block's code, else leave. Registers stay in locals across passes.
         */
        private void loopBack() {
            Code.Label leave = new Code.Label();
            c.iload(PASSES).iconst(cf, index + 1).op(Code.IADD, -1).istore(PASSES);
            // PASSES > budget - n: another whole pass does not fit (budget >= n, so no overflow).
            c.iload(PASSES).iload(BUDGET).iconst(cf, n).op(Code.ISUB, -1).jump(Code.IF_ICMPGT, leave, -2);
            c.aload(H).member(Code.GETFIELD, cf.fieldRef(HART, "batchLimit", "I"), 0).jump(Code.IFLE, leave, -1);
            c.aload(0).member(Code.GETFIELD, cf.fieldRef(BASE, "invalidated", "Z"), 0).jump(Code.IFNE, leave, -1);
            c.jump(Code.GOTO, top, 0);
            c.bind(leave, true);
            lconst(startPc);
            exitToStackPc(0);    // this pass is already in PASSES
        }

        /** Conditional branch: the taken path leaves (or loops); the fall-through path continues. */
        private void branch(int w, long pc, long next, int takenIf, boolean unsigned) {
            read(rs1(w));
            read(rs2(w));
            compare(unsigned);
            Code.Label fallThrough = new Code.Label();
            c.jump(negate(takenIf), fallThrough, -1);
            jumpTo(pc + immB(w));
            c.bind(fallThrough, true);
            if (index == n - 1) {
                exit(next);
            }
        }

        private static int negate(int ifOpcode) {
            // IFEQ/IFNE, IFLT/IFGE, IFGT/IFLE are adjacent pairs starting at an odd opcode.
            return (ifOpcode & 1) != 0 ? ifOpcode + 1 : ifOpcode - 1;
        }

        private void compare(boolean unsigned) {
            if (unsigned) {
                c.member(Code.INVOKESTATIC, cf.methodRef("java/lang/Long", "compareUnsigned", "(JJ)I"), -3);
            } else {
                c.op(Code.LCMP, -3);
            }
        }

        /** Emits one instruction; true when it ended the block (returned the next pc). */
        private boolean instruction(int op, int w, long pc, long next) {
            switch (op) {
                case OpId.LUI:
                    lconst(immU(w));
                    write(rd(w));
                    return false;
                case OpId.AUIPC:
                    lconst(pc + immU(w));
                    write(rd(w));
                    return false;
                case OpId.JAL:
                    lconst(next);
                    write(rd(w));
                    jumpTo(pc + immJ(w));
                    return true;
                case OpId.JALR:
                    read(rs1(w));          // target first: rd may be rs1
                    lconst(immI(w));
                    c.op(Code.LADD, -2);
                    lconst(~1L);
                    c.op(Code.LAND, -2);
                    c.lstore(TEMP_LONG);
                    lconst(next);
                    write(rd(w));
                    c.lload(TEMP_LONG);
                    exitToStackPc(index + 1);
                    return true;
                case OpId.BEQ:
                    branch(w, pc, next, Code.IFEQ, false);
                    return index == n - 1;
                case OpId.BNE:
                    branch(w, pc, next, Code.IFNE, false);
                    return index == n - 1;
                case OpId.BLT:
                    branch(w, pc, next, Code.IFLT, false);
                    return index == n - 1;
                case OpId.BGE:
                    branch(w, pc, next, Code.IFGE, false);
                    return index == n - 1;
                case OpId.BLTU:
                    branch(w, pc, next, Code.IFLT, true);
                    return index == n - 1;
                case OpId.BGEU:
                    branch(w, pc, next, Code.IFGE, true);
                    return index == n - 1;
                case OpId.LB:
                    load(w, pc, "load8", 0);
                    return false;
                case OpId.LH:
                    load(w, pc, "load16", 0);
                    return false;
                case OpId.LW:
                    load(w, pc, "load32", 0);
                    return false;
                case OpId.LD:
                    load(w, pc, "load64", 0);
                    return false;
                case OpId.LBU:
                    load(w, pc, "load8", 0xffL);
                    return false;
                case OpId.LHU:
                    load(w, pc, "load16", 0xffffL);
                    return false;
                case OpId.LWU:
                    load(w, pc, "load32", 0xffff_ffffL);
                    return false;
                case OpId.SB:
                    store(w, pc, "store8");
                    return false;
                case OpId.SH:
                    store(w, pc, "store16");
                    return false;
                case OpId.SW:
                    store(w, pc, "store32");
                    return false;
                case OpId.SD:
                    store(w, pc, "store64");
                    return false;
                case OpId.ADDI:
                    immediate(w, Code.LADD);
                    return false;
                case OpId.SLTI:
                    read(rs1(w));
                    lconst(immI(w));
                    c.member(Code.INVOKESTATIC, cf.methodRef(RUNTIME, "slt", BINARY), -2);
                    write(rd(w));
                    return false;
                case OpId.SLTIU:
                    read(rs1(w));
                    lconst(immI(w));
                    c.member(Code.INVOKESTATIC, cf.methodRef(RUNTIME, "sltu", BINARY), -2);
                    write(rd(w));
                    return false;
                case OpId.XORI:
                    immediate(w, Code.LXOR);
                    return false;
                case OpId.ORI:
                    immediate(w, Code.LOR);
                    return false;
                case OpId.ANDI:
                    immediate(w, Code.LAND);
                    return false;
                case OpId.SLLI:
                    shiftImmediate(w, Code.LSHL);
                    return false;
                case OpId.SRLI:
                    shiftImmediate(w, Code.LUSHR);
                    return false;
                case OpId.SRAI:
                    shiftImmediate(w, Code.LSHR);
                    return false;
                case OpId.ADD:
                    binary(w, Code.LADD);
                    return false;
                case OpId.SUB:
                    binary(w, Code.LSUB);
                    return false;
                case OpId.SLL:
                case OpId.SRL:
                case OpId.SRA:
                    read(rs1(w));
                    read(rs2(w));
                    c.op(Code.L2I, -1);    // lshl/lushr/lshr use the low 6 bits, as RV64 does
                    c.op(op == OpId.SLL ? Code.LSHL : op == OpId.SRL ? Code.LUSHR : Code.LSHR, -1);
                    write(rd(w));
                    return false;
                case OpId.SLT:
                    call(w, "slt");
                    return false;
                case OpId.SLTU:
                    call(w, "sltu");
                    return false;
                case OpId.XOR:
                    binary(w, Code.LXOR);
                    return false;
                case OpId.OR:
                    binary(w, Code.LOR);
                    return false;
                case OpId.AND:
                    binary(w, Code.LAND);
                    return false;
                case OpId.ADDIW:
                    read(rs1(w));
                    lconst(immI(w));
                    c.op(Code.LADD, -2);
                    signExtendWord();
                    write(rd(w));
                    return false;
                case OpId.SLLIW:
                    shiftWord(w, Code.ISHL, false);
                    return false;
                case OpId.SRLIW:
                    shiftWord(w, Code.IUSHR, false);
                    return false;
                case OpId.SRAIW:
                    shiftWord(w, Code.ISHR, false);
                    return false;
                case OpId.ADDW:
                    read(rs1(w));
                    read(rs2(w));
                    c.op(Code.LADD, -2);
                    signExtendWord();
                    write(rd(w));
                    return false;
                case OpId.SUBW:
                    read(rs1(w));
                    read(rs2(w));
                    c.op(Code.LSUB, -2);
                    signExtendWord();
                    write(rd(w));
                    return false;
                case OpId.SLLW:
                    shiftWord(w, Code.ISHL, true);
                    return false;
                case OpId.SRLW:
                    shiftWord(w, Code.IUSHR, true);
                    return false;
                case OpId.SRAW:
                    shiftWord(w, Code.ISHR, true);
                    return false;
                case OpId.FENCE:
                    return false;          // one hart, no caches to order: retires as a no-op
                case OpId.MUL:
                    binary(w, Code.LMUL);
                    return false;
                case OpId.MULH:
                    call(w, "mulh");
                    return false;
                case OpId.MULHSU:
                    call(w, "mulhsu");
                    return false;
                case OpId.MULHU:
                    call(w, "mulhu");
                    return false;
                case OpId.DIV:
                    call(w, "div");
                    return false;
                case OpId.DIVU:
                    call(w, "divu");
                    return false;
                case OpId.REM:
                    call(w, "rem");
                    return false;
                case OpId.REMU:
                    call(w, "remu");
                    return false;
                case OpId.MULW:
                    read(rs1(w));
                    c.op(Code.L2I, -1);
                    read(rs2(w));
                    c.op(Code.L2I, -1);
                    c.op(Code.IMUL, -1);
                    c.op(Code.I2L, 1);
                    write(rd(w));
                    return false;
                case OpId.DIVW:
                    call(w, "divw");
                    return false;
                case OpId.DIVUW:
                    call(w, "divuw");
                    return false;
                case OpId.REMW:
                    call(w, "remw");
                    return false;
                case OpId.REMUW:
                    call(w, "remuw");
                    return false;
                default:
                    throw new IllegalArgumentException("not translatable: op " + op);
            }
        }
    }
}
