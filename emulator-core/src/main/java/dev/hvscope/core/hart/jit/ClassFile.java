package dev.hvscope.core.hart.jit;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal class file writer: one class, its constant pool, and methods whose bytecode is built
 * with {@link Code}. Version 49 (Java 5), so the JVM verifies by type inference and no
 * StackMapTable is needed. Enough for the block translator; not a general assembler.
 */
public final class ClassFile {
    public static final int ACC_PUBLIC = 0x0001;
    public static final int ACC_STATIC = 0x0008;
    public static final int ACC_FINAL = 0x0010;
    public static final int ACC_SUPER = 0x0020;

    private static final int VERSION_MAJOR = 49;

    private final ByteArrayOutputStream poolBytes = new ByteArrayOutputStream();
    private final DataOutputStream pool = new DataOutputStream(poolBytes);
    private final Map<String, Integer> poolIndex = new HashMap<>();
    private int poolCount = 1;
    private final int thisClass;
    private final int superClass;
    private final int access;
    private final List<byte[]> methods = new ArrayList<>();

    /** Names are internal names ({@code java/lang/Object}). */
    public ClassFile(int access, String name, String superName) {
        this.access = access;
        this.thisClass = classRef(name);
        this.superClass = classRef(superName);
    }

    // ---- constant pool (entries are shared by key) ----

    public int utf8(String s) {
        return entry("U" + s, 0, out -> {
            out.writeByte(1);
            out.writeUTF(s);
        });
    }

    public int classRef(String internalName) {
        int n = utf8(internalName);
        return entry("C" + internalName, 0, out -> {
            out.writeByte(7);
            out.writeShort(n);
        });
    }

    public int longConst(long v) {
        return entry("J" + v, 1, out -> {
            out.writeByte(5);
            out.writeLong(v);
        });
    }

    public int intConst(int v) {
        return entry("I" + v, 0, out -> {
            out.writeByte(3);
            out.writeInt(v);
        });
    }

    private int nameAndType(String name, String desc) {
        int n = utf8(name);
        int d = utf8(desc);
        return entry("T" + name + ":" + desc, 0, out -> {
            out.writeByte(12);
            out.writeShort(n);
            out.writeShort(d);
        });
    }

    public int fieldRef(String owner, String name, String desc) {
        return memberRef(9, owner, name, desc);
    }

    public int methodRef(String owner, String name, String desc) {
        return memberRef(10, owner, name, desc);
    }

    private int memberRef(int tag, String owner, String name, String desc) {
        int c = classRef(owner);
        int nt = nameAndType(name, desc);
        return entry(tag + "R" + owner + "." + name + ":" + desc, 0, out -> {
            out.writeByte(tag);
            out.writeShort(c);
            out.writeShort(nt);
        });
    }

    private interface EntryWriter {
        void write(DataOutputStream out) throws IOException;
    }

    /** Adds an entry once per key; longs take two pool slots. */
    private int entry(String key, int extraSlots, EntryWriter w) {
        Integer known = poolIndex.get(key);
        if (known != null) {
            return known;
        }
        int index = poolCount;
        try {
            w.write(pool);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        poolCount += 1 + extraSlots;
        if (poolCount > 0xffff) {
            throw new IllegalStateException("constant pool overflow");
        }
        poolIndex.put(key, index);
        return index;
    }

    // ---- methods ----

    /** Adds a method with the given code (already finished with its last return/athrow). */
    public void method(int access, String name, String desc, Code code) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(b);
        try {
            out.writeShort(access);
            out.writeShort(utf8(name));
            out.writeShort(utf8(desc));
            out.writeShort(1);                       // one attribute: Code
            byte[] body = code.bytes();
            List<int[]> handlers = code.handlers();
            out.writeShort(utf8("Code"));
            out.writeInt(2 + 2 + 4 + body.length + 2 + 8 * handlers.size() + 2);
            out.writeShort(code.maxStack());
            out.writeShort(code.maxLocals());
            out.writeInt(body.length);
            out.write(body);
            out.writeShort(handlers.size());
            for (int[] h : handlers) {
                out.writeShort(h[0]);
                out.writeShort(h[1]);
                out.writeShort(h[2]);
                out.writeShort(h[3]);
            }
            out.writeShort(0);                       // no Code attributes
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        methods.add(b.toByteArray());
    }

    /** The class file bytes. */
    public byte[] toBytes() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(b);
        try {
            out.writeInt(0xCAFEBABE);
            out.writeShort(0);
            out.writeShort(VERSION_MAJOR);
            out.writeShort(poolCount);
            out.write(poolBytes.toByteArray());
            out.writeShort(access);
            out.writeShort(thisClass);
            out.writeShort(superClass);
            out.writeShort(0);                       // interfaces
            out.writeShort(0);                       // fields
            out.writeShort(methods.size());
            for (byte[] m : methods) {
                out.write(m);
            }
            out.writeShort(0);                       // class attributes
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return b.toByteArray();
    }
}
