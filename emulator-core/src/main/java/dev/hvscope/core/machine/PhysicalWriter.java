package dev.hvscope.core.machine;

/**
 * What image loaders need of the machine: copy bytes into RAM, and say where RAM is so a segment
 * that misses it gets a clear error instead of a bus fault.
 */
public interface PhysicalWriter {
    /** Copies src[off, off + len) to physical address pa; the range is inside RAM. */
    void write(long pa, byte[] src, int off, int len);

    long ramBase();

    long ramSize();

    /** Whether [pa, pa + len) lies inside RAM (no wrap-around). */
    default boolean isRam(long pa, long len) {
        long off = pa - ramBase();
        return Long.compareUnsigned(off, ramSize()) < 0 && Long.compareUnsigned(len, ramSize() - off) <= 0;
    }

    /** The name of a device that [pa, pa + len) overlaps, or null; used only in error messages. */
    default String deviceAt(long pa, long len) {
        return null;
    }
}
