package dev.hvscope.plugin.dwarf;

/**
 * The sections functions and locals refer to besides {@code .debug_info}: range lists
 * ({@code .debug_rnglists}, DWARF 4 {@code .debug_ranges}) and location lists
 * ({@code .debug_loclists}, DWARF 4 {@code .debug_loc}). Any may be null when the ELF lacks it.
 */
record CodeSections(DwarfReader rnglists, DwarfReader ranges, DwarfReader loclists, DwarfReader loc) {
    static CodeSections none() {
        return new CodeSections(null, null, null, null);
    }

    static CodeSections of(byte[] rnglists, byte[] ranges, byte[] loclists, byte[] loc) {
        return new CodeSections(reader(".debug_rnglists", rnglists), reader(".debug_ranges", ranges),
                reader(".debug_loclists", loclists), reader(".debug_loc", loc));
    }

    private static DwarfReader reader(String name, byte[] b) {
        return b == null ? null : new DwarfReader(name, b);
    }
}
