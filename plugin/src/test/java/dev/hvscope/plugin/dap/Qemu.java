package dev.hvscope.plugin.dap;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** QEMU as the RSP peer of the tests: command lines, and whether it is installed. */
final class Qemu {
    static final String BINARY = "qemu-system-riscv64";

    private Qemu() {
    }

    static boolean installed() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, BINARY))) {
                return true;
            }
        }
        return false;
    }

    static Path examples() {
        return Path.of(System.getProperty("hvscope.examples", "../examples")).toAbsolutePath().normalize();
    }

    /** {@code -bios none -kernel ELF}, halted, gdb on {@code ${port}}. */
    static List<String> kernel(Path elf) {
        return List.of(BINARY, "-machine", "virt", "-cpu", "rv64", "-m", "128M", "-nographic", "-bios", "none",
                "-kernel", elf.toString(), "-S", "-gdb", "tcp:127.0.0.1:${port}");
    }

    /** The bare-metal hypervisor as firmware with pflash#1 = a 32 MiB copy of the example image. */
    static List<String> hypervisor(Path elf, Path pflash32) {
        List<String> c = new ArrayList<>(List.of(BINARY, "-machine", "virt", "-cpu", "rv64", "-m", "128M", "-nographic",
                "-bios", elf.toString(), "-drive", "if=pflash,unit=1,format=raw,file=" + pflash32));
        c.addAll(List.of("-S", "-gdb", "tcp:127.0.0.1:${port}"));
        return c;
    }

    /** A copy of examples/pflash/pflash.img padded to the 32 MiB QEMU requires. */
    static Path pflash32(Path dir) throws IOException {
        Path out = dir.resolve("pflash32.img");
        Files.copy(examples().resolve("pflash/pflash.img"), out);
        try (RandomAccessFile f = new RandomAccessFile(out.toFile(), "rw")) {
            f.setLength(32L << 20);
        }
        return out;
    }
}
