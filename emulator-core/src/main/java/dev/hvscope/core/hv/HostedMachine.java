package dev.hvscope.core.hv;

import dev.hvscope.core.machine.Bios;
import dev.hvscope.core.machine.MachineConfig;
import dev.hvscope.core.machine.PflashDrive;
import dev.hvscope.core.machine.SerialMode;
import dev.hvscope.core.machine.VirtMachine;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The board plus the hosted hypervisor: a virt machine with no firmware (the Java hypervisor plays
 * M and HS), RAM sized for host and guest, the board's pflash#1 holding the spec's board image
 * (read-only, so the example image is never changed), and one {@link Vm} on hart 0.
 */
public final class HostedMachine implements AutoCloseable {
    private final VirtMachine machine;
    private final Vm vm;

    private HostedMachine(VirtMachine machine, Vm vm) {
        this.machine = machine;
        this.vm = vm;
    }

    public static HostedMachine create(VmSpec spec, OutputStream console, InputStream consoleIn) {
        MachineConfig.Builder b = MachineConfig.builder()
                .bios(Bios.NONE)
                .ramSize(spec.hostRamSize())
                .serial(SerialMode.NONE);
        if (spec.pflash() != null && spec.pflash().boardImage() != null) {
            b.pflash(new PflashDrive(1, spec.pflash().boardImage(), true));
        }
        VirtMachine machine = VirtMachine.create(b.build(), null, OutputStream.nullOutputStream());
        try {
            return new HostedMachine(machine, Vm.create(machine, spec, console, consoleIn));
        } catch (RuntimeException e) {
            machine.close();
            throw e;
        }
    }

    public VirtMachine machine() {
        return machine;
    }

    public Vm vm() {
        return vm;
    }

    @Override
    public void close() {
        machine.close();
    }
}
