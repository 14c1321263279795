package dev.hvscope.core.machine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Loads {@code -bios}, {@code -kernel} and {@code -initrd} files: an ELF goes where its program
 * headers say (entry from the header); anything else is a raw image copied to a given address,
 * as QEMU's riscv_load_kernel falls back to.
 */
public final class ImageLoader {
    /** Files beyond this cannot be one Java array; no virt RAM image is that large anyway. */
    static final long MAX_FILE_SIZE = Integer.MAX_VALUE - 16;

    private ImageLoader() {
    }

    /** Loads an ELF at its own addresses, or a raw image at rawPa (entry = rawPa). */
    public static LoadedImage load(Path file, long rawPa, PhysicalWriter memory) {
        byte[] bytes = readFile(file);
        if (ElfLoader.hasElfMagic(bytes)) {
            ElfImage elf = ElfLoader.parse(file.toString(), bytes);
            ElfLoader.load(elf, memory);
            return new LoadedImage(elf.name(), elf.entry(), elf.lowAddress(), elf.highAddress(), elf);
        }
        return loadRaw(file.toString(), bytes, rawPa, memory);
    }

    /** Copies a file's bytes to pa, whatever they are (initrd, a raw kernel). */
    public static LoadedImage loadRaw(Path file, long pa, PhysicalWriter memory) {
        return loadRaw(file.toString(), readFile(file), pa, memory);
    }

    static LoadedImage loadRaw(String name, byte[] bytes, long pa, PhysicalWriter memory) {
        if (bytes.length == 0) {
            throw new ImageFormatException(name + " is empty");
        }
        if (!memory.isRam(pa, bytes.length)) {
            throw new ImageFormatException(outsideRam("image", pa, bytes.length, name, memory));
        }
        memory.write(pa, bytes, 0, bytes.length);
        return new LoadedImage(name, pa, pa, pa + bytes.length, null);
    }

    /** The whole file; a missing or unreadable file is a {@link MachineException} naming it. */
    public static byte[] readFile(Path file) {
        try {
            if (Files.isDirectory(file)) {
                throw new MachineException("cannot read " + file + ": is a directory");
            }
            long size = Files.size(file);
            if (size > MAX_FILE_SIZE) {
                throw new ImageFormatException(file + " is too large (" + size + " bytes)");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new MachineException("cannot read " + file + ": no such file", e);
        } catch (IOException e) {
            throw new MachineException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** "segment 0x... +0x... of X.elf is outside RAM [0x80000000, 0x88000000)", naming a device. */
    static String outsideRam(String what, long pa, long len, String name, PhysicalWriter memory) {
        String device = memory.deviceAt(pa, len);
        return String.format("%s 0x%x +0x%x of %s is outside RAM [0x%x, 0x%x)%s", what, pa, len, name,
                memory.ramBase(), memory.ramBase() + memory.ramSize(),
                device == null ? "" : " (it overlaps " + device + ")");
    }
}
