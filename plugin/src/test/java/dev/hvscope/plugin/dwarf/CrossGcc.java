package dev.hvscope.plugin.dwarf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Debian's bare-metal RISC-V toolchain for the tests: gcc, objdump, addr2line. */
public final class CrossGcc {
    public static final String PREFIX = "riscv64-unknown-elf-";

    private CrossGcc() {
    }

    public static boolean installed() {
        try {
            return run(List.of(PREFIX + "gcc", "--version"), null).contains("gcc");
        } catch (IOException e) {
            return false;
        }
    }

    /** Links {@code sources} (in {@code dir}) into a freestanding ET_EXEC with the given flags. */
    public static Path build(Path dir, String out, List<String> flags, String... sources) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(PREFIX + "gcc", "-march=rv64gc", "-mabi=lp64d", "-mcmodel=medany",
                "-nostdlib", "-ffreestanding", "-Wl,--build-id=none", "-o", out));
        cmd.addAll(flags);
        cmd.addAll(List.of(sources));
        run(cmd, dir);
        return dir.resolve(out);
    }

    public static String run(List<String> cmd, Path dir) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(cmd + " failed: " + new String(out, StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    public static void write(Path dir, String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }
}
