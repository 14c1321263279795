package dev.hvscope.core.debug;

/** A debugger memory access found nothing at an address (unmapped, or no device there). */
public final class MemoryAccessException extends RuntimeException {
    private final long address;

    public MemoryAccessException(long address, String why) {
        super(why + " at 0x" + Long.toHexString(address));
        this.address = address;
    }

    public long address() {
        return address;
    }
}
