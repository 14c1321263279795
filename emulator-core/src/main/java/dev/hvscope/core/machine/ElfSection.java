package dev.hvscope.core.machine;

/**
 * A section header, named from the section-name string table. Debug readers find {@code
 * .debug_line} and friends by name; the range [offset, offset + size) lies inside the file
 * unless the section is SHT_NOBITS (bss holds no file bytes); sections outside it are not listed.
 *
 * @param type sh_type (SHT_PROGBITS = 1, SHT_NOBITS = 8, ...)
 */
public record ElfSection(String name, int type, long addr, long offset, long size) {
    public static final int SHT_NOBITS = 8;
}
