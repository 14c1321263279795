package dev.hvscope.plugin.dwarf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a line table's file names into paths on this machine and matches a client's path against
 * them. Relative names (ours are built with {@code -ffile-prefix-map=$(CURDIR)=.}, so they read
 * {@code ./guest.c}) are looked up first in the ELF's own directory, then under {@code sourceRoot}.
 */
public final class SourcePaths {
    private final Path elfDir;
    private final Path sourceRoot;

    /** {@code sourceRoot} may be null. */
    public SourcePaths(Path elfDir, Path sourceRoot) {
        this.elfDir = elfDir == null ? Path.of("").toAbsolutePath() : elfDir.toAbsolutePath();
        this.sourceRoot = sourceRoot == null ? null : sourceRoot.toAbsolutePath();
    }

    /** The file a line table names: the first candidate that exists, else the ELF-relative one. */
    public Path resolve(String dwarfPath) {
        Path p = Path.of(dwarfPath);
        if (p.isAbsolute()) {
            if (Files.exists(p) || sourceRoot == null) {
                return p.normalize();
            }
            // a build elsewhere: try its path below the source root, dropping leading components
            for (int i = 1; i < p.getNameCount(); i++) {
                Path q = sourceRoot.resolve(p.subpath(i, p.getNameCount())).normalize();
                if (Files.exists(q)) {
                    return q;
                }
            }
            return p.normalize();
        }
        Path inElfDir = elfDir.resolve(p).normalize();
        if (Files.exists(inElfDir) || sourceRoot == null) {
            return inElfDir;
        }
        Path inRoot = sourceRoot.resolve(p).normalize();
        return Files.exists(inRoot) ? inRoot : inElfDir;
    }

    /**
     * How well a client's path matches a resolved file: {@link Integer#MAX_VALUE} when both are
     * the same real file, else the number of trailing path components they share (0: no match).
     */
    public static int matchScore(Path client, Path resolved) {
        Path a = real(client);
        Path b = real(resolved);
        if (a.equals(b)) {
            return Integer.MAX_VALUE;
        }
        List<String> x = components(a);
        List<String> y = components(b);
        int n = 0;
        while (n < x.size() && n < y.size() && x.get(x.size() - 1 - n).equals(y.get(y.size() - 1 - n))) {
            n++;
        }
        return n;
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException | SecurityException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    private static List<String> components(Path p) {
        List<String> out = new ArrayList<>();
        for (Path c : p.normalize()) {
            String s = c.toString();
            if (!s.isEmpty() && !s.equals(".")) {
                out.add(s);
            }
        }
        return out;
    }
}
