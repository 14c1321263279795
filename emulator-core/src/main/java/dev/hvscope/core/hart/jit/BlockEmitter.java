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
import static org.objectweb.asm.Opcodes.*;

import dev.hvscope.core.isa.OpId;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Writes the class file of one block with ASM: a subclass of {@link CompiledBlock} whose
 * {@code run(Hart, int)} performs the block's instructions (see {@link BlockTranslator} for what
 * the code does).
 *
 * <p>The class file is version 49 (Java 5): the JVM verifies it by type inference, so no stack
 * map frames are needed and ASM computes only max_stack and max_locals ({@code COMPUTE_MAXS};
 * {@code COMPUTE_FRAMES} would have to load classes to merge types, for nothing).
 */
final class BlockEmitter {
    private static final String HART = "dev/hvscope/core/hart/Hart";
    private static final String TRAP = "dev/hvscope/core/hart/TrapException";
    private static final String BASE = "dev/hvscope/core/hart/jit/CompiledBlock";
    private static final String RUNTIME = "dev/hvscope/core/hart/jit/JitRuntime";
    private static final String BINARY = "(JJ)J";
    private static final String RUN = "(L" + HART + ";I)J";
    private static final String INTERPRETED = "(L" + HART + ";I)V";

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

    private final MethodVisitor c;
    private final long startPc;
    private final int[] words;
    private final int[] ops;
    private final byte[] lengths;
    private final int n;
    /** Registers the block reads or writes (bit r), and those it writes. */
    private int used;
    private int written;
    /** The start of a pass; local PASSES holds the instructions retired by earlier passes. */
    private final Label top = new Label();
    /** Index of the instruction being emitted. */
    private int index;
    /** Every exit stores EXIT_PC and EXIT_RETIRED and jumps here (keeps methods small for C2). */
    private final Label epilogue = new Label();

    private BlockEmitter(MethodVisitor c, long startPc, int[] words, int[] ops, byte[] lengths, int n) {
        this.c = c;
        this.startPc = startPc;
        this.words = words;
        this.ops = ops;
        this.lengths = lengths;
        this.n = n;
    }

