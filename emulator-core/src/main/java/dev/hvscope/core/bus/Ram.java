package dev.hvscope.core.bus;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Guest RAM as little-endian byte[] chunks of 1 GiB, so sizes beyond one Java array work and the
 * hot path can hold a chunk reference plus an int offset (see the hart's TLB).
 */
public final class Ram {
    public static final int CHUNK_SHIFT = 30;
    public static final long CHUNK_MASK = (1L << CHUNK_SHIFT) - 1;

    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

    private final long base;
    private final long size;
    private final byte[][] chunks;

    public Ram(long base, long size) {
        if (size <= 0 || (size & 0xfff) != 0) {
            throw new IllegalArgumentException("RAM size must be a positive multiple of 4 KiB: " + size);
        }
        this.base = base;
        this.size = size;
        int n = (int) ((size + CHUNK_MASK) >>> CHUNK_SHIFT);
        chunks = new byte[n][];
        for (int i = 0; i < n; i++) {
            long remaining = size - ((long) i << CHUNK_SHIFT);
            chunks[i] = new byte[(int) Math.min(remaining, 1L << CHUNK_SHIFT)];
        }
    }

    public long base() {
        return base;
    }

    public long size() {
        return size;
    }

    public boolean contains(long pa, long len) {
        long off = pa - base;
        return off >= 0 && off < size && len <= size - off;
    }

    /** The chunk holding RAM offset {@code off} (offset from {@link #base()}). */
    public byte[] chunk(long off) {
        return chunks[(int) (off >>> CHUNK_SHIFT)];
    }

    public static long get64(byte[] chunk, int index) {
        return (long) I64.get(chunk, index);
    }

    public static long get32(byte[] chunk, int index) {
        return (int) I32.get(chunk, index);
    }

    public static long get16(byte[] chunk, int index) {
        return (short) I16.get(chunk, index);
    }

    public static void set64(byte[] chunk, int index, long v) {
        I64.set(chunk, index, v);
    }

    public static void set32(byte[] chunk, int index, long v) {
        I32.set(chunk, index, (int) v);
    }

    public static void set16(byte[] chunk, int index, long v) {
        I16.set(chunk, index, (short) v);
    }

    /** Atomic compare-and-set of an aligned 64-bit word (hardware A/D updates, AMOs across harts). */
    public static boolean cas64(byte[] chunk, int index, long expect, long update) {
        return I64.compareAndSet(chunk, index, expect, update);
    }

    /** Reads size bytes (1, 2, 4, 8) at a physical address inside RAM, zero-extended; any alignment. */
    public long read(long pa, int size) {
        long off = pa - base;
        if ((off & CHUNK_MASK) + size <= (1L << CHUNK_SHIFT) && (off & (size - 1)) == 0) {
            byte[] c = chunk(off);
            int i = (int) (off & CHUNK_MASK);
            switch (size) {
                case 1: return c[i] & 0xffL;
                case 2: return get16(c, i) & 0xffffL;
                case 4: return get32(c, i) & 0xffff_ffffL;
                default: return get64(c, i);
            }
        }
        long v = 0;
        for (int k = size - 1; k >= 0; k--) {
            v = (v << 8) | readByte(pa + k);
        }
        return v;
    }

    public void write(long pa, int size, long value) {
        long off = pa - base;
        if ((off & CHUNK_MASK) + size <= (1L << CHUNK_SHIFT) && (off & (size - 1)) == 0) {
            byte[] c = chunk(off);
            int i = (int) (off & CHUNK_MASK);
            switch (size) {
                case 1: c[i] = (byte) value; return;
                case 2: set16(c, i, value); return;
                case 4: set32(c, i, value); return;
                default: set64(c, i, value); return;
            }
        }
        for (int k = 0; k < size; k++) {
            writeByte(pa + k, (int) (value >>> (8 * k)));
        }
    }

    public int readByte(long pa) {
        long off = pa - base;
        return chunk(off)[(int) (off & CHUNK_MASK)] & 0xff;
    }

    public void writeByte(long pa, int b) {
        long off = pa - base;
        chunk(off)[(int) (off & CHUNK_MASK)] = (byte) b;
    }

    /** Copies bytes into RAM (loaders). */
    public void load(long pa, byte[] src, int from, int len) {
        for (int k = 0; k < len; k++) {
            writeByte(pa + k, src[from + k]);
        }
    }
}
