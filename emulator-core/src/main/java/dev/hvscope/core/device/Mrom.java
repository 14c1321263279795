package dev.hvscope.core.device;

import dev.hvscope.core.bus.MmioDevice;
import dev.hvscope.core.bus.VirtMemoryMap;

/**
 * The virt board's mask ROM at 0x1000 holding the reset vector. Reads of any width are
 * little-endian; writes are dropped silently, as QEMU does for ROM regions.
 */
public final class Mrom implements MmioDevice {
    private final byte[] content;

    /** A ROM of the virt size (0xf000) starting with {@code image}, zeros after it. */
    public Mrom(byte[] image) {
        this(image, VirtMemoryMap.MROM_SIZE);
    }

    public Mrom(byte[] image, long size) {
        if (image.length > size) {
            throw new IllegalArgumentException("ROM image of " + image.length + " bytes exceeds the ROM size " + size);
        }
        content = new byte[(int) size];
        System.arraycopy(image, 0, content, 0, image.length);
    }

    @Override
    public long size() {
        return content.length;
    }

    @Override
    public long read(long offset, int size) {
        long v = 0;
        int at = (int) offset;
        for (int k = size - 1; k >= 0; k--) {
            v = (v << 8) | (content[at + k] & 0xffL);
        }
        return v;
    }

    @Override
    public void write(long offset, int size, long value) {
        // ROM: writes are ignored.
    }

    @Override
    public String name() {
        return "mrom";
    }
}
