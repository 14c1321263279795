package dev.hvscope.core.bus;

/**
 * A memory-mapped device. Offsets are relative to the device's base; the bus guarantees
 * {@code 0 <= offset && offset + size <= size()}.
 */
public interface MmioDevice {
    /** Length of the register window in bytes. */
    long size();

    /**
     * Reads {@code size} (1, 2, 4 or 8) bytes, zero-extended.
     *
     * @throws BusFault when the device does not accept this access (the hart raises an access fault)
     */
    long read(long offset, int size);

    /** Writes the low {@code size} bytes of value; throws {@link BusFault} when refused. */
    void write(long offset, int size, long value);

    /** Name used in logs, the device tree and memory-map listings. */
    String name();
}
