package dev.hvscope.plugin.dwarf;

import dev.hvscope.core.machine.ElfImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongFunction;

/**
 * The line number matrix of one ELF ({@code .debug_line}, every unit) with the lookups a debugger
 * needs: the row covering a pc, whether a pc starts a statement, and the addresses of a source line.
 * A unit that cannot be read (64-bit DWARF, an unknown version, a corrupt header or program) is
 * left out and its reason kept in {@link #errors()}; the other units are still read.
 */
public final class LineTable {
    private final List<LineRow> rows;
    private final List<String> errors;
    private final SourcePaths paths;
    /** Address ranges [start, end) each covered by one row, sorted by start. */
    private final long[] rangeStart;
    private final long[] rangeEnd;
    private final LineRow[] rangeRow;
    /** Addresses where an is_stmt row starts, sorted. */
    private final long[] statements;
    private final Map<String, Path> resolved = new HashMap<>();

    private LineTable(List<LineRow> rows, List<String> errors, SourcePaths paths) {
        this.rows = List.copyOf(rows);
        this.errors = List.copyOf(errors);
        this.paths = paths;
        List<Integer> covering = new ArrayList<>();
        TreeSet<Long> stmts = new TreeSet<>(Long::compareUnsigned);
        for (int i = 0; i < rows.size(); i++) {
            LineRow r = rows.get(i);
            if (r.endSequence()) {
                continue;
            }
            if (r.isStmt()) {
                stmts.add(r.address());
            }
            if (i + 1 < rows.size() && rows.get(i + 1).sequence() == r.sequence()
                    && Long.compareUnsigned(rows.get(i + 1).address(), r.address()) > 0) {
                covering.add(i);
            }
        }
        covering.sort(Comparator.comparing(i -> rows.get(i).address(), Long::compareUnsigned));
        rangeStart = new long[covering.size()];
        rangeEnd = new long[covering.size()];
        rangeRow = new LineRow[covering.size()];
        for (int k = 0; k < covering.size(); k++) {
            int i = covering.get(k);
            rangeStart[k] = rows.get(i).address();
            rangeEnd[k] = rows.get(i + 1).address();
            rangeRow[k] = rows.get(i);
        }
        statements = stmts.stream().mapToLong(Long::longValue).toArray();
    }

    /** The line table of an ELF; names resolve against the ELF's directory, then {@code sourceRoot} (may be null). */
    public static LineTable read(ElfImage elf, Path sourceRoot) {
        Path dir = Path.of(elf.name()).toAbsolutePath().getParent();
        SourcePaths sp = new SourcePaths(dir, sourceRoot);
        Optional<byte[]> line = elf.sectionBytes(".debug_line");
        if (line.isEmpty()) {
            return new LineTable(List.of(), List.of(elf.name() + " has no .debug_line section"), sp);
        }
        byte[] lineStr = elf.sectionBytes(".debug_line_str").orElse(null);
        byte[] str = elf.sectionBytes(".debug_str").orElse(null);
        List<String> infoErrors = new ArrayList<>();
        Map<Long, String> compDirs = CompileUnits.compDirs(elf.sectionBytes(".debug_info").orElse(null),
                elf.sectionBytes(".debug_abbrev").orElse(null), str, lineStr, infoErrors);
        LineTable t = parse(line.get(), lineStr, str, compDirs, sp);
        if (infoErrors.isEmpty()) {
            return t;
        }
        List<String> errors = new ArrayList<>(infoErrors);
        errors.addAll(t.errors);
        return new LineTable(t.rows, errors, sp);
    }

    /**
     * Reads every unit of a {@code .debug_line} section. {@code compDirs} maps a unit's offset to
     * its compilation directory, DWARF 4's directory 0, which the line table does not hold
     * (absent: names are taken relative to the ELF).
     */
    public static LineTable parse(byte[] debugLine, byte[] debugLineStr, byte[] debugStr, Map<Long, String> compDirs,
                                  SourcePaths paths) {
        DwarfReader section = new DwarfReader(".debug_line", debugLine);
        DwarfReader lineStr = debugLineStr == null ? null : new DwarfReader(".debug_line_str", debugLineStr);
        DwarfReader str = debugStr == null ? null : new DwarfReader(".debug_str", debugStr);
        List<LineRow> rows = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        int sequence = 0;
        while (!section.atEnd()) {
            long offset = section.position();
            DwarfReader unit;
            try {
                long length = section.u32();
                if (length == 0xffff_ffffL) {
                    long length64 = section.u64();
                    errors.add(".debug_line: unit at 0x" + Long.toHexString(offset)
                            + " is 64-bit DWARF, which this reader does not support");
                    section.skip(length64);
                    continue;
                }
                if (length >= 0xffff_fff0L) {
                    throw section.error("unit at 0x" + Long.toHexString(offset) + " has reserved length 0x"
                            + Long.toHexString(length));
                }
                unit = section.slice(length);
            } catch (DwarfException e) {
                errors.add(e.getMessage());
                break; // the unit's length is unusable: nothing after it can be found
            }
            List<LineRow> unitRows = new ArrayList<>();
            try {
                LineProgramHeader h = LineProgramHeader.read(offset, unit, lineStr, str);
                LineStateMachine m = new LineStateMachine(h, new FileNames(h, compDirs.getOrDefault(offset, "")), sequence);
                m.run(unit, unitRows);
                sequence = m.nextSequence() + 1;  // a unit that ends mid-sequence must not join the next one
                rows.addAll(unitRows);
            } catch (DwarfException e) {
                errors.add(e.getMessage() + " (unit at 0x" + Long.toHexString(offset) + " skipped)");
            }
        }
        return new LineTable(rows, errors, paths);
    }

