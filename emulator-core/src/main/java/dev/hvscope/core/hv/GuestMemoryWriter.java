package dev.hvscope.core.hv;

import dev.hvscope.core.bus.Ram;
import dev.hvscope.core.machine.PhysicalWriter;

/**
 * Lets the machine's image loaders write a guest image at guest-physical addresses: each page goes
 * through the G-stage mapping to its host frame. "RAM" is whatever this space maps to host RAM.
 */
final class GuestMemoryWriter implements PhysicalWriter {
    private final GuestAddressSpace space;
    private final Ram ram;

    GuestMemoryWriter(GuestAddressSpace space, Ram ram) {
        this.space = space;
        this.ram = ram;
    }

    @Override
    public void write(long gpa, byte[] src, int off, int len) {
        for (int i = 0; i < len; i++) {
            ram.writeByte(space.translate(gpa + i), src[off + i]);
        }
    }

    @Override
    public long ramBase() {
        return 0;
    }

    @Override
    public long ramSize() {
        return GuestAddressSpace.GPA_LIMIT;
    }

    @Override
    public boolean isRam(long gpa, long len) {
        // larger than host RAM cannot all be mapped to it; a range that wraps would end the page loop at once, as RAM
        if (Long.compareUnsigned(len, ram.size()) > 0 || Long.compareUnsigned(gpa + len, gpa) < 0) {
            return false;
        }
        for (long g = gpa & -GuestAddressSpace.PAGE_SIZE; g < gpa + len; g += GuestAddressSpace.PAGE_SIZE) {
            long hpa = space.translate(g);
            if (hpa == -1L || !ram.contains(hpa, GuestAddressSpace.PAGE_SIZE)) {
                return false;
            }
        }
        return true;
    }
}
