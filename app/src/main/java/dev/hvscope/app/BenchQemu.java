package dev.hvscope.app;

import java.nio.file.Path;

/**
 * The QEMU a benchmark compares hvscope with: the binary to run, or, when there is none, why not
 * (the note the result table prints in QEMU's place).
 */
record BenchQemu(Path binary, String whyNot) {
    /** None with --no-qemu; else the named binary (a path, or searched on PATH) if it is there. */
    static BenchQemu choose(boolean noQemu, String name) {
        if (noQemu) {
            return new BenchQemu(null, "--no-qemu");
        }
        Path binary = QemuRunner.find(name);
        return binary == null ? new BenchQemu(null, name + " not found") : new BenchQemu(binary, null);
    }
}
