package dev.hvscope.plugin.dwarf;

/**
 * One row of the line number matrix (DWARF 5 section 6.2.2). {@code file} is the file's path as
 * the line table names it (directory joined), {@code sequence} numbers the row's sequence across
 * the whole section, so rows of one sequence can be told apart from another's at the same address.
 */
public record LineRow(long address, int opIndex, String file, int line, int column, boolean isStmt,
                      boolean endSequence, long discriminator, int sequence) {
}
