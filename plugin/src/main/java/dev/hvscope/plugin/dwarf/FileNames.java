package dev.hvscope.plugin.dwarf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The file table of one line program as paths: directory joined to name, with the compilation
 * directory in front of relative directories. DWARF 4 numbers files from 1 and its directory 0 is
 * the compilation directory (which the line table does not hold: {@code compDir}, "" when unknown);
 * DWARF 5 numbers both from 0 and its directory 0 is the compilation directory.
 */
final class FileNames {
    private final LineProgramHeader h;
    private final String compDir;
    private final List<FileEntry> files;
    private final Map<Long, String> paths = new HashMap<>();

    FileNames(LineProgramHeader header, String compDir) {
        this.h = header;
        this.compDir = h.version >= 5 && !h.directories.isEmpty() ? h.directories.get(0) : compDir;
        this.files = new ArrayList<>(header.files);
    }

    /** DW_LNE_define_file (DWARF 4 and earlier). */
    void define(String name, long dir) {
        files.add(new FileEntry(name, dir, null));
        paths.clear();
    }

    /** The path of file register value {@code index}; an index outside the table gives a placeholder name. */
    String path(long index) {
        return paths.computeIfAbsent(index, this::join);
    }

    private String join(long index) {
        long i = h.version >= 5 ? index : index - 1;
        if (i < 0 || i >= files.size()) {
            return "<file " + index + ">";
        }
        FileEntry f = files.get((int) i);
        if (isAbsolute(f.name())) {
            return f.name();
        }
        String dir = directory(f.directoryIndex());
        return join(dir, f.name());
    }

    private String directory(long index) {
        String d;
        if (h.version >= 5) {
            d = index >= 0 && index < h.directories.size() ? h.directories.get((int) index) : "";
        } else {
            d = index == 0 || index > h.directories.size() ? "" : h.directories.get((int) index - 1);
        }
        if (isAbsolute(d) || (h.version >= 5 && index == 0)) {
            return d;
        }
        return join(compDir, d);
    }

    private static boolean isAbsolute(String p) {
        return p.startsWith("/");
    }

    private static String join(String dir, String name) {
        if (dir == null || dir.isEmpty()) {
            return name;
        }
        if (name.isEmpty()) {
            return dir;
        }
        return dir.endsWith("/") ? dir + name : dir + "/" + name;
    }
}
