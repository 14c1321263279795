package dev.hvscope.plugin.dwarf;

import java.nio.file.Path;

/**
 * Where a pc is in the source: {@code path} is the file resolved on this machine (it may not exist
 * when no candidate directory holds it), {@code name} its last component, {@code dwarfPath} the
 * path as the line table writes it, and the row's address.
 */
public record SourceLocation(Path path, String name, String dwarfPath, int line, int column, long address) {
}
