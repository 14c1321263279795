package dev.hvscope.core.machine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs qemu-system-riscv64 as the reference oracle, when it is installed. */
final class QemuRunner {
    static final Path QEMU = Path.of("/usr/bin/qemu-system-riscv64");

    record Result(String output, int exitStatus, boolean timedOut) {
    }

    private QemuRunner() {
    }

    static boolean available() {
        return Files.isExecutable(QEMU);
    }

    /** Runs {@code qemu-system-riscv64 -machine virt -cpu rv64 -m 128M -nographic ARGS} with no stdin. */
    static Result run(List<String> args, long timeoutSeconds) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(QEMU.toString(), "-machine", "virt", "-cpu", "rv64", "-m", "128M",
                "-nographic", "-monitor", "none", "-serial", "stdio"));
        cmd.addAll(args);
        Path out = Files.createTempFile("qemu", ".out");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(false)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            if (!done) {
                p.destroyForcibly().waitFor();
            }
            String text = Files.readString(out, StandardCharsets.ISO_8859_1);
            return new Result(text, done ? p.exitValue() : -1, !done);
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
