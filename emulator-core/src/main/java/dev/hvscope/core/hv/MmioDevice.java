package dev.hvscope.core.hv;

/**
 * A device the hypervisor emulates behind an MMIO window: the guest's loads and stores there come
 * back as {@link VmExit.MmioRead} / {@link VmExit.MmioWrite} exits and {@link MmioDispatch} hands
 * them here with the offset into the window. Width is the access size in bytes (1, 2, 4 or 8).
 */
public interface MmioDevice {
    /** The device's name in the exit log (the config's device name). */
    String name();

    /** The value of a load at {@code offset}; the caller extends it as the load instruction asks. */
    long read(long offset, int width);

    /** A store of {@code value} (already cut to {@code width} bytes) at {@code offset}. */
    void write(long offset, int width, long value);

    /**
     * The register at {@code offset} as the device's datasheet names it, in the device's current
     * state (a 16550's offset 0 is THR, RBR or DLL depending on the access and LCR.DLAB).
     */
    String registerName(long offset, boolean write);
}