    /** The class file of a block, named name (internal form). */
    static byte[] classBytes(String name, long startPc, int[] words, int[] ops, byte[] lengths, int n) {
        if (n <= 0 || n > BlockTranslator.MAX_INSTRUCTIONS) {
            throw new IllegalArgumentException("block of " + n + " instructions");
        }
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(V1_5, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, name, null, BASE, null);
        MethodVisitor init = cw.visitMethod(ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(ALOAD, 0);
        init.visitMethodInsn(INVOKESPECIAL, BASE, "<init>", "()V", false);
        init.visitInsn(RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        MethodVisitor run = cw.visitMethod(ACC_PUBLIC, "run", RUN, null, null);
        run.visitCode();
        new BlockEmitter(run, startPc, words, ops, lengths, n).emit();
        run.visitMaxs(0, 0);
        run.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    private void emit() {
        Label start = new Label();
        Label end = new Label();
        Label handler = new Label();
        c.visitTryCatchBlock(start, end, handler, TRAP);
        scanRegisters();
        c.visitVarInsn(ALOAD, H);
        c.visitFieldInsn(GETFIELD, HART, "x", "[J");
        c.visitVarInsn(ASTORE, X);
        for (int r = 1; r < 32; r++) {
            if ((used & (1 << r)) != 0) {
                reload(r);
            }
        }
        iconst(0);
        c.visitVarInsn(ISTORE, PASSES);
        c.visitLabel(start);
        c.visitLabel(top);
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
        c.visitLabel(epilogue);
        writeBack();
        c.visitVarInsn(ALOAD, 0);
        c.visitVarInsn(ILOAD, PASSES);
        c.visitVarInsn(ILOAD, EXIT_RETIRED);
        c.visitInsn(IADD);
        c.visitFieldInsn(PUTFIELD, BASE, "retired", "I");
        c.visitVarInsn(LLOAD, EXIT_PC);
        c.visitInsn(LRETURN);
        c.visitLabel(end);
        // Trap: registers hold the state after the last retired instruction; publish and rethrow.
        c.visitLabel(handler);
        c.visitVarInsn(ASTORE, TEMP_REF);
        writeBack();
        c.visitVarInsn(ALOAD, 0);
        c.visitVarInsn(ILOAD, PASSES);
        c.visitFieldInsn(PUTFIELD, BASE, "retired", "I");
        c.visitVarInsn(ALOAD, TEMP_REF);
        c.visitInsn(ATHROW);
    }

    private void scanRegisters() {
        for (int k = 0; k < n; k++) {
            int w = words[k];
            int op = ops[k];
            if (InterpreterCall.handles(op)) {
                used |= InterpreterCall.reads(op, w) | InterpreterCall.writes(op, w);
                written |= InterpreterCall.writes(op, w);
                continue;
            }
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

    private void iconst(int v) {
        if (v >= -1 && v <= 5) {
            c.visitInsn(ICONST_0 + v);
        } else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
            c.visitIntInsn(BIPUSH, v);
        } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            c.visitIntInsn(SIPUSH, v);
        } else {
            c.visitLdcInsn(v);
        }
    }

    private void lconst(long v) {
        if (v == 0) {
            c.visitInsn(LCONST_0);
        } else if (v == 1) {
            c.visitInsn(LCONST_1);
        } else {
            c.visitLdcInsn(v);
        }
    }

    private void op(int opcode) {
        c.visitInsn(opcode);
    }

    private void read(int r) {
        if (r == 0) {
            op(LCONST_0);
        } else {
            c.visitVarInsn(LLOAD, slot(r));
        }
    }

    /** Pops the long on the stack into rd (dropped for x0). */
    private void write(int r) {
        if (r == 0) {
            op(POP2);
        } else {
            c.visitVarInsn(LSTORE, slot(r));
        }
    }

    /** h.x[r] = the local of r. */
    private void publish(int r) {
        c.visitVarInsn(ALOAD, X);
        iconst(r);
        c.visitVarInsn(LLOAD, slot(r));
        op(LASTORE);
    }

    /** The local of r = h.x[r]. */
    private void reload(int r) {
        c.visitVarInsn(ALOAD, X);
        iconst(r);
        op(LALOAD);
        c.visitVarInsn(LSTORE, slot(r));
    }

    private void writeBack() {
        for (int r = 1; r < 32; r++) {
            if ((written & (1 << r)) != 0) {
                publish(r);
            }
        }
    }

    private void binary(int w, int opcode) {
        read(rs1(w));
        read(rs2(w));
        op(opcode);
        write(rd(w));
    }

    private void immediate(int w, int opcode) {
        read(rs1(w));
        lconst(immI(w));
        op(opcode);
        write(rd(w));
    }

    private void shiftImmediate(int w, int opcode) {
        read(rs1(w));
        iconst(shamt(w));
        op(opcode);
        write(rd(w));
    }

    /** 32-bit shift of rs1 by shamt or by rs2, sign-extended to 64 bits. */
    private void shiftWord(int w, int opcode, boolean byRegister) {
        read(rs1(w));
        op(L2I);
        if (byRegister) {
            read(rs2(w));
            op(L2I);   // ishl/ishr/iushr use the low 5 bits, as the W shifts do
        } else {
            iconst(shamt(w));
        }
        op(opcode);
        op(I2L);
        write(rd(w));
    }

    private void signExtendWord() {
        op(L2I);
        op(I2L);
    }

    private void call(int w, String name) {
        read(rs1(w));
        read(rs2(w));
        c.visitMethodInsn(INVOKESTATIC, RUNTIME, name, BINARY, false);
        write(rd(w));
    }

    private void setPc(long pc) {
        c.visitVarInsn(ALOAD, H);
        lconst(pc);
        c.visitFieldInsn(PUTFIELD, HART, "pc", "J");
    }

    private void load(int w, long pc, String method, long zeroExtendMask) {
        setPc(pc);
        c.visitVarInsn(ALOAD, H);
        read(rs1(w));
        lconst(immI(w));
        op(LADD);
        c.visitMethodInsn(INVOKEVIRTUAL, HART, method, "(J)J", false);
        if (zeroExtendMask != 0) {
            lconst(zeroExtendMask);
            op(LAND);
        }
        write(rd(w));
    }

    private void store(int w, long pc, String method) {
        setPc(pc);
        c.visitVarInsn(ALOAD, H);
        read(rs1(w));
        lconst(immS(w));
        op(LADD);
        read(rs2(w));
        c.visitMethodInsn(INVOKEVIRTUAL, HART, method, "(JJ)V", false);
        leaveIfBatchCut(pc);
    }

    /**
     * After an instruction that may write a device: when the write cut the batch (an interrupt
     * may be pending, or power-off), stop after it, as the interpreter would.
     */
    private void leaveIfBatchCut(long pc) {
        if (index < n - 1) {
            Label go = new Label();
            c.visitVarInsn(ALOAD, H);
            c.visitFieldInsn(GETFIELD, HART, "batchLimit", "I");
            c.visitJumpInsn(IFGT, go);
            exit(pc + lengths[index]);
            c.visitLabel(go);
        }
    }

    /**
     * An instruction performed by its interpreter method: the integer registers it reads go to
     * {@code h.x} first if the block changed them, h.pc is its own (for a trap), and the register
     * it writes comes back into its local.
     */
    private void interpreted(int op, int w, long pc) {
        int reads = InterpreterCall.reads(op, w);
        for (int r = 1; r < 32; r++) {
            if ((reads & written & (1 << r)) != 0) {
                publish(r);
            }
        }
        setPc(pc);
        c.visitVarInsn(ALOAD, H);
        iconst(w);
        c.visitMethodInsn(INVOKESTATIC, InterpreterCall.owner(op), InterpreterCall.method(op), INTERPRETED, false);
        int writes = InterpreterCall.writes(op, w);
        if (writes != 0) {
            reload(rd(w));
        }
        if (InterpreterCall.mayStore(op)) {
            leaveIfBatchCut(pc);
        }
    }

    /** Leaves the block after the current instruction, towards pc. */
    private void exit(long pc) {
        lconst(pc);
        exitToStackPc(index + 1);
    }

    /** Leaves towards the pc on the stack, with retired instructions of this pass. */
    private void exitToStackPc(int retiredThisPass) {
        c.visitVarInsn(LSTORE, EXIT_PC);
        iconst(retiredThisPass);
        c.visitVarInsn(ISTORE, EXIT_RETIRED);
        c.visitJumpInsn(GOTO, epilogue);
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
     * the batch was not cut and no store overwrote the block's code, else leave. Registers stay in
     * locals across passes.
     */
    private void loopBack() {
        Label leave = new Label();
        c.visitVarInsn(ILOAD, PASSES);
        iconst(index + 1);
        op(IADD);
        c.visitVarInsn(ISTORE, PASSES);
        // PASSES > budget - n: another whole pass does not fit (budget >= n, so no overflow).
        c.visitVarInsn(ILOAD, PASSES);
        c.visitVarInsn(ILOAD, BUDGET);
        iconst(n);
        op(ISUB);
        c.visitJumpInsn(IF_ICMPGT, leave);
        c.visitVarInsn(ALOAD, H);
        c.visitFieldInsn(GETFIELD, HART, "batchLimit", "I");
        c.visitJumpInsn(IFLE, leave);
        c.visitVarInsn(ALOAD, 0);
        c.visitFieldInsn(GETFIELD, BASE, "invalidated", "Z");
        c.visitJumpInsn(IFNE, leave);
        c.visitJumpInsn(GOTO, top);
        c.visitLabel(leave);
        lconst(startPc);
        exitToStackPc(0);    // this pass is already in PASSES
    }

    /** Conditional branch: the taken path leaves (or loops); the fall-through path continues. */
    private void branch(int w, long pc, long next, int takenIf, boolean unsigned) {
        read(rs1(w));
        read(rs2(w));
        if (unsigned) {
            c.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "compareUnsigned", "(JJ)I", false);
        } else {
            op(LCMP);
        }
        Label fallThrough = new Label();
        c.visitJumpInsn(negate(takenIf), fallThrough);
        jumpTo(pc + immB(w));
        c.visitLabel(fallThrough);
        if (index == n - 1) {
            exit(next);
        }
    }

    private static int negate(int ifOpcode) {
        // IFEQ/IFNE, IFLT/IFGE, IFGT/IFLE are adjacent pairs starting at an odd opcode.
        return (ifOpcode & 1) != 0 ? ifOpcode + 1 : ifOpcode - 1;
    }

    /** Emits one instruction; true when it ended the block (returned the next pc). */
    private boolean instruction(int op, int w, long pc, long next) {
        if (InterpreterCall.handles(op)) {
            interpreted(op, w, pc);
            return false;
        }
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
                op(LADD);
                lconst(~1L);
                op(LAND);
                c.visitVarInsn(LSTORE, TEMP_LONG);
                lconst(next);
                write(rd(w));
                c.visitVarInsn(LLOAD, TEMP_LONG);
                exitToStackPc(index + 1);
                return true;
            case OpId.BEQ:
                branch(w, pc, next, IFEQ, false);
                return index == n - 1;
            case OpId.BNE:
                branch(w, pc, next, IFNE, false);
                return index == n - 1;
            case OpId.BLT:
                branch(w, pc, next, IFLT, false);
                return index == n - 1;
            case OpId.BGE:
                branch(w, pc, next, IFGE, false);
                return index == n - 1;
            case OpId.BLTU:
                branch(w, pc, next, IFLT, true);
                return index == n - 1;
            case OpId.BGEU:
                branch(w, pc, next, IFGE, true);
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
                immediate(w, LADD);
                return false;
            case OpId.SLTI:
                read(rs1(w));
                lconst(immI(w));
                c.visitMethodInsn(INVOKESTATIC, RUNTIME, "slt", BINARY, false);
                write(rd(w));
                return false;
            case OpId.SLTIU:
                read(rs1(w));
                lconst(immI(w));
                c.visitMethodInsn(INVOKESTATIC, RUNTIME, "sltu", BINARY, false);
                write(rd(w));
                return false;
            case OpId.XORI:
                immediate(w, LXOR);
                return false;
            case OpId.ORI:
                immediate(w, LOR);
                return false;
            case OpId.ANDI:
                immediate(w, LAND);
                return false;
            case OpId.SLLI:
                shiftImmediate(w, LSHL);
                return false;
            case OpId.SRLI:
                shiftImmediate(w, LUSHR);
                return false;
            case OpId.SRAI:
                shiftImmediate(w, LSHR);
                return false;
            case OpId.ADD:
                binary(w, LADD);
                return false;
            case OpId.SUB:
                binary(w, LSUB);
                return false;
            case OpId.SLL:
            case OpId.SRL:
            case OpId.SRA:
                read(rs1(w));
                read(rs2(w));
                op(L2I);    // lshl/lushr/lshr use the low 6 bits, as RV64 does
                op(op == OpId.SLL ? LSHL : op == OpId.SRL ? LUSHR : LSHR);
                write(rd(w));
                return false;
            case OpId.SLT:
                call(w, "slt");
                return false;
            case OpId.SLTU:
                call(w, "sltu");
                return false;
            case OpId.XOR:
                binary(w, LXOR);
                return false;
            case OpId.OR:
                binary(w, LOR);
                return false;
            case OpId.AND:
                binary(w, LAND);
                return false;
            case OpId.ADDIW:
                read(rs1(w));
                lconst(immI(w));
                op(LADD);
                signExtendWord();
                write(rd(w));
                return false;
            case OpId.SLLIW:
                shiftWord(w, ISHL, false);
                return false;
            case OpId.SRLIW:
                shiftWord(w, IUSHR, false);
                return false;
            case OpId.SRAIW:
                shiftWord(w, ISHR, false);
                return false;
            case OpId.ADDW:
                read(rs1(w));
                read(rs2(w));
                op(LADD);
                signExtendWord();
                write(rd(w));
                return false;
            case OpId.SUBW:
                read(rs1(w));
                read(rs2(w));
                op(LSUB);
                signExtendWord();
                write(rd(w));
                return false;
            case OpId.SLLW:
                shiftWord(w, ISHL, true);
                return false;
            case OpId.SRLW:
                shiftWord(w, IUSHR, true);
                return false;
            case OpId.SRAW:
                shiftWord(w, ISHR, true);
                return false;
            case OpId.FENCE:
                return false;          // one hart, no caches to order: retires as a no-op
            case OpId.MUL:
                binary(w, LMUL);
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
                op(L2I);
                read(rs2(w));
                op(L2I);
                op(IMUL);
                op(I2L);
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
