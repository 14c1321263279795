package dev.hvscope.plugin.vmconfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a parsed VM config means for the hosted hypervisor: guest-physical ranges inside the 41-bit
 * Sv39x4 space, 4 KiB aligned, not overlapping; usable mapping flags; files that exist; an entry
 * point in guest RAM; one vCPU. Each finding points at the value it is about.
 */
public final class VmConfigChecks {
    /** Sv39x4: guest-physical addresses are 41 bits wide. */
    public static final long GPA_LIMIT = 1L << 41;
    static final long PAGE = 4096;
    static final long READ = 1;
    static final long WRITE = 2;
    static final long EXECUTE = 4;
    static final long ALL_FLAGS = 0x3f;

    private record Range(String what, long start, long size, Position at) {
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
        if (base.cpuNum() != 1) {
            error("base.cpu_num", "cpu_num = " + base.cpuNum() + ": the hosted hypervisor runs exactly one vCPU");
        }
        VmConfig.Kernel k = config.kernel();
        if (!k.imageLocation().equals("fs") && !k.imageLocation().equals("memory")) {
            error("kernel.image_location", "image_location must be \"fs\" or \"memory\", not \"" + k.imageLocation() + "\"");
        }
        fileExists("kernel.kernel_path", k.kernelPath(), "kernel image");
        if (k.memoryRegions().isEmpty()) {
            error("kernel.memory_regions", "memory_regions is empty: the guest needs RAM");
        }
        for (VmConfig.MemoryRegion r : k.memoryRegions()) {
            String what = String.format("memory region %#x..%#x", r.gpa(), r.end());
            if (range(what, r.gpa(), r.size(), r.position())) {
                flags(r.flags(), r.position(), what);
                if (r.mapType() != VmConfig.MemoryRegion.MAP_ALLOC && r.mapType() != VmConfig.MemoryRegion.MAP_IDENTICAL) {
                    out.add(Diagnostic.error(config.file(), r.position(),
                            what + ": map_type " + r.mapType() + " is neither 0 (MAP_ALLOC) nor 1 (MAP_IDENTICAL)"));
                }
            }
        }
        inRam("kernel.entry_point", k.entryPoint(), "entry_point");
        inRam("kernel.kernel_load_addr", k.kernelLoadAddr(), "kernel_load_addr");
        for (VmConfig.PassthroughDevice d : config.devices().passthrough()) {
            range(String.format("passthrough device '%s' %#x..%#x", d.name(), d.gpa(), d.gpa() + d.size()), d.gpa(),
                    d.size(), d.position());
            if ((d.hpa() & (PAGE - 1)) != 0) {
                out.add(Diagnostic.error(config.file(), d.position(),
                        String.format("passthrough device '%s': base_hpa %#x is not 4 KiB aligned", d.name(), d.hpa())));
            }
        }
        for (VmConfig.EmulatedDevice d : config.devices().emulated()) {
            range(String.format("emulated device '%s' %#x..%#x", d.name(), d.gpa(), d.gpa() + d.size()), d.gpa(),
                    d.size(), d.position());
        }
        VmConfig.Pflash p = config.devices().pflash();
        if (p != null) {
            pflash(p);
        }
        overlaps();
    }

    private void pflash(VmConfig.Pflash p) {
        Position at = config.positionOf("devices.pflash.gpa");
        range(String.format("pflash window %#x..%#x", p.gpa(), p.gpa() + p.size()), p.gpa(), p.size(), at);
        if (!p.mode().equals("passthrough") && !p.mode().equals("emulate")) {
            error("devices.pflash.mode", "pflash mode must be \"passthrough\" or \"emulate\", not \"" + p.mode() + "\"");
        }
        if (p.emulateImage() != null) {
            fileExists("devices.pflash.emulate_image", p.emulateImage(), "pflash emulate image");
        } else if (p.mode().equals("emulate")) {
            error("devices.pflash.mode", "pflash mode \"emulate\" needs emulate_image");
        }
        if (p.boardImage() != null) {
            fileExists("devices.pflash.board_image", p.boardImage(), "pflash board image");
        }
    }

    /** Alignment, size and the 41-bit limit; records the range for the overlap check. */
    private boolean range(String what, long start, long size, Position at) {
        boolean ok = true;
        if (size <= 0) {
            out.add(Diagnostic.error(config.file(), at, what + ": size must be positive"));
            return false;
        }
        if ((start & (PAGE - 1)) != 0 || (size & (PAGE - 1)) != 0) {
            out.add(Diagnostic.error(config.file(), at, what + ": base and size must be multiples of 4 KiB"));
            ok = false;
        }
        if (start < 0 || start + size > GPA_LIMIT || start + size < start) {
            out.add(Diagnostic.error(config.file(), at, what
                    + ": beyond the 41-bit guest-physical space of Sv39x4 (limit 0x20000000000)"));
            return false;
        }
        ranges.add(new Range(what, start, size, at));
        return ok;
    }

    private void flags(long flags, Position at, String what) {
        if ((flags & ~ALL_FLAGS) != 0) {
            out.add(Diagnostic.error(config.file(), at, String.format(
                    "%s: flags %#x has bits outside READ|WRITE|EXECUTE|USER|DEVICE|UNCACHED (0x3f)", what, flags)));
        } else if ((flags & (READ | EXECUTE)) == 0) {
            out.add(Diagnostic.error(config.file(), at, String.format("%s: flags %#x grant neither READ nor EXECUTE",
                    what, flags)));
        } else if ((flags & WRITE) != 0 && (flags & READ) == 0) {
            out.add(Diagnostic.error(config.file(), at, String.format(
                    "%s: flags %#x have WRITE without READ (reserved in RISC-V page tables)", what, flags)));
        }
    }

    private void overlaps() {
        for (int i = 0; i < ranges.size(); i++) {
            for (int j = 0; j < i; j++) {
                Range a = ranges.get(j);
                Range b = ranges.get(i);
                if (b.start() < a.end() && a.start() < b.end()) {
                    out.add(Diagnostic.error(config.file(), b.at(), b.what() + " overlaps " + a.what()
                            + " (line " + a.at().line() + ")"));
                }
            }
        }
    }

    private void inRam(String key, long gpa, String name) {
        for (VmConfig.MemoryRegion r : config.kernel().memoryRegions()) {
            if (gpa >= r.gpa() && gpa < r.end()) {
                return;
            }
        }
        error(key, String.format("%s %#x is outside every memory region", name, gpa));
    }

    private void fileExists(String key, String path, String what) {
        if (path == null || path.isEmpty()) {
            error(key, what + ": no path given");
            return;
        }
        Path p = config.resolve(path);
        if (!Files.isRegularFile(p)) {
            error(key, what + " " + path + " does not exist (looked for " + p + ")");
        }
    }

    private void error(String key, String message) {
        out.add(Diagnostic.error(config.file(), config.positionOf(key), message));
    }
}
