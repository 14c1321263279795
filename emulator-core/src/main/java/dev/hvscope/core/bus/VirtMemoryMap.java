package dev.hvscope.core.bus;

/** The QEMU {@code virt} board's memory map (hw/riscv/virt.c), one constant per region. */
public final class VirtMemoryMap {
    private VirtMemoryMap() {
    }

    public static final long MROM_BASE = 0x0000_1000L;
    public static final long MROM_SIZE = 0xf000L;
    public static final long TEST_BASE = 0x0010_0000L;
    public static final long TEST_SIZE = 0x1000L;
    public static final long RTC_BASE = 0x0010_1000L;
    public static final long RTC_SIZE = 0x1000L;
    public static final long CLINT_BASE = 0x0200_0000L;
    public static final long CLINT_SIZE = 0x1_0000L;
    public static final long PLIC_BASE = 0x0c00_0000L;
    public static final long PLIC_SIZE = 0x60_0000L;
    public static final long UART0_BASE = 0x1000_0000L;
    public static final long UART0_SIZE = 0x100L;
    public static final int UART0_IRQ = 10;
    public static final long VIRTIO_BASE = 0x1000_1000L;
    public static final long FLASH0_BASE = 0x2000_0000L;
    public static final long FLASH1_BASE = 0x2200_0000L;
    public static final long FLASH_BANK_SIZE = 0x0200_0000L;
    public static final int FLASH_SECTOR_SIZE = 256 * 1024;
    public static final long DRAM_BASE = 0x8000_0000L;
    public static final long DEFAULT_RAM_SIZE = 128L << 20;

    /** Timebase of mtime, as QEMU's virt board. */
    public static final long TIMEBASE_HZ = 10_000_000L;
}