    /** Every row, in program order (by unit, then sequence, ascending address within a sequence). */
    public List<LineRow> rows() {
        return rows;
    }

    /** Why units were left out (empty when all were read). */
    public List<String> errors() {
        return errors;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The row covering pc: the last row at or below pc in its sequence, when pc is before the sequence's end. */
    public Optional<LineRow> rowAt(long pc) {
        int lo = 0;
        int hi = rangeStart.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(rangeStart[mid], pc) <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (found < 0 || Long.compareUnsigned(pc, rangeEnd[found]) >= 0) {
            return Optional.empty();
        }
        return Optional.of(rangeRow[found]);
    }

    /** The source location of the row covering pc. */
    public Optional<SourceLocation> lineAt(long pc) {
        return rowAt(pc).map(r -> {
            Path p = path(r.file());
            Path name = p.getFileName();
            return new SourceLocation(p, name == null ? r.file() : name.toString(), r.file(), r.line(), r.column(),
                    r.address());
        });
    }

    /** Whether an is_stmt row starts at pc (a place a line step stops). */
    public boolean isStatement(long pc) {
        int lo = 0;
        int hi = statements.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = Long.compareUnsigned(statements[mid], pc);
            if (c == 0) {
                return true;
            } else if (c < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return false;
    }

    /** The source files the rows name, resolved on this machine. */
    public Set<Path> files() {
        Set<Path> out = new LinkedHashSet<>();
        for (LineRow r : rows) {
            out.add(path(r.file()));
        }
        return out;
    }

    /** A line table file name resolved on this machine (cached). */
    public Path path(String dwarfPath) {
        synchronized (resolved) {
            return resolved.computeIfAbsent(dwarfPath, paths::resolve);
        }
    }

    /**
     * The file of this table a client's path means: the same real file, else the one sharing the
     * most trailing path components (at least the file name); empty when none matches.
     */
    public Optional<Path> matchFile(Path client) {
        Path best = null;
        int bestScore = 0;
        for (Path f : files()) {
            int s = SourcePaths.matchScore(client, f);
            if (s > bestScore) {
                best = f;
                bestScore = s;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Where {@code line} of a source file starts, one address per sequence; see {@link #addressesFor(Path, int, LongFunction)}. */
    public Optional<LineMatch> addressesFor(Path sourceFile, int line) {
        return addressesFor(sourceFile, line, null);
    }

    /**
     * The is_stmt addresses where a source line starts (a row of that line whose predecessor in
     * the sequence is another line), moving to the next line that has code when the line has none.
     * Of the starts, the lowest one per group is kept: {@code groupOf} maps an address to its group
     * (the function holding it, so each inlined copy gets one) or, when null, the sequence is the group.
     */
    public Optional<LineMatch> addressesFor(Path sourceFile, int line, LongFunction<Object> groupOf) {
        Optional<Path> file = matchFile(sourceFile);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        Path f = file.get();
        int target = Integer.MAX_VALUE;
        for (LineRow r : rows) {
            if (!r.endSequence() && r.isStmt() && r.line() >= line && r.line() < target && f.equals(path(r.file()))) {
                target = r.line();
            }
        }
        if (target == Integer.MAX_VALUE) {
            return Optional.empty();
        }
        Map<Object, Long> lowest = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            LineRow r = rows.get(i);
            if (r.endSequence() || !r.isStmt() || r.line() != target || !f.equals(path(r.file()))) {
                continue;
            }
            LineRow prev = i > 0 ? rows.get(i - 1) : null;
            boolean start = prev == null || prev.sequence() != r.sequence() || prev.line() != r.line()
                    || !Objects.equals(prev.file(), r.file());
            if (!start) {
                continue;
            }
            Object group = groupOf == null ? Integer.valueOf(r.sequence()) : groupOf.apply(r.address());
            if (group == null) {
                group = Integer.valueOf(r.sequence());
            }
            lowest.merge(group, r.address(), (a, b) -> Long.compareUnsigned(a, b) <= 0 ? a : b);
        }
        List<Long> addrs = new ArrayList<>(new TreeSet<>(lowest.values()));
        addrs.sort(Long::compareUnsigned);
        return Optional.of(new LineMatch(f, target, Collections.unmodifiableList(addrs)));
    }

    /** The lines in [from, to] of a source file that have an is_stmt row (where a breakpoint can go), ascending. */
    public List<Integer> linesWithCode(Path sourceFile, int from, int to) {
        Optional<Path> file = matchFile(sourceFile);
        if (file.isEmpty()) {
            return List.of();
        }
        TreeSet<Integer> lines = new TreeSet<>();
        for (LineRow r : rows) {
            if (!r.endSequence() && r.isStmt() && r.line() >= from && r.line() <= to && file.get().equals(path(r.file()))) {
                lines.add(r.line());
            }
        }
        return new ArrayList<>(lines);
    }

    @Override
    public String toString() {
        return rows.size() + " line rows" + (errors.isEmpty() ? "" : ", errors " + Arrays.toString(errors.toArray()));
    }
}
