package dev.hvscope.core.machine;

// PLACEHOLDER (branch `cli` only): the lead owns VirtMachine.java and keeps his own version at
// merge. This stub exists only so the command line compiles against the agreed API:
//   static VirtMachine create(MachineConfig) throws MachineException; int run();
//   long instructionsRetired(); void close().

import dev.hvscope.core.bus.Bus;
import dev.hvscope.core.bus.Ram;
import dev.hvscope.core.bus.VirtMemoryMap;

/** PLACEHOLDER: loads the images (to exercise the loaders), cannot execute. */
public final class VirtMachine implements AutoCloseable {
    private VirtMachine() {
    }

    public static VirtMachine create(MachineConfig config) throws MachineException {
        Bus bus = new Bus(new Ram(VirtMemoryMap.DRAM_BASE, config.ramSize()));
        PhysicalWriter memory = new BusPhysicalWriter(bus);
        java.nio.file.Path firmware = config.bios().resolve();
        if (firmware != null) {
            ImageLoader.load(firmware, VirtMemoryMap.DRAM_BASE, memory);
        }
        if (config.kernel() != null) {
            ImageLoader.load(config.kernel(), firmware == null ? VirtMemoryMap.DRAM_BASE : 0x8020_0000L, memory);
        }
        return new VirtMachine();
    }

    public int run() {
        throw new MachineException("this build has no harts yet (placeholder VirtMachine)");
    }

    public long instructionsRetired() {
        return 0;
    }

    @Override
    public void close() {
    }
}
