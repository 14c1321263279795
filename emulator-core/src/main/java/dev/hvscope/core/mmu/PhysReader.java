package dev.hvscope.core.mmu;

/**
 * The walker's window onto physical memory: PTE reads and the atomic A/D update. Implemented by the
 * hart (with PMP checks, over the bus) and, in the plugin, over RSP memory reads.
 */
public interface PhysReader {
    /**
     * Reads the little-endian 64-bit PTE at a physical address.
     *
     * @throws PhysAccessFault when the address is not readable (no memory there, or PMP denies it)
     */
    long read64(long pa);

    /**
     * Atomically replaces the PTE if it still holds {@code expect}; false if it changed.
     *
     * @throws PhysAccessFault when the address is not writable
     */
    boolean cas64(long pa, long expect, long update);
}
