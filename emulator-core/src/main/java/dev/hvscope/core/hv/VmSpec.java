package dev.hvscope.core.hv;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What the hosted hypervisor needs to build one VM, already checked (the plugin's vmconfig parser
 * turns an axvisor-style TOML file into this; tests write it directly).
 *
 * @param name             VM name
 * @param id               VM id
 * @param entryPoint       guest entry pc (GPA; the guest starts with vsatp = 0)
 * @param kernel           guest image (ELF or raw binary)
 * @param kernelLoadAddr   GPA where a raw image goes (ELF segments go to their own addresses)
 * @param dtbGpa           value of a1 at entry (0: no device tree)
 * @param memoryRegions    guest RAM
 * @param passthroughDevices host device windows mapped linearly at start-up
 * @param emulatedDevices  windows whose accesses come back as MMIO exits (answered by their model)
 * @param pflash           the pflash#1 window and its policy, or null
 */
public record VmSpec(String name, int id, long entryPoint, Path kernel, long kernelLoadAddr, long dtbGpa,
        List<MemoryRegion> memoryRegions, List<PassthroughDevice> passthroughDevices,
        List<EmulatedDevice> emulatedDevices, Pflash pflash) {

    public VmSpec {
        Objects.requireNonNull(kernel, "kernel");
        memoryRegions = List.copyOf(memoryRegions);
        passthroughDevices = List.copyOf(passthroughDevices);
        emulatedDevices = List.copyOf(emulatedDevices);
    }

    /** axvisor's map_type: 0 MAP_ALLOC (frames from the hypervisor), 1 MAP_IDENTICAL (GPA = HPA). */
    public enum MapKind { ALLOC, IDENTICAL }

    public record MemoryRegion(long gpa, long size, int flags, MapKind kind) {
    }

    public record PassthroughDevice(String name, long gpa, long hpa, long size) {
    }

    /** An MMIO window; the hypervisor answers its accesses with {@code model}. */
    public record EmulatedDevice(String name, long gpa, long size, DeviceModel model) {
        public EmulatedDevice {
            Objects.requireNonNull(model, "model");
        }

        /** A window with no model: reads give 0, writes are dropped. */
        public EmulatedDevice(String name, long gpa, long size) {
            this(name, gpa, size, DeviceModel.NONE);
        }
    }

    /** The device models the hosted hypervisor has. */
    public enum DeviceModel {
        /** No model: every read gives 0, every write is dropped (each access is still an exit). */
        NONE,
        /** {@link VirtualUart16550}: an NS16550A whose output is the VM's console. */
        UART16550
    }

    /**
     * The guest's pflash#1 window: served on fault per {@link PflashMode}; passthrough goes to the
     * board's bank at hostBase (which holds boardImage), emulate fills frames from emulateImage.
     */
    public record Pflash(long gpa, long size, long hostBase, PflashMode mode, Path boardImage, Path emulateImage) {
    }

    /** Host RAM the hypervisor needs: guest RAM it allocates, plus room for tables and device pages. */
    public long hostRamSize() {
        long need = 32L << 20;
        for (MemoryRegion r : memoryRegions) {
            if (r.kind() == MapKind.ALLOC) {
                need += r.size();
            }
        }
        return Math.max(128L << 20, (need + (1L << 20) - 1) & -(1L << 20));
    }
}
