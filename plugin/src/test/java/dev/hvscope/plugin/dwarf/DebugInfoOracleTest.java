package dev.hvscope.plugin.dwarf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hvscope.core.machine.ElfImage;
import dev.hvscope.core.machine.ElfLoader;
import dev.hvscope.core.machine.ElfSegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The .debug_info reader against gcc 12 and binutils: globals' addresses against {@code nm}, a
 * structure's layout against the {@code offsetof} values the program stores in {@code layout[]},
 * and the initial values of the globals (read from the ELF's data) formatted as gdb does.
 */
class DebugInfoOracleTest {
    static final String SOURCE = String.join("\n",
            "#include <stddef.h>",
            "#include <stdint.h>",
            "#include <stdbool.h>",
            "typedef uint64_t pte_t;",
            "enum pf_mode { PF_PASS = 0, PF_EMULATE = 1, PF_BAD = -1 };",
            "struct guest_ctx {",
            "    uint8_t id;",
            "    uint64_t sepc;",
            "    int16_t regs[3];",
            "    struct { uint32_t lo, hi; } pair;",
            "    union { uint32_t w; uint8_t b[4]; } u;",
            "    unsigned flag : 3;",
            "    unsigned kind : 5;",
            "    const char *name;",
            "    enum pf_mode mode;",
            "};",
            "volatile unsigned long exit_count = 42;",
            "static int8_t neg = -5;",
            "char letter = 'A';",
            "bool ready = true;",
            "float ratio = 1.5f;",
            "double big = -2.25;",
            "enum pf_mode pflash_mode = PF_EMULATE;",
            "pte_t gstage_root[2048] __attribute__((aligned(4096)));",
            "int grid[2][3] = {{1, 2, 3}, {4, 5, 6}};",
            "struct guest_ctx ctx = { .id = 7, .sepc = 0x80200000, .regs = {-1, 2, 3}, .pair = {10, 20},",
            "    .u = {.w = 0x11223344}, .flag = 5, .kind = 17, .name = \"vm0\", .mode = PF_BAD };",
            "const char *greeting = \"hi\";",
            "extern int declared_first;",
            "int declared_first = 9;",
            "const unsigned long layout[] = { offsetof(struct guest_ctx, id), offsetof(struct guest_ctx, sepc),",
            "    offsetof(struct guest_ctx, regs), offsetof(struct guest_ctx, pair), offsetof(struct guest_ctx, u),",
            "    offsetof(struct guest_ctx, name), offsetof(struct guest_ctx, mode), sizeof(struct guest_ctx) };",
            "int *grid_row = &grid[1][0];",
            "void _start(void)",
            "{",
            "    neg++;",
            "    exit_count++;",
            "    for (;;)",
            "        ;",
            "}",
            "");
    static final String OTHER = "int other_global = 3;\n";

    @TempDir
    static Path dir;

    @BeforeAll
    static void sources() throws Exception {
        Assumptions.assumeTrue(CrossGcc.installed(), "riscv64-unknown-elf-gcc is not installed");
        CrossGcc.write(dir, "g.c", SOURCE);
        CrossGcc.write(dir, "h.c", OTHER);
    }

    static Path build(int version, int opt) throws Exception {
        return CrossGcc.build(dir, "g" + version + opt + ".elf",
                List.of("-g", "-gdwarf-" + version, "-O" + opt, "-Wl,-Ttext=0x80000000"), "g.c", "h.c");
    }

    /** nm's data symbols: name to address. */
    static Map<String, Long> nm(Path elf) throws Exception {
        Map<String, Long> out = new HashMap<>();
        for (String l : CrossGcc.run(List.of(CrossGcc.PREFIX + "nm", elf.toString()), null).split("\n")) {
            String[] f = l.trim().split("\\s+");
            if (f.length == 3 && "DdBbRrGgSs".contains(f[1])) {
                out.put(f[2], Long.parseUnsignedLong(f[0], 16));
            }
        }
        return out;
    }

    /** The initial bytes at {@code addr} from the ELF's loadable segments. */
    static byte[] bytesAt(Path file, ElfImage elf, long addr, int n) throws Exception {
        byte[] f = Files.readAllBytes(file);
        byte[] out = new byte[n];
        for (ElfSegment s : elf.segments()) {
            if (addr >= s.vaddr() && addr + n <= s.vaddr() + s.memsz()) {
                for (int i = 0; i < n; i++) {
                    long o = addr + i - s.vaddr();
                    out[i] = o < s.filesz() ? f[(int) (s.fileOffset() + o)] : 0;
                }
                return out;
            }
        }
        throw new AssertionError("0x" + Long.toHexString(addr) + " is in no segment");
    }

    static GlobalVariable global(DebugInfo info, String name) {
        return info.global(name).orElseThrow(() -> new AssertionError("no global " + name + " in " + info.globals()));
    }

    static String value(Path file, ElfImage elf, DebugInfo info, String name) throws Exception {
        GlobalVariable g = global(info, name);
        return ValueFormat.format(g.type(), bytesAt(file, elf, g.address(), (int) g.type().size()), 0);
    }

    @ParameterizedTest(name = "DWARF {0} -O{1}")
    @CsvSource({"4,0", "4,2", "5,0", "5,2"})
    void globals_haveNmsAddresses(int version, int opt) throws Exception {
        Path elf = build(version, opt);
        DebugInfo info = DebugInfo.read(ElfLoader.read(elf));
        assertTrue(info.errors().isEmpty(), info.errors().toString());
        Map<String, Long> nm = nm(elf);
        for (String name : List.of("exit_count", "neg", "letter", "ready", "ratio", "big", "pflash_mode", "gstage_root",
                "grid", "ctx", "greeting", "declared_first", "layout", "grid_row", "other_global")) {
            assertEquals(nm.get(name), global(info, name).address(), name);
        }
        for (GlobalVariable g : info.globals()) {
            assertEquals(nm.get(g.name()), g.address(), g.name());
        }
        assertFalse(global(info, "neg").external(), "a static is not external");
        assertTrue(global(info, "exit_count").external());
    }

    @ParameterizedTest(name = "DWARF {0} -O{1}")
    @CsvSource({"4,0", "4,2", "5,0", "5,2"})
    void structLayout_matchesOffsetof(int version, int opt) throws Exception {
        Path file = build(version, opt);
        ElfImage elf = ElfLoader.read(file);
        DebugInfo info = DebugInfo.read(elf);
        GlobalVariable layout = global(info, "layout");
        assertEquals(8, layout.type().strip().count());
        byte[] b = bytesAt(file, elf, layout.address(), 64);
        DwarfType ctx = global(info, "ctx").type();
        assertEquals("struct guest_ctx", ctx.displayName());
        assertEquals(ValueFormat.raw(b, 56, 8), ctx.size());
        Map<String, Long> offsets = new HashMap<>();
        for (DwarfType.Member m : ctx.members()) {
            offsets.put(m.name(), m.offset());
        }
        String[] names = {"id", "sepc", "regs", "pair", "u", "name", "mode"};
        for (int i = 0; i < names.length; i++) {
            assertEquals(ValueFormat.raw(b, i * 8, 8), offsets.get(names[i]), names[i]);
        }
        DwarfType.Member flag = ctx.members().stream().filter(m -> m.name().equals("flag")).findFirst().orElseThrow();
        DwarfType.Member kind = ctx.members().stream().filter(m -> m.name().equals("kind")).findFirst().orElseThrow();
        assertEquals(3, flag.bitSize());
        assertEquals(5, kind.bitSize());
        assertEquals(flag.bitOffset() + 3, kind.bitOffset(), "kind follows flag");
        DwarfType pair = ctx.members().get(3).type();
        assertEquals(DwarfType.Kind.STRUCT, pair.kind());
        assertEquals(List.of("lo", "hi"), pair.members().stream().map(DwarfType.Member::name).toList());
        assertEquals(4, pair.members().get(1).offset());
        DwarfType u = ctx.members().get(4).type();
        assertEquals(DwarfType.Kind.UNION, u.kind());
        assertEquals(0, u.members().get(1).offset());
    }

    @ParameterizedTest(name = "DWARF {0} -O{1}")
    @CsvSource({"4,0", "4,2", "5,0", "5,2"})
    void arraysAndEnums_haveTheirBoundsAndNames(int version, int opt) throws Exception {
        DebugInfo info = DebugInfo.read(ElfLoader.read(build(version, opt)));
        DwarfType root = global(info, "gstage_root").type();
        assertEquals(DwarfType.Kind.ARRAY, root.kind());
        assertEquals(2048, root.count());
        assertEquals(16384, root.size());
        assertEquals("pte_t [2048]", root.displayName());
        assertEquals("uint64_t", root.target().target().name());
        DwarfType grid = global(info, "grid").type();
        assertEquals(2, grid.count());
        assertEquals(3, grid.target().count());
        assertEquals(24, grid.size());
        assertEquals("int [2][3]", grid.displayName());
        DwarfType mode = global(info, "pflash_mode").type();
        assertEquals(DwarfType.Kind.ENUM, mode.kind());
        assertEquals("PF_PASS", mode.enumerators().get(0L));
        assertEquals("PF_EMULATE", mode.enumerators().get(1L));
        assertTrue(mode.enumerators().containsValue("PF_BAD"));
        assertEquals("const char *", global(info, "greeting").type().displayName());
        assertEquals("volatile long unsigned int", global(info, "exit_count").type().displayName(), "gcc's base type name");
        assertEquals("int", global(info, "declared_first").type().displayName(), "the type comes from the declaration");
    }

    @ParameterizedTest(name = "DWARF {0} -O{1}")
    @CsvSource({"4,0", "5,2"})
    void initialValues_formatAsGdbDoes(int version, int opt) throws Exception {
        Path file = build(version, opt);
        ElfImage elf = ElfLoader.read(file);
        DebugInfo info = DebugInfo.read(elf);
        assertEquals("42", value(file, elf, info, "exit_count"));
        assertEquals("-5 '\\373'", value(file, elf, info, "neg"), "int8_t is a signed char");
        assertEquals("65 'A'", value(file, elf, info, "letter"));
        assertEquals("true", value(file, elf, info, "ready"));
        assertEquals("1.5", value(file, elf, info, "ratio"));
        assertEquals("-2.25", value(file, elf, info, "big"));
        assertEquals("PF_EMULATE", value(file, elf, info, "pflash_mode"));
        assertEquals("9", value(file, elf, info, "declared_first"));
        assertEquals("[2048]", value(file, elf, info, "gstage_root"));
        assertEquals("{...}", value(file, elf, info, "ctx"));
        assertEquals("0x" + Long.toHexString(global(info, "grid").address() + 12), value(file, elf, info, "grid_row"));
        GlobalVariable ctx = global(info, "ctx");
        byte[] b = bytesAt(file, elf, ctx.address(), (int) ctx.type().size());
        Map<String, String> members = new HashMap<>();
        for (DwarfType.Member m : ctx.type().members()) {
            members.put(m.name(), m.bitSize() > 0 ? ValueFormat.scalar(m.type(), ValueFormat.bits(b, m.bitOffset(), m.bitSize()))
                    : ValueFormat.format(m.type(), b, (int) m.offset()));
        }
        assertEquals("7 '\\a'", members.get("id"));
        assertEquals("2149580800", members.get("sepc"));
        assertEquals("5", members.get("flag"));
        assertEquals("17", members.get("kind"));
        assertEquals("PF_BAD", members.get("mode"));
        DwarfType regs = ctx.type().members().get(2).type();
        int at = (int) ctx.type().members().get(2).offset();
        assertEquals("-1", ValueFormat.format(regs.target(), b, at));
        assertEquals("2", ValueFormat.format(regs.target(), b, at + 2));
    }

    @Test
    void malformedUnit_isSkippedWithItsReason_andTheNextUnitIsRead() throws Exception {
        ElfImage elf = ElfLoader.read(build(5, 0));
        byte[] info = elf.sectionBytes(".debug_info").orElseThrow().clone();
        byte[] abbrev = elf.sectionBytes(".debug_abbrev").orElseThrow();
        byte[] str = elf.sectionBytes(".debug_str").orElse(null);
        byte[] lineStr = elf.sectionBytes(".debug_line_str").orElse(null);
        info[4] = 9; // the first unit's version
        DebugInfo bad = DebugInfo.read(info, abbrev, str, lineStr);
        assertEquals(1, bad.errors().size(), bad.errors().toString());
        assertTrue(bad.errors().get(0).contains("version 9"), bad.errors().get(0));
        assertTrue(bad.global("other_global").isPresent(), "the second unit is still read");
        assertTrue(bad.global("ctx").isEmpty());
    }

    @Test
    void truncatedOrGarbledSections_areErrors_neverExceptions() throws Exception {
        ElfImage elf = ElfLoader.read(build(4, 0));
        byte[] info = elf.sectionBytes(".debug_info").orElseThrow();
        byte[] abbrev = elf.sectionBytes(".debug_abbrev").orElseThrow();
        byte[] str = elf.sectionBytes(".debug_str").orElse(null);
        DebugInfo cut = DebugInfo.read(java.util.Arrays.copyOf(info, info.length / 2), abbrev, str, null);
        assertFalse(cut.errors().isEmpty());
        java.util.Random r = new java.util.Random(7);
        for (int i = 0; i < 200; i++) {
            byte[] g = info.clone();
            for (int k = 0; k < 8; k++) {
                g[11 + r.nextInt(g.length - 11)] = (byte) r.nextInt(256);
            }
            byte[] a = abbrev.clone();
            a[r.nextInt(a.length)] = (byte) r.nextInt(256);
            DebugInfo d = DebugInfo.read(g, a, str, null);
            for (GlobalVariable v : d.globals()) {
                v.type().displayName();
                v.type().size();
            }
        }
        DebugInfo noAbbrev = DebugInfo.read(info, new byte[] {0}, str, null);
        assertFalse(noAbbrev.errors().isEmpty());
        assertTrue(noAbbrev.globals().isEmpty());
    }
}
