package dev.hvscope.core.hart.jit;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Bytecode of one method: the instructions the translator needs, forward and backward labels with
 * 16-bit offsets, exception handlers, and max_stack computed from each instruction's stack effect
 * (in slots: a long takes two).
 */
public final class Code {
    // Opcodes (JVMS chapter 6).
    public static final int LCONST_0 = 0x09;
    public static final int LCONST_1 = 0x0a;
    public static final int ICONST_0 = 0x03;
    public static final int BIPUSH = 0x10;
    public static final int SIPUSH = 0x11;
    public static final int LDC_W = 0x13;
    public static final int LDC2_W = 0x14;
    public static final int ILOAD = 0x15;
    public static final int LLOAD = 0x16;
    public static final int ALOAD = 0x19;
    public static final int LALOAD = 0x2f;
    public static final int ISTORE = 0x36;
    public static final int LSTORE = 0x37;
    public static final int ASTORE = 0x3a;
    public static final int LASTORE = 0x50;
    public static final int POP2 = 0x58;
    public static final int IADD = 0x60;
    public static final int LADD = 0x61;
    public static final int ISUB = 0x64;
    public static final int LSUB = 0x65;
    public static final int IMUL = 0x68;
    public static final int LMUL = 0x69;
    public static final int ISHL = 0x78;
    public static final int LSHL = 0x79;
    public static final int ISHR = 0x7a;
    public static final int LSHR = 0x7b;
    public static final int IUSHR = 0x7c;
    public static final int LUSHR = 0x7d;
    public static final int LAND = 0x7f;
    public static final int LOR = 0x81;
    public static final int LXOR = 0x83;
    public static final int I2L = 0x85;
    public static final int L2I = 0x88;
    public static final int LCMP = 0x94;
    public static final int IFEQ = 0x99;
    public static final int IFNE = 0x9a;
    public static final int IFLT = 0x9b;
    public static final int IFGE = 0x9c;
    public static final int IFGT = 0x9d;
    public static final int IFLE = 0x9e;
    public static final int IF_ICMPGT = 0xa3;
    public static final int GOTO = 0xa7;
    public static final int IRETURN = 0xac;
    public static final int LRETURN = 0xad;
    public static final int RETURN = 0xb1;
    public static final int GETFIELD = 0xb4;
    public static final int PUTFIELD = 0xb5;
    public static final int INVOKEVIRTUAL = 0xb6;
    public static final int INVOKESPECIAL = 0xb7;
    public static final int INVOKESTATIC = 0xb8;
    public static final int ATHROW = 0xbf;

    /** A jump target; bind it once, jump to it any number of times (before or after binding). */
    public static final class Label {
        private int position = -1;
        private int depth = -1;
        private final List<Integer> fixups = new ArrayList<>();
    }

    private final ByteArrayOutputStream code = new ByteArrayOutputStream();
    private final List<int[]> handlers = new ArrayList<>();
    private final int maxLocals;
    private int depth;
    private int maxStack;

    public Code(int maxLocals) {
        this.maxLocals = maxLocals;
    }

    public int position() {
        return code.size();
    }

    public int depth() {
        return depth;
    }

    /** Emits a one-byte instruction with the given stack effect in slots. */
    public Code op(int opcode, int stackDelta) {
        code.write(opcode);
        adjust(stackDelta);
        return this;
    }

    private void adjust(int delta) {
        depth += delta;
        if (depth < 0) {
            throw new IllegalStateException("stack underflow at " + code.size());
        }
        maxStack = Math.max(maxStack, depth);
    }

    private void u1(int v) {
        code.write(v);
    }

    private void u2(int v) {
        code.write(v >>> 8);
        code.write(v);
    }

    /** An instruction taking a local-variable index (wide forms are not needed: indices stay below 256). */
    private Code local(int opcode, int slot, int stackDelta) {
        if (slot > 255) {
            throw new IllegalArgumentException("local " + slot);
        }
        u1(opcode);
        u1(slot);
        adjust(stackDelta);
        return this;
    }

