package dev.hvscope.plugin.dwarf;

import java.nio.file.Path;
import java.util.List;

/**
 * The code for one requested source line: {@code line} is the line that has code (the requested
 * one, or the next one after it that has any), {@code addresses} the is_stmt addresses where that
 * line starts, ascending, and {@code file} the matched source file.
 */
public record LineMatch(Path file, int line, List<Long> addresses) {
}
