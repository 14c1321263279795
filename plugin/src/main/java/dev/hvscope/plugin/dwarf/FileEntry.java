package dev.hvscope.plugin.dwarf;

/**
 * One entry of a line program's file table: the name as written and the index of its directory
 * in the same header's directory table (DWARF 4: 0 is the compilation directory, then
 * include_directories from 1; DWARF 5: 0-based, entry 0 is the compilation directory).
 *
 * @param md5 DW_LNCT_MD5 (16 bytes) or null
 */
public record FileEntry(String name, long directoryIndex, byte[] md5) {
}
