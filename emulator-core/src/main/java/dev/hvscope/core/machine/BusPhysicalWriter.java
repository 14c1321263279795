package dev.hvscope.core.machine;

import dev.hvscope.core.bus.Bus;

/** Loads images into a {@link Bus}'s RAM; names overlapped devices in errors. */
public final class BusPhysicalWriter implements PhysicalWriter {
    private final Bus bus;

    public BusPhysicalWriter(Bus bus) {
        this.bus = bus;
    }

    @Override
    public void write(long pa, byte[] src, int off, int len) {
        bus.ram().load(pa, src, off, len);
    }

    @Override
    public long ramBase() {
        return bus.ram().base();
    }

    @Override
    public long ramSize() {
        return bus.ram().size();
    }

    @Override
    public String deviceAt(long pa, long len) {
        long end = pa + len;
        for (Bus.Mapping m : bus.mappings()) {
            if (Long.compareUnsigned(pa, m.end()) < 0 && Long.compareUnsigned(m.base(), end) < 0) {
                return m.device().name();
            }
        }
        return null;
    }
}
