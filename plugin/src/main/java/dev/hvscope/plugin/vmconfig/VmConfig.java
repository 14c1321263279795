package dev.hvscope.plugin.vmconfig;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A VM configuration in the axvisor shape ({@code configs/vms/*.toml}), as parsed: plain values
 * with where each was written, no checks applied (see {@link VmConfigChecks}). hvscope adds one
 * table, {@code [devices.pflash]}, for the h_2_0 pflash window and its mode. The command line
 * runs it; the language server shows it (spans for diagnostics, hovers, symbols, the pflash lens).
 *
 * @param file    the file it came from (relative paths in it are relative to its directory); null
 *                for an editor buffer that has no file yet
 * @param base    [base]
 * @param kernel  [kernel]
 * @param devices [devices]
 * @param values  dotted key path ("kernel.entry_point", "kernel.memory_regions[0]") → the span of
 *                its value; only values of the right type are here, so a check can tell a written,
 *                well-typed value from a default
 * @param keys    dotted key path → the span of the key itself
 * @param tables  the tables written, in file order
 */
public record VmConfig(Path file, Base base, Kernel kernel, Devices devices, Map<String, Span> values,
        Map<String, Span> keys, List<Table> tables) {

    public VmConfig {
        values = Map.copyOf(values);
        keys = Map.copyOf(keys);
        tables = List.copyOf(tables);
    }

    /** True when the key was written with a value of its type. */
    public boolean has(String keyPath) {
        return values.containsKey(keyPath);
    }

    /** Where a key's value is, or the file start when the key is absent. */
    public Span spanOf(String keyPath) {
        return values.getOrDefault(keyPath, Span.START);
    }

    /** Where a key's value starts, or the file start when the key is absent. */
    public Position positionOf(String keyPath) {
        return spanOf(keyPath).start();
    }

    /** A path in the config, resolved against the config's directory. */
    public Path resolve(String path) {
        Path dir = file == null ? null : file.toAbsolutePath().getParent();
        return dir == null ? Path.of(path) : dir.resolve(path);
    }

    /** A table as written: {@code header} is its {@code [name]} line, {@code whole} runs to its last line. */
    public record Table(String name, Span header, Span whole) {
    }

    public record Base(long id, String name, long cpuNum) {
    }

    /**
     * @param imageLocation "fs" (load kernel_path from the file system) or "memory"
     * @param otherImages   dtb_path, bios_path, ramdisk_path, disk_path as written (key → path)
     */
    public record Kernel(long entryPoint, String imageLocation, String kernelPath, long kernelLoadAddr,
            long dtbLoadAddr, List<MemoryRegion> memoryRegions, Map<String, String> otherImages) {
        public Kernel {
            memoryRegions = List.copyOf(memoryRegions);
            otherImages = Map.copyOf(otherImages);
        }
    }

    /** {@code [base_paddr, size, flags, map_type]}; map_type 0 = MAP_ALLOC, 1 = MAP_IDENTICAL. */
    public record MemoryRegion(long gpa, long size, long flags, long mapType, Span span) {
        public static final long MAP_ALLOC = 0;
        public static final long MAP_IDENTICAL = 1;

        public long end() {
            return gpa + size;
        }

        public Position position() {
            return span.start();
        }
    }

    public record Devices(List<PassthroughDevice> passthrough, List<EmulatedDevice> emulated, Pflash pflash) {
        public Devices {
            passthrough = List.copyOf(passthrough);
            emulated = List.copyOf(emulated);
        }
    }

    /** {@code [name, base_gpa, base_hpa, length, irq]}. */
    public record PassthroughDevice(String name, long gpa, long hpa, long size, long irq, Span span) {
        public Position position() {
            return span.start();
        }
    }

    /**
     * {@code [name, base_gpa, length, irq, emu_type, [config...]]}; emu_type as axvmconfig's
     * EmulatedDeviceType numbers it (0 Dummy, 1 InterruptController, 2 Console, ...).
     */
    public record EmulatedDevice(String name, long gpa, long size, long irq, long emuType, List<Long> config,
            Span span) {
        /** axvmconfig's Dummy: hvscope answers reads with 0 and drops writes. */
        public static final long EMU_DUMMY = 0;
        /** axvmconfig's InterruptController (no model in hvscope). */
        public static final long EMU_INTERRUPT_CONTROLLER = 1;
        /** axvmconfig's Console: hvscope models it as an NS16550A UART. */
        public static final long EMU_CONSOLE = 2;

        /** What hvscope's hosted hypervisor answers this device's MMIO exits with, in words. */
        public String modelDescription() {
            if (emuType == EMU_CONSOLE) {
                return "emulated NS16550A UART (emu_type 2, Console): THR bytes go to the VM's console";
            }
            return "no model (emu_type " + emuType + (emuType == EMU_DUMMY ? ", Dummy" : "")
                    + "): reads give 0, writes are ignored";
        }

        public EmulatedDevice {
            config = List.copyOf(config);
        }

        public Position position() {
            return span.start();
        }
    }

    /**
     * hvscope's {@code [devices.pflash]}: the guest's pflash#1 window, served on the first access by
     * passthrough (the board's own bank, which holds board_image) or emulation (a frame filled from
     * emulate_image). {@code header} and {@code modeValue} are the mode's site: where a lens goes and
     * what flipping the mode rewrites (null when mode is not written: the default, passthrough).
     */
    public record Pflash(long gpa, long size, String mode, String boardImage, String emulateImage, Span header,
            Span modeValue) {
        public static final String PASSTHROUGH = "passthrough";
        public static final String EMULATE = "emulate";

        public Position position() {
            return header.start();
        }

        /** The other mode. */
        public String flipped() {
            return EMULATE.equals(mode) ? PASSTHROUGH : EMULATE;
        }
    }
}
