package dev.hvscope.core.bus;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Guest RAM as little-endian byte[] chunks of 2 MiB, allocated on first touch: a 16 GiB guest
 * starts as fast as a 128 MiB one, and only memory the guest (or a loader) uses costs heap. The
 * hot path holds a chunk reference plus an int offset (see the hart's TLB); a chunk, once
 * allocated, is never replaced, so those references stay valid.
 *
 * <p>{@link #chunk} allocates, because the reference it hands out is kept (a TLB entry filled by a
 * load is later used for loads only, but a shared zero chunk would go stale when another path
 * writes the offset). Reads through {@link #read}, {@link #readByte} and {@link #readBytes} (devices,
 * page walks, the debugger) see zeros in an untouched chunk without allocating it, so a debugger
 * or a table scan over a large guest does not fill the heap.
 */
public final class Ram {
    public static final int CHUNK_SHIFT = 21;
    public static final long CHUNK_MASK = (1L << CHUNK_SHIFT) - 1;
    private static final int CHUNK_SIZE = 1 << CHUNK_SHIFT;

    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle CHUNKS = MethodHandles.arrayElementVarHandle(byte[][].class);

    private final long base;
    private final long size;
    private final byte[][] chunks;

    public Ram(long base, long size) {
        if (size <= 0 || (size & 0xfff) != 0) {
            throw new IllegalArgumentException("RAM size must be a positive multiple of 4 KiB: " + size);
        }
        long n = (size + CHUNK_MASK) >>> CHUNK_SHIFT;
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("RAM size too large: " + size);
        }
        this.base = base;
        this.size = size;
        chunks = new byte[(int) n][];
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

    /** The chunk holding RAM offset {@code off} (offset from {@link #base()}), allocated if untouched. */
    public byte[] chunk(long off) {
        int i = (int) (off >>> CHUNK_SHIFT);
        byte[] c = chunks[i];
        return c != null ? c : allocate(i);
    }

    /** Bytes of heap the touched chunks hold. */
    public long allocatedBytes() {
        long total = 0;
        for (int i = 0; i < chunks.length; i++) {
            byte[] c = (byte[]) CHUNKS.getVolatile(chunks, i);
            if (c != null) {
                total += c.length;
            }
        }
        return total;
    }

    /** Harts on other threads may touch the same chunk first: one of them wins, all use its array. */
    private byte[] allocate(int i) {
        long remaining = size - ((long) i << CHUNK_SHIFT);
        byte[] fresh = new byte[(int) Math.min(remaining, CHUNK_SIZE)];
        byte[] witness = (byte[]) CHUNKS.compareAndExchange(chunks, i, null, fresh);
        return witness == null ? fresh : witness;
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
        if ((off & (size - 1)) == 0) {   // aligned: never crosses a chunk
            byte[] c = chunks[(int) (off >>> CHUNK_SHIFT)];
            if (c == null) {
                return 0;
            }
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
        if ((off & (size - 1)) == 0) {
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
        byte[] c = chunks[(int) (off >>> CHUNK_SHIFT)];
        return c == null ? 0 : c[(int) (off & CHUNK_MASK)] & 0xff;
    }

    public void writeByte(long pa, int b) {
        long off = pa - base;
        chunk(off)[(int) (off & CHUNK_MASK)] = (byte) b;
    }

    /** Copies bytes into RAM (loaders); the range may span chunks. */
    public void load(long pa, byte[] src, int from, int len) {
        long off = pa - base;
        int done = 0;
        while (done < len) {
            long o = off + done;
            int n = (int) Math.min(len - done, CHUNK_SIZE - (o & CHUNK_MASK));
            System.arraycopy(src, from + done, chunk(o), (int) (o & CHUNK_MASK), n);
            done += n;
        }
    }

    /** Copies bytes out of RAM (the debugger); the range may span chunks; untouched ones read as zeros. */
    public void readBytes(long pa, byte[] dst, int from, int len) {
        long off = pa - base;
        int done = 0;
        while (done < len) {
            long o = off + done;
            int n = (int) Math.min(len - done, CHUNK_SIZE - (o & CHUNK_MASK));
            byte[] c = chunks[(int) (o >>> CHUNK_SHIFT)];
            if (c == null) {
                Arrays.fill(dst, from + done, from + done + n, (byte) 0);
            } else {
                System.arraycopy(c, (int) (o & CHUNK_MASK), dst, from + done, n);
            }
            done += n;
        }
    }
}