    public Code lload(int slot) {
        return local(LLOAD, slot, 2);
    }

    public Code lstore(int slot) {
        return local(LSTORE, slot, -2);
    }

    public Code aload(int slot) {
        return local(ALOAD, slot, 1);
    }

    public Code astore(int slot) {
        return local(ASTORE, slot, -1);
    }

    public Code iload(int slot) {
        return local(ILOAD, slot, 1);
    }

    public Code istore(int slot) {
        return local(ISTORE, slot, -1);
    }

    /** Pushes a long constant: lconst_0/1 or ldc2_w from the pool. */
    public Code lconst(ClassFile cf, long v) {
        if (v == 0) {
            return op(LCONST_0, 2);
        }
        if (v == 1) {
            return op(LCONST_1, 2);
        }
        u1(LDC2_W);
        u2(cf.longConst(v));
        adjust(2);
        return this;
    }

    /** Pushes an int constant (small values inline, others from the pool). */
    public Code iconst(ClassFile cf, int v) {
        if (v >= -1 && v <= 5) {
            return op(ICONST_0 + v, 1);
        }
        if (v >= -128 && v <= 127) {
            u1(BIPUSH);
            u1(v);
        } else if (v >= -32768 && v <= 32767) {
            u1(SIPUSH);
            u2(v);
        } else {
            u1(LDC_W);
            u2(cf.intConst(v));
        }
        adjust(1);
        return this;
    }

    /** A field or method instruction with a pool reference and its stack effect in slots. */
    public Code member(int opcode, int poolIndex, int stackDelta) {
        u1(opcode);
        u2(poolIndex);
        adjust(stackDelta);
        return this;
    }

    /** A conditional or unconditional jump; the stack effect is that of the comparison. */
    public Code jump(int opcode, Label target, int stackDelta) {
        int at = code.size();
        u1(opcode);
        u2(0);
        adjust(stackDelta);
        if (target.depth == -1) {
            target.depth = depth;
        } else if (target.depth != depth) {
            throw new IllegalStateException("stack depth mismatch at label");
        }
        if (target.position >= 0) {
            patch(at, target.position);
        } else {
            target.fixups.add(at);
        }
        return this;
    }

    /** Binds a label here. After an unconditional transfer the stack depth is the label's. */
    public Code bind(Label l, boolean afterUnconditional) {
        if (l.position >= 0) {
            throw new IllegalStateException("label bound twice");
        }
        l.position = code.size();
        if (afterUnconditional) {
            depth = Math.max(l.depth, 0);
        } else if (l.depth != -1 && l.depth != depth) {
            throw new IllegalStateException("stack depth mismatch at label");
        }
        l.depth = depth;
        for (int at : l.fixups) {
            patch(at, l.position);
        }
        l.fixups.clear();
        return this;
    }

    private void patch(int at, int target) {
        int offset = target - at;
        if (offset < Short.MIN_VALUE || offset > Short.MAX_VALUE) {
            throw new IllegalStateException("jump too far");
        }
        byte[] pending = code.toByteArray();
        pending[at + 1] = (byte) (offset >>> 8);
        pending[at + 2] = (byte) offset;
        code.reset();
        code.write(pending, 0, pending.length);
    }

    /**
     * Declares that exceptions of the given class (a pool class index, 0 = any) thrown in
     * [start, end) go to handler; the handler starts with the exception on an empty stack.
     */
    public void handler(int start, int end, int handler, int catchType) {
        handlers.add(new int[] {start, end, handler, catchType});
    }

    /** Resets the tracked depth at a handler entry (the thrown exception is on the stack). */
    public void enterHandler() {
        depth = 0;
        adjust(1);
    }

    byte[] bytes() {
        if (depth < 0) {
            throw new IllegalStateException();
        }
        return code.toByteArray();
    }

    List<int[]> handlers() {
        return handlers;
    }

    int maxStack() {
        return maxStack;
    }

    int maxLocals() {
        return maxLocals;
    }
}
