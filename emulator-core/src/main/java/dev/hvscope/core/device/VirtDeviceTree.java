package dev.hvscope.core.device;

import dev.hvscope.core.bus.VirtMemoryMap;
import java.util.ArrayList;
import java.util.List;

/**
 * The device tree of the virt board, with the nodes, compatible strings and phandle order of
 * qemu-system-riscv64 7.2 ({@code -machine virt,dumpdtb=}) for the devices hvscope emulates: cpus
 * with their interrupt controllers and cpu-map, memory, CLINT, PLIC, UART0, sifive_test with the
 * syscon poweroff/reboot nodes, the pflash banks and /chosen (with a fresh rng-seed each build, as
 * QEMU). QEMU's nodes for devices hvscope does not have (virtio-mmio, PCIe, RTC, fw-cfg, platform
 * bus, and the PMU: our mhpmcounters count no events) are left out so no driver probes them.
 */
public final class VirtDeviceTree {
    public static final String UART_PATH = "/soc/serial@10000000";
    /** The UART's input clock in Hz, as in QEMU's tree (3.6864 MHz). */
    public static final int UART_CLOCK_HZ = 0x384000;

    static final int RNG_SEED_BYTES = 32;
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private int harts = 1;
    private long ramBase = VirtMemoryMap.DRAM_BASE;
    private long ramSize = VirtMemoryMap.DEFAULT_RAM_SIZE;
    private String isa = isaString(true);
    private String mmuType = "riscv,sv48";
    private String bootargs;
    private long initrdStart;
    private long initrdEnd;
    private boolean flash0 = true;
    private boolean flash1 = true;
    private long timebaseHz = VirtMemoryMap.TIMEBASE_HZ;
    private int plicNdev = Plic.VIRT_DT_NDEV;

