package dev.hvscope.core.machine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The firmware choice of {@code -bios}: {@link #NONE} (start the kernel, or nothing, in M-mode at
 * the RAM base), {@link #DEFAULT} (the system's OpenSBI fw_dynamic, as QEMU) or a file.
 */
public final class Bios {
    public enum Kind { NONE, DEFAULT, FILE }

    /** Where Debian puts OpenSBI's generic fw_dynamic (packages qemu-system-data, then opensbi). */
    public static final List<Path> DEFAULT_FIRMWARE_CANDIDATES = List.of(
            Path.of("/usr/share/qemu/opensbi-riscv64-generic-fw_dynamic.elf"),
            Path.of("/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.elf"));

    public static final Bios NONE = new Bios(Kind.NONE, null);
    public static final Bios DEFAULT = new Bios(Kind.DEFAULT, null);

    private final Kind kind;
    private final Path file;

    private Bios(Kind kind, Path file) {
        this.kind = kind;
        this.file = file;
    }

    public static Bios file(Path file) {
        return new Bios(Kind.FILE, Objects.requireNonNull(file, "file"));
    }

    public Kind kind() {
        return kind;
    }

    /** The firmware file for {@link Kind#FILE}, else null. */
    public Path file() {
        return file;
    }

    /** The firmware file to load, or null for {@link Kind#NONE}; DEFAULT searches the candidates. */
    public Path resolve() {
        return resolve(DEFAULT_FIRMWARE_CANDIDATES);
    }

    /** As {@link #resolve()}, with the DEFAULT candidates given (tests). */
    public Path resolve(List<Path> candidates) {
        switch (kind) {
            case NONE:
                return null;
            case FILE:
                return file;
            default:
                for (Path p : candidates) {
                    if (Files.isRegularFile(p)) {
                        return p;
                    }
                }
                throw new MachineException("-bios default: no OpenSBI firmware found (looked for "
                        + String.join(", ", candidates.stream().map(Path::toString).toList())
                        + "; install the opensbi package or pass -bios FILE / -bios none)");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bios b && b.kind == kind && Objects.equals(b.file, file);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, file);
    }

    @Override
    public String toString() {
        return kind == Kind.FILE ? file.toString() : kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
