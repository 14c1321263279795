package dev.hvscope.core.device;

import dev.hvscope.core.bus.BusFault;
import dev.hvscope.core.bus.MmioDevice;
import dev.hvscope.core.bus.VirtMemoryMap;

/**
 * The sifive_test "finisher" at 0x10_0000. A write to offset 0 whose low half is 0x5555 powers off
 * with status 0, 0x3333 powers off with the status in the upper half, 0x7777 resets; other values
 * are ignored. Reads return 0. As QEMU, only 2- and 4-byte accesses are valid.
 */
public final class SifiveTest implements MmioDevice {
    public static final int FINISHER_FAIL = 0x3333;
    public static final int FINISHER_PASS = 0x5555;
    public static final int FINISHER_RESET = 0x7777;

    private final SystemControl control;

    public SifiveTest(SystemControl control) {
        this.control = control;
    }

    @Override
    public long size() {
        return VirtMemoryMap.TEST_SIZE;
    }

    @Override
    public long read(long offset, int size) {
        checkSize(size);
        return 0;
    }

    @Override
    public void write(long offset, int size, long value) {
        checkSize(size);
        if (offset != 0) {
            return;
        }
        int status = (int) (value & 0xffff);
        int code = (int) ((value >>> 16) & 0xffff);
        switch (status) {
            case FINISHER_PASS -> control.powerOff(0);
            case FINISHER_FAIL -> control.powerOff(code);
            case FINISHER_RESET -> control.reset();
            default -> { }
        }
    }

    private static void checkSize(int size) {
        if (size != 2 && size != 4) {
            throw BusFault.INSTANCE;
        }
    }

    @Override
    public String name() {
        return "sifive_test";
    }
}
