package dev.hvscope.app;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs an ELF on {@code qemu-system-riscv64 -machine virt -cpu rv64 -m 128M -nographic -bios none}
 * as a subprocess and times it from start to exit (process creation included; the bench subtracts
 * a baseline run for that).
 */
final class QemuRunner {
    static final String DEFAULT_BINARY = "qemu-system-riscv64";

    private final Path binary;
    private final long timeoutSeconds;

    QemuRunner(Path binary, long timeoutSeconds) {
        this.binary = binary;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** The executable: a path as given when it has a slash, else searched on PATH; null if absent. */
    static Path find(String name) {
        if (name.contains(File.separator)) {
            Path p = Path.of(name);
            return Files.isExecutable(p) ? p : null;
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    List<String> command(Path elf) {
        return command(elf, "128M");
    }

    List<String> command(Path elf, String ram) {
        return List.of(binary.toString(), "-machine", "virt", "-cpu", "rv64", "-m", ram, "-nographic",
                "-bios", "none", "-kernel", elf.toString());
    }

    ProcessTimer.Timing run(Path elf) throws IOException, InterruptedException {
        return run(elf, "128M");
    }

    ProcessTimer.Timing run(Path elf, String ram) throws IOException, InterruptedException {
        return ProcessTimer.run(command(elf, ram), timeoutSeconds);
    }
}
