package dev.hvscope.plugin.vmconfig;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tables and keys of an axvisor VM config (arceos-hypervisor/axvisor {@code configs/vms/*.toml})
 * plus hvscope's {@code [devices.pflash]}: names, value types, whether required, one line of
 * documentation and an example value. The parser checks against it; editors complete from it.
 */
public final class VmConfigSchema {
    private VmConfigSchema() {
    }

    public enum Type { INTEGER, STRING, ARRAY, TABLE }

    public record Key(String name, Type type, boolean required, String doc, String example) {
    }

    public static final String PFLASH_TABLE = "devices.pflash";
    /** The board's two CFI pflash banks, 32 MiB each at 0x2000_0000 and 0x2200_0000. */
    public static final long PFLASH_WINDOW_START = 0x2000_0000L;
    public static final long PFLASH_WINDOW_END = 0x2400_0000L;
    public static final List<String> PFLASH_MODES = List.of("passthrough", "emulate");
    public static final List<String> IMAGE_LOCATIONS = List.of("fs", "memory");

    /** Table name → its keys, in the order completion offers them. */
    public static final Map<String, List<Key>> TABLES = tables();

    /** The top-level tables, in file order. */
    public static final List<String> TOP = List.of("base", "kernel", "devices");

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
                new Key("kernel_path", Type.STRING, false, "guest image, relative to this file (needed when image_location is \"fs\")", "\"guest.elf\""),
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
                new Key("passthrough_addresses", Type.ARRAY, false, "[[base, length], ...]: extra linear maps", "[]"),
                new Key("excluded_devices", Type.ARRAY, false, "device tree paths left out of passthrough", "[]"),
                new Key("interrupt_mode", Type.STRING, false, "\"passthrough\" or \"emulated\"", "\"passthrough\""),
                new Key("pflash", Type.TABLE, false, "hvscope: the guest's pflash window and its mode", "")));
        t.put(PFLASH_TABLE, List.of(
                new Key("gpa", Type.INTEGER, true, "guest window base (inside 0x2000_0000..0x2400_0000)", "0x2200_0000"),
                new Key("size", Type.INTEGER, false, "window size", "0x200_0000"),
                new Key("mode", Type.STRING, false,
                        "\"passthrough\" (map_linear onto the board's pflash#1, the default) or \"emulate\" (map_alloc + fill)",
                        "\"passthrough\""),
                new Key("board_image", Type.STRING, false, "what the board's pflash#1 holds", "\"pflash.img\""),
                new Key("emulate_image", Type.STRING, false, "file an emulated window is filled from",
                        "\"pflash-emulate.img\"")));
        return t;
    }
}
