package dev.hvscope.core.machine;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One {@code -drive if=pflash,unit=N,format=raw,file=F[,readonly=on]}: unit 0 is the bank at
 * 0x2000_0000, unit 1 the bank at 0x2200_0000 (QEMU virt).
 */
public record PflashDrive(int unit, Path file, boolean readOnly) {
    public static final int UNITS = 2;

    public PflashDrive {
        Objects.requireNonNull(file, "file");
        if (unit < 0 || unit >= UNITS) {
            throw new MachineException("pflash unit " + unit + " does not exist (the virt board has units 0 and 1)");
        }
    }
}
