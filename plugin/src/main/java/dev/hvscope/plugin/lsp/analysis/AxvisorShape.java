package dev.hvscope.plugin.lsp.analysis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tables and keys of an axvisor VM config (arceos-hypervisor/axvisor {@code configs/vms/*.toml})
 * plus hvscope's {@code [devices.pflash]}: names, value types, whether required, one line of
 * documentation and the text completion inserts. Everything the analysis and completion know
 * about the shape is here.
 */
public final class AxvisorShape {
    private AxvisorShape() {
    }

    public enum Type { INTEGER, STRING, ARRAY, TABLE }

    public record Key(String name, Type type, boolean required, String doc, String example) {
    }

    /** A device name offered in device lists, with the QEMU virt window it occupies. */
    public record DeviceName(String name, long gpa, long size, long irq, String doc) {
    }

    public static final String PFLASH_TABLE = "devices.pflash";
    /** The board's two CFI pflash banks, 32 MiB each at 0x2000_0000 and 0x2200_0000. */
    public static final long PFLASH_WINDOW_START = 0x2000_0000L;
    public static final long PFLASH_WINDOW_END = 0x2400_0000L;
    public static final List<String> PFLASH_MODES = List.of("passthrough", "emulate");
    public static final List<String> IMAGE_LOCATIONS = List.of("fs", "memory");

    /** Table name → its keys, in the order completion offers them. */
    public static final Map<String, List<Key>> TABLES = tables();

    public static final List<DeviceName> DEVICES = List.of(
            new DeviceName("pflash", 0x2200_0000L, 0x200_0000L, 0, "CFI pflash#1, the h_2_0 tour's flash bank"),
            new DeviceName("uart", 0x1000_0000L, 0x1000L, 10, "NS16550A UART"),
            new DeviceName("plic", 0x0c00_0000L, 0x60_0000L, 0, "PLIC"),
            new DeviceName("clint", 0x0200_0000L, 0x1_0000L, 0, "ACLINT (CLINT)"),
            new DeviceName("sifive_test", 0x10_0000L, 0x1000L, 0, "sifive_test finisher"),
            new DeviceName("virtio-mmio", 0x1000_1000L, 0x1000L, 1, "virtio-mmio slot 0"));

    /** MappingFlags values offered in memory regions. */
    public static final List<Map.Entry<String, String>> FLAGS = List.of(
            Map.entry("0xf", "READ|WRITE|EXECUTE|USER (G-stage leaves need USER)"),
            Map.entry("0x7", "READ|WRITE|EXECUTE"),
            Map.entry("0xb", "READ|WRITE|USER"),
            Map.entry("0x1", "READ"),
            Map.entry("0x2", "WRITE"),
            Map.entry("0x4", "EXECUTE"),
            Map.entry("0x8", "USER"),
            Map.entry("0x10", "DEVICE"),
            Map.entry("0x20", "UNCACHED"));

    public static List<Key> keysOf(String table) {
        return TABLES.getOrDefault(table, List.of());
    }

    public static Key key(String table, String name) {
        for (Key k : keysOf(table)) {
            if (k.name().equals(name)) {
                return k;
            }
        }
        return null;
    }

    private static Map<String, List<Key>> tables() {
        Map<String, List<Key>> t = new LinkedHashMap<>();
        t.put("base", List.of(
                new Key("id", Type.INTEGER, true, "VM id", "1"),
                new Key("name", Type.STRING, true, "VM name", "\"guest\""),
                new Key("vm_type", Type.INTEGER, false, "1 = a full guest OS", "1"),
                new Key("cpu_num", Type.INTEGER, true, "number of vCPUs", "1"),
                new Key("phys_cpu_ids", Type.ARRAY, false, "host harts the vCPUs run on", "[0]"),
                new Key("phys_cpu_sets", Type.ARRAY, false, "per-vCPU affinity masks", "[1]")));
        t.put("kernel", List.of(
                new Key("entry_point", Type.INTEGER, true, "guest PC at start (GPA)", "0x8020_0000"),
                new Key("image_location", Type.STRING, false, "\"fs\" (load kernel_path) or \"memory\"", "\"fs\""),
                new Key("kernel_path", Type.STRING, false, "guest image, relative to this file", "\"guest.elf\""),
                new Key("kernel_load_addr", Type.INTEGER, true, "GPA the image is loaded at", "0x8020_0000"),
                new Key("dtb_path", Type.STRING, false, "device tree blob", "\"guest.dtb\""),
                new Key("dtb_load_addr", Type.INTEGER, false, "GPA of the device tree (a1)", "0x8200_0000"),
                new Key("bios_path", Type.STRING, false, "guest firmware", "\"fw.bin\""),
                new Key("bios_load_addr", Type.INTEGER, false, "GPA of the firmware", "0x8000_0000"),
                new Key("ramdisk_path", Type.STRING, false, "initial ramdisk", "\"initrd.img\""),
                new Key("ramdisk_load_addr", Type.INTEGER, false, "GPA of the ramdisk", "0x8400_0000"),
                new Key("disk_path", Type.STRING, false, "disk image", "\"disk.img\""),
                new Key("memory_regions", Type.ARRAY, true,
                        "[[base_gpa, size, flags, map_type], ...]; map_type 0 = MAP_ALLOC, 1 = MAP_IDENTICAL",
                        "[\n  [0x8000_0000, 0x100_0000, 0xf, 0],\n]")));
        t.put("devices", List.of(
                new Key("passthrough_devices", Type.ARRAY, false,
                        "[[name, base_gpa, base_hpa, length, irq], ...]: mapped linearly", "[]"),
                new Key("emu_devices", Type.ARRAY, false,
                        "[[name, base_gpa, length, irq, emu_type, [config...]], ...]: MMIO exits", "[]"),
                new Key("interrupt_mode", Type.STRING, false, "\"passthrough\" or \"emulated\"", "\"passthrough\""),
                new Key("pflash", Type.TABLE, false, "hvscope: the guest's pflash window and its mode", "")));
        t.put(PFLASH_TABLE, List.of(
                new Key("gpa", Type.INTEGER, true, "guest window base (inside 0x2000_0000..0x2400_0000)", "0x2200_0000"),
                new Key("size", Type.INTEGER, false, "window size", "0x200_0000"),
                new Key("mode", Type.STRING, true,
                        "\"passthrough\" (map_linear onto the board's pflash#1) or \"emulate\" (map_alloc + fill)",
                        "\"passthrough\""),
                new Key("board_image", Type.STRING, false, "what the board's pflash#1 holds", "\"pflash.img\""),
                new Key("emulate_image", Type.STRING, false, "file an emulated window is filled from",
                        "\"pflash-emulate.img\"")));
        return t;
    }
}
