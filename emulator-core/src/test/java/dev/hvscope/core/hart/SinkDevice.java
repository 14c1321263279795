package dev.hvscope.core.hart;

import dev.hvscope.core.bus.Bus;
import dev.hvscope.core.bus.MmioDevice;

/** A device that ignores writes and reads 0: a store to it is a device write (it ends the batch). */
final class SinkDevice implements MmioDevice {
    static final long BASE = 0x1000_0000L;

    static void attach(Bus bus) {
        bus.attach(BASE, new SinkDevice());
    }

    @Override
    public long size() {
        return 0x1000;
    }

    @Override
    public long read(long offset, int size) {
        return 0;
    }

    @Override
    public void write(long offset, int size, long value) {
    }

    @Override
    public String name() {
        return "sink";
    }
}
