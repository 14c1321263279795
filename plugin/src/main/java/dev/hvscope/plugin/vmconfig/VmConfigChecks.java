package dev.hvscope.plugin.vmconfig;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a parsed VM config means for the hosted hypervisor: guest-physical ranges inside the 41-bit
 * Sv39x4 space, 4 KiB aligned, not overlapping; usable mapping flags; a pflash window inside the
 * board's pflash banks; files that exist; an entry point in guest RAM; one vCPU. Each finding
 * points at the value it is about. Only values that were written with their type are checked
 * (the parser reported the others), so a half-typed buffer gets no findings about defaults.
 */
public final class VmConfigChecks {
    /** Sv39x4: guest-physical addresses are 41 bits wide. */
    public static final long GPA_LIMIT = 1L << 41;
    static final long PAGE = 4096;
    static final long READ = 1;
    static final long WRITE = 2;
    static final long EXECUTE = 4;
    static final long USER = 8;
    static final long ALL_FLAGS = 0x3f;

    private record Range(String what, long start, long size, Span at) {
        long end() {
            return start + size;
        }
    }

    private final VmConfig config;
    private final List<Diagnostic> out = new ArrayList<>();
    private final List<Range> ranges = new ArrayList<>();

    private VmConfigChecks(VmConfig config) {
        this.config = config;
    }

    public static List<Diagnostic> check(VmConfig config) {
        VmConfigChecks c = new VmConfigChecks(config);
        c.run();
        return List.copyOf(c.out);
    }

    private void run() {
        VmConfig.Base base = config.base();
        if (config.has("base.cpu_num") && base.cpuNum() != 1) {
            error("base.cpu_num", "cpu-count", "cpu_num = " + base.cpuNum()
                    + ": the hosted hypervisor runs exactly one vCPU");
        }
        VmConfig.Kernel k = config.kernel();
        if (config.has("kernel.image_location") && !VmConfigSchema.IMAGE_LOCATIONS.contains(k.imageLocation())) {
            error("kernel.image_location", "image-location", "image_location must be \"fs\" or \"memory\", not \""
                    + k.imageLocation() + "\"");
        }
        if (!k.imageLocation().equals("memory")) {
            fileExists("kernel.kernel_path", k.kernelPath(), "kernel image");
        }
        for (Map.Entry<String, String> e : k.otherImages().entrySet()) {
            fileExists("kernel." + e.getKey(), e.getValue(), e.getKey().replace("_path", "") + " image");
        }
        if (config.has("kernel.memory_regions") && !config.keys().containsKey("kernel.memory_regions[0]")) {
            error("kernel.memory_regions", "memory-empty", "memory_regions is empty: the guest needs RAM");
        }
        for (VmConfig.MemoryRegion r : k.memoryRegions()) {
            String what = String.format("memory region %#x..%#x", r.gpa(), r.end());
            if (range(what, r.gpa(), r.size(), r.span())) {
                flags(r.flags(), r.span(), what);
                if (r.mapType() != VmConfig.MemoryRegion.MAP_ALLOC && r.mapType() != VmConfig.MemoryRegion.MAP_IDENTICAL) {
                    out.add(Diagnostic.error(config.file(), r.span(), "map-type",
                            what + ": map_type " + r.mapType() + " is neither 0 (MAP_ALLOC) nor 1 (MAP_IDENTICAL)"));
                }
            }
        }
        for (VmConfig.PassthroughDevice d : config.devices().passthrough()) {
            String what = String.format("passthrough device '%s' %#x..%#x", d.name(), d.gpa(), d.gpa() + d.size());
            if (range(what, d.gpa(), d.size(), d.span())) {
                pflashWindow(d.name(), what, d.gpa(), d.size(), d.span());
            }
            if ((d.hpa() & (PAGE - 1)) != 0) {
                out.add(Diagnostic.error(config.file(), d.span(), "hpa-misaligned",
                        String.format("passthrough device '%s': base_hpa %#x is not 4 KiB aligned", d.name(), d.hpa())));
            }
        }
        for (VmConfig.EmulatedDevice d : config.devices().emulated()) {
            String what = String.format("emulated device '%s' %#x..%#x", d.name(), d.gpa(), d.gpa() + d.size());
            if (range(what, d.gpa(), d.size(), d.span())) {
                pflashWindow(d.name(), what, d.gpa(), d.size(), d.span());
            }
            emuType(d);
        }
        VmConfig.Pflash p = config.devices().pflash();
        if (p != null) {
            pflash(p);
        }
        overlaps();
        inRam("kernel.entry_point", k.entryPoint(), "entry_point");
        inRam("kernel.kernel_load_addr", k.kernelLoadAddr(), "kernel_load_addr");
    }

    private void pflash(VmConfig.Pflash p) {
        String t = VmConfigSchema.PFLASH_TABLE;
        if (config.has(t + ".gpa")) {
            Span at = config.spanOf(t + ".gpa");
            String what = String.format("pflash window %#x..%#x", p.gpa(), p.gpa() + p.size());
            if (range(what, p.gpa(), p.size(), at)) {
                pflashWindow("pflash", what, p.gpa(), p.size(), at);
            }
        }
        if (config.has(t + ".mode") && !VmConfigSchema.PFLASH_MODES.contains(p.mode())) {
            error(t + ".mode", "pflash-mode", "pflash mode must be \"passthrough\" or \"emulate\", not \"" + p.mode() + "\"");
        }
        if (p.emulateImage() != null) {
            fileExists(t + ".emulate_image", p.emulateImage(), "pflash emulate image");
        } else if (p.mode().equals(VmConfig.Pflash.EMULATE)) {
            error(t + ".mode", "pflash-emulate-image", "pflash mode \"emulate\" needs emulate_image");
        }
        if (p.boardImage() != null) {
            fileExists(t + ".board_image", p.boardImage(), "pflash board image");
        }
    }

