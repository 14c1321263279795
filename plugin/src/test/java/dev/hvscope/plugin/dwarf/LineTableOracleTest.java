package dev.hvscope.plugin.dwarf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hvscope.core.machine.ElfLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The reader against binutils: small C programs built with gcc 12 as DWARF 4 and 5, at -O0 and
 * -O2, decoded by us and by {@code objdump --dwarf=decodedline}; every row must agree.
 */
class LineTableOracleTest {
    private static final Pattern ROW = Pattern.compile("^(\\S+)\\s+(\\d+|-)\\s+0x([0-9a-f]+)(?:\\s+\\d+)?(\\s+x)?\\s*$");

    @TempDir
    static Path dir;

    @BeforeAll
    static void sources() throws Exception {
        Assumptions.assumeTrue(CrossGcc.installed(), "riscv64-unknown-elf-gcc is not installed");
        CrossGcc.write(dir, "inc.h", "static inline int twice(int x)\n{\n    return x * 2;\n}\n");
        CrossGcc.write(dir, "a.c", String.join("\n",
                "#include \"inc.h\"",
                "volatile int sink;",
                "int add(int a, int b)",
                "{",
                "    int s = a + b;",
                "    for (int i = 0; i < a; i++)",
                "        s += twice(i);",
                "    return s;",
                "}",
                "",
                "int scale(int v);",
                "void _start(void)",
                "{",
                "    sink = add(3, 4);",
                "",
                "    sink = twice(sink);",
                "    sink = scale(sink);",
                "    for (;;)",
                "        ;",
                "}",
                ""));
        CrossGcc.write(dir, "b.c", String.join("\n",
                "#include \"inc.h\"",
                "int scale(int v)",
                "{",
                "    if (v > 100)",
                "        return twice(v) + 1;",
                "    return v - twice(3);",
                "}",
                ""));
    }

    private static Path build(int version, int opt) throws Exception {
        return CrossGcc.build(dir, "t" + version + opt + ".elf",
                List.of("-g", "-gdwarf-" + version, "-O" + opt), "a.c", "b.c");
    }

    /** objdump's rows: file name, line (-1 for an end of sequence), address, is_stmt. */
    private static List<String> oracle(Path elf) throws Exception {
        String out = CrossGcc.run(List.of(CrossGcc.PREFIX + "objdump", "--dwarf=decodedline", elf.toString()), null);
        List<String> rows = new ArrayList<>();
        for (String l : out.split("\n")) {
            Matcher m = ROW.matcher(l);
            if (m.matches()) {
                boolean end = m.group(2).equals("-");
                rows.add(end ? "end " + Long.parseUnsignedLong(m.group(3), 16)
                        : m.group(1) + ":" + m.group(2) + " " + Long.parseUnsignedLong(m.group(3), 16)
                        + (m.group(4) != null ? " stmt" : ""));
            }
        }
        return rows;
    }

    private static List<String> ours(LineTable t) {
        List<String> rows = new ArrayList<>();
        for (LineRow r : t.rows()) {
            String name = Path.of(r.file()).getFileName().toString();
            rows.add(r.endSequence() ? "end " + r.address()
                    : name + ":" + r.line() + " " + r.address() + (r.isStmt() ? " stmt" : ""));
        }
        return rows;
    }

    @ParameterizedTest(name = "DWARF {0} -O{1}")
    @CsvSource({"4,0", "4,2", "5,0", "5,2"})
    void everyRow_matchesObjdumpDecodedLine(int version, int opt) throws Exception {
        Path elf = build(version, opt);
        LineTable t = LineTable.read(ElfLoader.read(elf), null);
        assertTrue(t.errors().isEmpty(), t.errors().toString());
        List<String> expected = oracle(elf);
        assertFalse(expected.isEmpty());
        assertEquals(expected, ours(t));
    }

    @ParameterizedTest(name = "DWARF {0} -O{1}")
    @CsvSource({"4,0", "4,2", "5,0", "5,2"})
    void lineAt_everyAddress_isTheLastRowAtOrBelowIt(int version, int opt) throws Exception {
        Path elf = build(version, opt);
        LineTable t = LineTable.read(ElfLoader.read(elf), null);
        List<LineRow> rows = t.rows();
        for (int i = 0; i + 1 < rows.size(); i++) {
            LineRow r = rows.get(i);
            LineRow next = rows.get(i + 1);
            if (r.endSequence() || next.address() == r.address()) {
                continue;
            }
            for (long pc = r.address(); pc < next.address(); pc += 2) {
                Optional<SourceLocation> at = t.lineAt(pc);
                assertTrue(at.isPresent(), "no row for 0x" + Long.toHexString(pc));
                assertEquals(r.line(), at.get().line(), "line at 0x" + Long.toHexString(pc));
                assertEquals(dir.resolve(Path.of(r.file()).getFileName()).toRealPath(), at.get().path().toRealPath());
            }
        }
        LineRow last = rows.get(rows.size() - 1);
        assertTrue(last.endSequence());
        assertTrue(t.lineAt(last.address()).isEmpty(), "the end of a sequence is past the code");
    }

