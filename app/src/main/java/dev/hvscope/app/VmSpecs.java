package dev.hvscope.app;

import dev.hvscope.core.bus.VirtMemoryMap;
import dev.hvscope.core.hv.PflashMode;
import dev.hvscope.core.hv.VmSpec;
import dev.hvscope.core.machine.MachineException;
import dev.hvscope.plugin.vmconfig.VmConfig;
import java.util.ArrayList;
import java.util.List;

/** Turns a checked VM config (plugin model) into what the hosted hypervisor builds (core VmSpec). */
final class VmSpecs {
    private VmSpecs() {
    }

    /**
     * @param pflashOverride {@code --pflash}, or null to keep the config's mode
     */
    static VmSpec from(VmConfig c, PflashMode pflashOverride) {
        VmConfig.Kernel k = c.kernel();
        List<VmSpec.MemoryRegion> regions = new ArrayList<>();
        for (VmConfig.MemoryRegion r : k.memoryRegions()) {
            regions.add(new VmSpec.MemoryRegion(r.gpa(), r.size(), (int) r.flags(),
                    r.mapType() == VmConfig.MemoryRegion.MAP_IDENTICAL ? VmSpec.MapKind.IDENTICAL : VmSpec.MapKind.ALLOC));
        }
        List<VmSpec.PassthroughDevice> pass = new ArrayList<>();
        for (VmConfig.PassthroughDevice d : c.devices().passthrough()) {
            pass.add(new VmSpec.PassthroughDevice(d.name(), d.gpa(), d.hpa(), d.size()));
        }
        List<VmSpec.EmulatedDevice> emu = new ArrayList<>();
        for (VmConfig.EmulatedDevice d : c.devices().emulated()) {
            emu.add(new VmSpec.EmulatedDevice(d.name(), d.gpa(), d.size(),
                    d.emuType() == VmConfig.EmulatedDevice.EMU_CONSOLE ? VmSpec.DeviceModel.UART16550 : VmSpec.DeviceModel.NONE));
        }
        VmSpec.Pflash pflash = null;
        VmConfig.Pflash p = c.devices().pflash();
        if (p != null) {
            PflashMode mode = pflashOverride != null ? pflashOverride : PflashMode.fromLabel(p.mode());
            if (mode == PflashMode.EMULATE && p.emulateImage() == null) {
                throw new MachineException("--pflash emulate: " + c.file() + " gives no [devices.pflash] emulate_image");
            }
            pflash = new VmSpec.Pflash(p.gpa(), p.size(), VirtMemoryMap.FLASH1_BASE, mode,
                    p.boardImage() == null ? null : c.resolve(p.boardImage()),
                    p.emulateImage() == null ? null : c.resolve(p.emulateImage()));
        } else if (pflashOverride != null) {
            throw new MachineException("--pflash: " + c.file() + " has no [devices.pflash] window");
        }
        return new VmSpec(c.base().name(), (int) c.base().id(), k.entryPoint(), c.resolve(k.kernelPath()),
                k.kernelLoadAddr(), 0, regions, pass, emu, pflash);
    }
}