    public VirtDeviceTree harts(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("at least one hart: " + n);
        }
        harts = n;
        return this;
    }

    public VirtDeviceTree ram(long base, long size) {
        ramBase = base;
        ramSize = size;
        return this;
    }

    /**
     * The "riscv,isa" string of hvscope's hart, in the order QEMU 7.2 prints it for its default
     * rv64 CPU (which has H on): every extension the hart implements, so Linux and KVM use them
     * (Sstc above all).
     */
    public static String isaString(boolean hExtension) {
        return "rv64imafdc" + (hExtension ? "h" : "") + "_zicsr_zifencei_zihintpause_zba_zbb_zbc_zbs_sstc";
    }

    /** The "riscv,isa" string; {@link #isaString} by default. */
    public VirtDeviceTree isa(String s) {
        isa = s;
        return this;
    }

    /** "riscv,sv39", "riscv,sv48", ... */
    public VirtDeviceTree mmuType(String s) {
        mmuType = s;
        return this;
    }

    /** Kernel command line in /chosen, or null for none. */
    public VirtDeviceTree bootargs(String s) {
        bootargs = s;
        return this;
    }

    /** Initrd placement in /chosen (linux,initrd-start/-end); start == end means none. */
    public VirtDeviceTree initrd(long start, long end) {
        initrdStart = start;
        initrdEnd = end;
        return this;
    }

    /** Which pflash banks exist (QEMU always has both). */
    public VirtDeviceTree flashBanks(boolean bank0, boolean bank1) {
        flash0 = bank0;
        flash1 = bank1;
        return this;
    }

    public VirtDeviceTree timebase(long hz) {
        timebaseHz = hz;
        return this;
    }

    public VirtDeviceTree plicNdev(int ndev) {
        plicNdev = ndev;
        return this;
    }

    public byte[] build() {
        DeviceTreeBlob fdt = new DeviceTreeBlob();
        fdt.u32("#address-cells", 2);
        fdt.u32("#size-cells", 2);
        fdt.string("compatible", "riscv-virtio");
        fdt.string("model", "riscv-virtio,qemu");

        int[] intc = cpus(fdt);
        int plicPhandle = fdt.allocatePhandle();
        int testPhandle = fdt.allocatePhandle();

        fdt.beginNode(String.format("memory@%x", ramBase));
        fdt.string("device_type", "memory");
        fdt.u64("reg", ramBase, ramSize);
        fdt.endNode();

        flash(fdt);
        chosen(fdt);
        syscon(fdt, "poweroff", "syscon-poweroff", testPhandle, SifiveTest.FINISHER_PASS);
        syscon(fdt, "reboot", "syscon-reboot", testPhandle, SifiveTest.FINISHER_RESET);
        soc(fdt, intc, plicPhandle, testPhandle);
        fdt.endNode();
        return fdt.finish();
    }

    /** /cpus; returns the phandle of each hart's interrupt controller. */
    private int[] cpus(DeviceTreeBlob fdt) {
        int[] cpu = new int[harts];
        int[] intc = new int[harts];
        // QEMU numbers the harts' phandles from the last hart down.
        for (int h = harts - 1; h >= 0; h--) {
            cpu[h] = fdt.allocatePhandle();
            intc[h] = fdt.allocatePhandle();
        }
        fdt.beginNode("cpus");
        fdt.u32("#address-cells", 1);
        fdt.u32("#size-cells", 0);
        fdt.u32("timebase-frequency", (int) timebaseHz);
        for (int h = 0; h < harts; h++) {
            fdt.beginNode("cpu@" + Integer.toHexString(h));
            fdt.u32("phandle", cpu[h]);
            fdt.string("device_type", "cpu");
            fdt.u32("reg", h);
            fdt.string("status", "okay");
            fdt.string("compatible", "riscv");
            fdt.string("riscv,isa", isa);
            fdt.string("mmu-type", mmuType);
            fdt.beginNode("interrupt-controller");
            fdt.u32("#interrupt-cells", 1);
            fdt.empty("interrupt-controller");
            fdt.string("compatible", "riscv,cpu-intc");
            fdt.u32("phandle", intc[h]);
            fdt.endNode();
            fdt.endNode();
        }
        fdt.beginNode("cpu-map");
        fdt.beginNode("cluster0");
        for (int h = 0; h < harts; h++) {
            fdt.beginNode("core" + h);
            fdt.u32("cpu", cpu[h]);
            fdt.endNode();
        }
        fdt.endNode();
        fdt.endNode();
        fdt.endNode();
        return intc;
    }

    private void flash(DeviceTreeBlob fdt) {
        List<Long> reg = new ArrayList<>();
        if (flash0) {
            reg.add(VirtMemoryMap.FLASH0_BASE);
            reg.add(VirtMemoryMap.FLASH_BANK_SIZE);
        }
        if (flash1) {
            reg.add(VirtMemoryMap.FLASH1_BASE);
            reg.add(VirtMemoryMap.FLASH_BANK_SIZE);
        }
        if (reg.isEmpty()) {
            return;
        }
        long first = flash0 ? VirtMemoryMap.FLASH0_BASE : VirtMemoryMap.FLASH1_BASE;
        fdt.beginNode(String.format("flash@%x", first));
        fdt.u32("bank-width", CfiFlash.BANK_WIDTH);
        fdt.u64("reg", reg.stream().mapToLong(Long::longValue).toArray());
        fdt.string("compatible", "cfi-flash");
        fdt.endNode();
    }

    private void chosen(DeviceTreeBlob fdt) {
        fdt.beginNode("chosen");
        // As QEMU 7.2: 32 random bytes per boot, so Linux's crng is ready at once ("crng init done").
        byte[] seed = new byte[RNG_SEED_BYTES];
        RANDOM.nextBytes(seed);
        fdt.property("rng-seed", seed);
        fdt.string("stdout-path", UART_PATH);
        if (bootargs != null) {
            fdt.string("bootargs", bootargs);
        }
        if (initrdEnd > initrdStart) {
            // QEMU 7.2 writes single cells; wider addresses need two (Linux reads either).
            if ((initrdEnd >>> 32) == 0) {
                fdt.u32("linux,initrd-start", (int) initrdStart);
                fdt.u32("linux,initrd-end", (int) initrdEnd);
            } else {
                fdt.u64("linux,initrd-start", initrdStart);
                fdt.u64("linux,initrd-end", initrdEnd);
            }
        }
        fdt.endNode();
    }

    private static void syscon(DeviceTreeBlob fdt, String node, String compatible, int regmap, int value) {
        fdt.beginNode(node);
        fdt.u32("value", value);
        fdt.u32("offset", 0);
        fdt.u32("regmap", regmap);
        fdt.string("compatible", compatible);
        fdt.endNode();
    }

    private void soc(DeviceTreeBlob fdt, int[] intc, int plicPhandle, int testPhandle) {
        fdt.beginNode("soc");
        fdt.u32("#address-cells", 2);
        fdt.u32("#size-cells", 2);
        fdt.string("compatible", "simple-bus");
        fdt.empty("ranges");

        fdt.beginNode(String.format("serial@%x", VirtMemoryMap.UART0_BASE));
        fdt.u32("interrupts", VirtMemoryMap.UART0_IRQ);
        fdt.u32("interrupt-parent", plicPhandle);
        fdt.u32("clock-frequency", UART_CLOCK_HZ);
        fdt.u64("reg", VirtMemoryMap.UART0_BASE, VirtMemoryMap.UART0_SIZE);
        fdt.string("compatible", "ns16550a");
        fdt.endNode();

        fdt.beginNode(String.format("test@%x", VirtMemoryMap.TEST_BASE));
        fdt.u32("phandle", testPhandle);
        fdt.u64("reg", VirtMemoryMap.TEST_BASE, VirtMemoryMap.TEST_SIZE);
        fdt.strings("compatible", "sifive,test1", "sifive,test0", "syscon");
        fdt.endNode();

        int[] plicIrqs = new int[4 * harts];
        int[] clintIrqs = new int[4 * harts];
        for (int h = 0; h < harts; h++) {
            plicIrqs[4 * h] = intc[h];
            plicIrqs[4 * h + 1] = HartInterrupts.MEIP;
            plicIrqs[4 * h + 2] = intc[h];
            plicIrqs[4 * h + 3] = HartInterrupts.SEIP;
            clintIrqs[4 * h] = intc[h];
            clintIrqs[4 * h + 1] = HartInterrupts.MSIP;
            clintIrqs[4 * h + 2] = intc[h];
            clintIrqs[4 * h + 3] = HartInterrupts.MTIP;
        }

        fdt.beginNode(String.format("plic@%x", VirtMemoryMap.PLIC_BASE));
        fdt.u32("phandle", plicPhandle);
        fdt.u32("riscv,ndev", plicNdev);
        fdt.u64("reg", VirtMemoryMap.PLIC_BASE, VirtMemoryMap.PLIC_SIZE);
        fdt.u32("interrupts-extended", plicIrqs);
        fdt.empty("interrupt-controller");
        fdt.strings("compatible", "sifive,plic-1.0.0", "riscv,plic0");
        fdt.u32("#address-cells", 0);
        fdt.u32("#interrupt-cells", 1);
        fdt.endNode();

        fdt.beginNode(String.format("clint@%x", VirtMemoryMap.CLINT_BASE));
        fdt.u32("interrupts-extended", clintIrqs);
        fdt.u64("reg", VirtMemoryMap.CLINT_BASE, VirtMemoryMap.CLINT_SIZE);
        fdt.strings("compatible", "sifive,clint0", "riscv,clint0");
        fdt.endNode();

        fdt.endNode();
    }

    /**
     * Where QEMU 7.2 loads the blob: as high as possible but below 3 GiB when RAM starts below it
     * (so 32-bit software can reach it), 2 MiB aligned:
     * {@code align_down(min(dram_end, 3 GiB) - fdtSize, 2 MiB)}; {@code fdtSize} is the blob's
     * totalsize. Checked against QEMU with -m 128M (0x87e00000), 1G and 4G (0xbfe00000).
     */
    public static long fdtLoadAddress(long dramBase, long ramSize, int fdtSize) {
        long threeGiB = 3L << 30;
        long dramEnd = dramBase + ramSize;
        long top = dramBase < threeGiB ? Math.min(dramEnd, threeGiB) : dramEnd;
        return (top - fdtSize) & ~((2L << 20) - 1);
    }
}
