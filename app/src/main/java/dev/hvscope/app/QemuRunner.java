package dev.hvscope.app;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs an ELF on {@code qemu-system-riscv64 -machine virt -cpu rv64 -m 128M -nographic -bios none}
 * as a subprocess and times it from start to exit (process creation included; the bench subtracts
 * a baseline run for that).
 */
final class QemuRunner {
    static final String DEFAULT_BINARY = "qemu-system-riscv64";

    /** Wall time and exit status of one run. */
    record Timing(double seconds, int exitStatus) {
    }

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
        return List.of(binary.toString(), "-machine", "virt", "-cpu", "rv64", "-m", "128M", "-nographic",
                "-bios", "none", "-kernel", elf.toString());
    }

    Timing run(Path elf) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command(elf))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        long t0 = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new IOException("qemu did not finish " + elf + " within " + timeoutSeconds
                    + " s (does the program write the sifive_test finisher?)");
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Timing(seconds, p.exitValue());
    }
}
