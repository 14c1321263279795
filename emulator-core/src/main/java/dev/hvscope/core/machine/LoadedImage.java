package dev.hvscope.core.machine;

/**
 * Where an image went: the entry point, the physical range it occupies (half-open), and the
 * parsed ELF when it was one (null for raw images), for symbols.
 */
public record LoadedImage(String name, long entry, long lowAddress, long highAddress, ElfImage elf) {
    public boolean isElf() {
        return elf != null;
    }
}