    /** Alignment, size and the 41-bit limit; records the range for the overlap check. False: unusable. */
    private boolean range(String what, long start, long size, Span at) {
        boolean ok = true;
        if (size <= 0) {
            out.add(Diagnostic.error(config.file(), at, "region-empty", what + ": size must be positive"));
            return false;
        }
        if ((start & (PAGE - 1)) != 0 || (size & (PAGE - 1)) != 0) {
            out.add(Diagnostic.error(config.file(), at, "region-misaligned",
                    what + ": base and size must be multiples of 4 KiB"));
            ok = false;
        }
        if (start < 0 || start + size > GPA_LIMIT || start + size < start) {
            out.add(Diagnostic.error(config.file(), at, "gpa-range", what
                    + ": beyond the 41-bit guest-physical space of Sv39x4 (limit 0x20000000000)"));
            return false;
        }
        ranges.add(new Range(what, start, size, at));
        return ok;
    }

    /** A pflash window, or a device named pflash, must sit in the board's pflash banks. */
    private void pflashWindow(String name, String what, long gpa, long size, Span at) {
        if (name.toLowerCase(java.util.Locale.ROOT).contains("pflash")
                && (gpa < VmConfigSchema.PFLASH_WINDOW_START || gpa + size > VmConfigSchema.PFLASH_WINDOW_END)) {
            out.add(Diagnostic.error(config.file(), at, "pflash-window", String.format(
                    "%s lies outside the board's pflash banks %#x..%#x", what, VmConfigSchema.PFLASH_WINDOW_START,
                    VmConfigSchema.PFLASH_WINDOW_END)));
        }
    }

    /** Dummy (0) and Console (2, an NS16550A) have models; any other type runs as a dummy, said so. */
    private void emuType(VmConfig.EmulatedDevice d) {
        long t = d.emuType();
        if (t != VmConfig.EmulatedDevice.EMU_DUMMY && t != VmConfig.EmulatedDevice.EMU_CONSOLE) {
            String kind = t == VmConfig.EmulatedDevice.EMU_INTERRUPT_CONTROLLER ? " (InterruptController)" : "";
            out.add(Diagnostic.warning(config.file(), d.span(), "emu-type-unmodelled", String.format(
                    "emulated device '%s': emu_type %d%s has no model in hvscope; its reads give 0 and its writes "
                            + "are ignored (models: 0 Dummy, 2 Console = NS16550A UART)", d.name(), t, kind)));
        }
    }

    private void flags(long flags, Span at, String what) {
        if ((flags & ~ALL_FLAGS) != 0) {
            out.add(Diagnostic.error(config.file(), at, "flags", String.format(
                    "%s: flags %#x has bits outside READ|WRITE|EXECUTE|USER|DEVICE|UNCACHED (0x3f)", what, flags)));
        } else if ((flags & (READ | EXECUTE)) == 0) {
            out.add(Diagnostic.error(config.file(), at, "flags", String.format(
                    "%s: flags %#x grant neither READ nor EXECUTE", what, flags)));
        } else if ((flags & WRITE) != 0 && (flags & READ) == 0) {
            out.add(Diagnostic.error(config.file(), at, "flags", String.format(
                    "%s: flags %#x have WRITE without READ (reserved in RISC-V page tables)", what, flags)));
        } else if ((flags & USER) == 0) {
            out.add(Diagnostic.warning(config.file(), at, "flags-no-user", String.format(
                    "%s: flags %#x lack USER (0x8); G-stage leaves need U=1 or every guest access faults", what, flags)));
        }
    }

    private void overlaps() {
        for (int i = 0; i < ranges.size(); i++) {
            for (int j = 0; j < i; j++) {
                Range a = ranges.get(j);
                Range b = ranges.get(i);
                if (b.start() < a.end() && a.start() < b.end()) {
                    out.add(Diagnostic.error(config.file(), b.at(), "region-overlap", b.what() + " overlaps "
                            + a.what() + " (line " + a.at().start().line() + ")"));
                }
            }
        }
    }

    private void inRam(String key, long gpa, String name) {
        if (!config.has(key)) {
            return;
        }
        for (VmConfig.MemoryRegion r : config.kernel().memoryRegions()) {
            if (gpa >= r.gpa() && gpa < r.end()) {
                return;
            }
        }
        error(key, "outside-ram", String.format("%s %#x is outside every memory region", name, gpa));
    }

    /** A path written in the config names a file; nothing to check in a buffer with no file. */
    private void fileExists(String key, String path, String what) {
        if (config.file() == null) {
            return;
        }
        if (path == null || path.isEmpty()) {
            if (config.has(key)) {
                error(key, "missing-file", what + ": no path given");
            }
            return;
        }
        try {
            Path p = config.resolve(path);
            if (!Files.isRegularFile(p)) {
                error(key, "missing-file", what + " " + path + " does not exist (looked for " + p.normalize() + ")");
            }
        } catch (InvalidPathException e) {
            error(key, "missing-file", what + " " + path + " is not a path: " + e.getMessage());
        }
    }

    private void error(String key, String code, String message) {
        out.add(Diagnostic.error(config.file(), config.spanOf(key), code, message));
    }
}
