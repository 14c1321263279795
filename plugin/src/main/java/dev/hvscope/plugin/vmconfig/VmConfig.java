package dev.hvscope.plugin.vmconfig;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A VM configuration in the axvisor shape ({@code configs/vms/*.toml}), as parsed: plain values
 * with the position of each, no checks applied (see {@link VmConfigChecks}). hvscope adds one
 * table, {@code [devices.pflash]}, for the h_2_0 pflash window and its mode.
 *
 * @param file      the file it came from (relative paths in it are relative to its directory)
 * @param base      [base]
 * @param kernel    [kernel]
 * @param devices   [devices]
 * @param positions dotted key path ("kernel.entry_point", "kernel.memory_regions[0]") → where its
 *                  value starts; for diagnostics and editor features
 */
public record VmConfig(Path file, Base base, Kernel kernel, Devices devices, Map<String, Position> positions) {

    public VmConfig {
        positions = Map.copyOf(positions);
    }

    /** Where a key's value starts, or the file start when the key is absent. */
    public Position positionOf(String keyPath) {
        return positions.getOrDefault(keyPath, Position.START);
    }

    /** A path in the config, resolved against the config's directory. */
    public Path resolve(String path) {
        Path dir = file.toAbsolutePath().getParent();
        return dir == null ? Path.of(path) : dir.resolve(path);
    }

    public record Base(long id, String name, long cpuNum) {
    }

    /**
     * @param imageLocation "fs" (load kernel_path from the file system) or "memory"
     */
    public record Kernel(long entryPoint, String imageLocation, String kernelPath, long kernelLoadAddr,
            long dtbLoadAddr, List<MemoryRegion> memoryRegions) {
        public Kernel {
            memoryRegions = List.copyOf(memoryRegions);
        }
    }

    /** {@code [base_paddr, size, flags, map_type]}; map_type 0 = MAP_ALLOC, 1 = MAP_IDENTICAL. */
    public record MemoryRegion(long gpa, long size, long flags, long mapType, Position position) {
        public static final long MAP_ALLOC = 0;
        public static final long MAP_IDENTICAL = 1;

        public long end() {
            return gpa + size;
        }
    }

    public record Devices(List<PassthroughDevice> passthrough, List<EmulatedDevice> emulated, Pflash pflash) {
        public Devices {
            passthrough = List.copyOf(passthrough);
            emulated = List.copyOf(emulated);
        }
    }

    /** {@code [name, base_gpa, base_hpa, length, irq]}. */
    public record PassthroughDevice(String name, long gpa, long hpa, long size, long irq, Position position) {
    }

    /** {@code [name, base_gpa, length, irq, emu_type, [config...]]}. */
    public record EmulatedDevice(String name, long gpa, long size, long irq, long emuType, List<Long> config,
            Position position) {
        public EmulatedDevice {
            config = List.copyOf(config);
        }
    }

    /**
     * hvscope's {@code [devices.pflash]}: the guest's pflash#1 window, served on the first access by
     * passthrough (the board's own bank, which holds board_image) or emulation (a frame filled from
     * emulate_image).
     */
    public record Pflash(long gpa, long size, String mode, String boardImage, String emulateImage,
            Position position) {
    }
}