    @ParameterizedTest(name = "DWARF {0}")
    @CsvSource({"4", "5"})
    void relativeNames_resolveAgainstTheCompilationDirectory_notTheElfs(int version) throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("src"));
        java.nio.file.Files.createDirectories(dir.resolve("out"));
        CrossGcc.write(dir.resolve("src"), "c.c", "void _start(void)\n{\n    for (;;)\n        ;\n}\n");
        Path elf = CrossGcc.build(dir, "out/c" + version + ".elf", List.of("-g", "-gdwarf-" + version), "src/c.c");
        LineTable t = LineTable.read(ElfLoader.read(elf), null);
        assertTrue(t.errors().isEmpty(), t.errors().toString());
        SourceLocation at = t.lineAt(t.rows().get(0).address()).orElseThrow();
        assertEquals(dir.resolve("src/c.c").toRealPath(), at.path().toRealPath());
        assertEquals(2, t.addressesFor(dir.resolve("src/c.c"), 1).orElseThrow().line());
    }

    @Test
    void sourceRoot_findsRelativeNamesTheElfsDirectoryLacks() throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("tree/lib"));
        java.nio.file.Files.createDirectories(dir.resolve("bin"));
        CrossGcc.write(dir.resolve("tree/lib"), "d.c", "void _start(void)\n{\n    for (;;)\n        ;\n}\n");
        Path elf = CrossGcc.build(dir.resolve("tree"), "../bin/d.elf",
                List.of("-g", "-ffile-prefix-map=" + dir.resolve("tree") + "=."), "lib/d.c");
        long pc = LineTable.read(ElfLoader.read(elf), null).rows().get(0).address();
        // ./lib/d.c is not next to bin/d.elf; with the source root it is found
        assertFalse(java.nio.file.Files.exists(LineTable.read(ElfLoader.read(elf), null).lineAt(pc).orElseThrow().path()));
        LineTable rooted = LineTable.read(ElfLoader.read(elf), dir.resolve("tree"));
        assertEquals(dir.resolve("tree/lib/d.c").toRealPath(), rooted.lineAt(pc).orElseThrow().path().toRealPath());
    }

    @ParameterizedTest(name = "DWARF {0} -O{1}")
    @CsvSource({"4,0", "4,2", "5,0", "5,2"})
    void addressesFor_givesStatementRowsObjdumpLists(int version, int opt) throws Exception {
        Path elf = build(version, opt);
        LineTable t = LineTable.read(ElfLoader.read(elf), null);
        // line 14 of a.c (sink = add(3, 4)) has code at every level
        LineMatch m = t.addressesFor(dir.resolve("a.c"), 14).orElseThrow();
        assertEquals(14, m.line());
        assertFalse(m.addresses().isEmpty());
        List<String> oracle = oracle(elf);
        for (long a : m.addresses()) {
            assertTrue(oracle.contains("a.c:14 " + a + " stmt"), "0x" + Long.toHexString(a) + " in " + oracle);
            assertTrue(t.isStatement(a));
        }
        // at -O0 the line is one run of code: addr2line names it too
        if (opt == 0) {
            assertEquals(1, m.addresses().size());
            String where = CrossGcc.run(List.of(CrossGcc.PREFIX + "addr2line", "-e", elf.toString(),
                    Long.toHexString(m.addresses().get(0))), null).trim();
            assertTrue(where.endsWith("a.c:14"), where);
        }
        // line 15 is blank: the breakpoint moves to line 16
        assertEquals(16, t.addressesFor(dir.resolve("a.c"), 15).orElseThrow().line());
        // a client path elsewhere with the same name still matches by suffix
        assertEquals(14, t.addressesFor(Path.of("/elsewhere/src/a.c"), 14).orElseThrow().line());
        assertTrue(t.addressesFor(dir.resolve("nothere.c"), 3).isEmpty());
        assertTrue(t.addressesFor(dir.resolve("a.c"), 500).isEmpty());
    }
}
