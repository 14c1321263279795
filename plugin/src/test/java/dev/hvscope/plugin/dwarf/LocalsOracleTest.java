package dev.hvscope.plugin.dwarf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hvscope.core.isa.RegNames;
import dev.hvscope.core.machine.ElfImage;
import dev.hvscope.core.machine.ElfLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Functions, their parameters and locals, location lists and CFA rules against gcc 12 at -O0
 * and -O2 and binutils: function ranges against {@code nm -S}, every location list entry against
 * {@code objdump --dwarf=loc}, every CFA row against {@code readelf --debug-dump=frames-interp}.
 */
class LocalsOracleTest {
    static final String SOURCE = String.join("\n",
            "struct pt { long x, y; };",
            "volatile long sink;",
            "__attribute__((noinline)) long add3(long a, long b, long c) {",
            "    long s = a + b;",
            "    { long t = s * c; sink = t; }",
            "    return s + c;",
            "}",
            "__attribute__((noinline)) long area(struct pt *p, int k) {",
            "    struct pt q = *p;",
            "    sink = q.x;",
            "    return q.x * q.y + k;",
            "}",
            "void _start(void) { struct pt p = {3, 4}; sink = add3(1, 2, 3) + area(&p, 5); for (;;) ; }",
            "");

    @TempDir
    static Path dir;

    @BeforeAll
    static void toolchain() {
        Assumptions.assumeTrue(CrossGcc.installed(), "riscv64-unknown-elf-gcc is not installed");
    }

    static Path build(String opt) throws Exception {
        CrossGcc.write(dir, "locals.c", SOURCE);
        return CrossGcc.build(dir, "locals" + opt + ".elf", List.of("-g", "-" + opt), "locals.c");
    }

    static CodeScope function(DebugInfo info, String name) {
        return info.functions().stream().filter(f -> name.equals(f.name())).findFirst().orElseThrow();
    }

    /** A frame whose register n holds 1000 + n (sp = x2 = 1002). */
    static final DwarfExpression.Frame FAKE = new DwarfExpression.Frame() {
        @Override
        public long register(int r) {
            return 1000 + r;
        }

        @Override
        public long cfa() {
            return 5000;
        }

        @Override
        public long frameBase() {
            return 7000;
        }

        @Override
        public long memory(long address, int size) {
            return 0;
        }
    };

    @ParameterizedTest
    @ValueSource(strings = {"O0", "O2"})
    void functions_coverTheirSymbolsAddressRanges(String opt) throws Exception {
        Path elf = build(opt);
        DebugInfo info = DebugInfo.read(ElfLoader.read(elf));
        String nm = CrossGcc.run(List.of(CrossGcc.PREFIX + "nm", "-S", elf.toString()), null);
        int checked = 0;
        for (String line : nm.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 4 && (f[2].equals("T") || f[2].equals("t"))) {
                long lo = Long.parseUnsignedLong(f[0], 16);
                long size = Long.parseUnsignedLong(f[1], 16);
                CodeScope fn = function(info, f[3]);
                assertEquals(lo, fn.ranges().get(0)[0], f[3]);
                assertEquals(lo + size, fn.ranges().get(fn.ranges().size() - 1)[1], f[3]);
                assertEquals(f[3], info.scopesAt(lo).get(0).name());
                checked++;
            }
        }
        assertEquals(3, checked, nm);
        List<String> params = new ArrayList<>();
        for (LocalVariable v : function(info, "add3").locals()) {
            if (v.parameter()) {
                params.add(v.name() + ":" + v.type().displayName());
            }
        }
        assertEquals(List.of("a:long int", "b:long int", "c:long int"), params);
    }

    @Test
    void atO0_parametersLiveAtFrameBaseOffsets_andTheBlockLocalOnlyInsideItsBlock() throws Exception {
        DebugInfo info = DebugInfo.read(ElfLoader.read(build("O0")));
        CodeScope add3 = function(info, "add3");
        assertEquals(0x9c, add3.frameBase()[0] & 0xff, "gcc's frame base is DW_OP_call_frame_cfa");
        LocalVariable a = add3.locals().get(0);
        byte[] e = a.location().at(add3.ranges().get(0)[0]);
        assertEquals(0x91, e[0] & 0xff, "a lives at DW_OP_fbreg N");
        DwarfExpression.Place p = DwarfExpression.evaluate(e, FAKE, 8);
        assertEquals(DwarfExpression.Place.Kind.MEMORY, p.kind());
        assertTrue(p.value() < 7000 && p.value() >= 7000 - 64, "a is in add3's frame: " + p.value());
        CodeScope block = add3.children().get(0);
        assertEquals(CodeScope.Kind.BLOCK, block.kind());
        assertEquals("t", block.locals().get(0).name());
        long inBlock = block.ranges().get(0)[0];
        List<CodeScope> chain = info.scopesAt(inBlock);
        assertEquals(List.of(add3, block), chain);
        assertEquals(List.of(add3), info.scopesAt(add3.ranges().get(0)[0]));
    }

    @ParameterizedTest
    @ValueSource(strings = {"4", "5"})
    void atO2_aParameterIsInItsArgumentRegisterAtEntry_inDwarf4LocAndDwarf5Loclists(String version) throws Exception {
        CrossGcc.write(dir, "locals.c", SOURCE);
        Path elf = CrossGcc.build(dir, "locals-v" + version + ".elf", List.of("-gdwarf-" + version, "-O2"), "locals.c");
        ElfImage image = ElfLoader.read(elf);
        assertEquals(version.equals("4"), image.sectionBytes(".debug_loc").isPresent());
        DebugInfo info = DebugInfo.read(image);
        CodeScope add3 = function(info, "add3");
        long entry = add3.ranges().get(0)[0];
        LocalVariable a = add3.locals().get(0);
        assertTrue(a.location().isList(), "at -O2 a moves: a location list");
        DwarfExpression.Place p = DwarfExpression.evaluate(a.location().at(entry), FAKE, 8);
        assertEquals(DwarfExpression.Place.Kind.REGISTER, p.kind());
        assertEquals(10, p.value(), "a0 is DWARF register 10");
        LocalVariable k = function(info, "area").locals().get(1);
        assertEquals("k", k.name());
        assertEquals(DwarfExpression.Place.Kind.REGISTER,
                DwarfExpression.evaluate(k.location().at(function(info, "area").ranges().get(0)[0]), FAKE, 8).kind());
    }

    private static final Pattern LOC_ENTRY = Pattern.compile("^\\s+([0-9a-f]{8}) ([0-9a-f]{16}) ([0-9a-f]{16}) \\((.*)\\)$");
    private static final Pattern LOC_END = Pattern.compile("^\\s+([0-9a-f]{8}) <End of list>$");
    private static final Pattern REG = Pattern.compile("^DW_OP_reg(\\d+) \\([a-z0-9]+\\)$");

    @Test
    void atO2_everyLocationListEntryMatchesObjdump() throws Exception {
        Path elf = build("O2");
        DebugInfo info = DebugInfo.read(ElfLoader.read(elf));
        String dump = CrossGcc.run(List.of(CrossGcc.PREFIX + "objdump", "--dwarf=loc", elf.toString()), null);
        Map<Long, List<String[]>> lists = new HashMap<>();
        Long open = null;
        for (String line : dump.split("\n")) {
            Matcher m = LOC_ENTRY.matcher(line);
            if (m.matches()) {
                long off = Long.parseLong(m.group(1), 16);
                if (open == null) {
                    open = off;
                    lists.put(open, new ArrayList<>());
                }
                lists.get(open).add(new String[] {m.group(2), m.group(3), m.group(4)});
            } else if (LOC_END.matcher(line).matches()) {
                open = null;
            }
        }
        assertFalse(lists.isEmpty(), dump);
        int entries = 0;
        for (CodeScope f : info.functions()) {
            for (LocalVariable v : all(f)) {
                if (v.location() == null || !v.location().isList()) {
                    continue;
                }
                List<String[]> list = lists.get(v.location().listOffset());
                assertNotNull(list, v.name() + " at list 0x" + Long.toHexString(v.location().listOffset()));
                for (String[] entry : list) {
                    long lo = Long.parseUnsignedLong(entry[0], 16);
                    long hi = Long.parseUnsignedLong(entry[1], 16);
                    for (long pc : new long[] {lo, hi - 2}) {
                        byte[] e = v.location().at(pc);
                        assertNotNull(e, v.name() + " at " + Long.toHexString(pc));
                        DwarfExpression.Place p = DwarfExpression.evaluate(e, FAKE, 8);
                        Matcher reg = REG.matcher(entry[2]);
                        if (reg.matches()) {
                            assertEquals(DwarfExpression.Place.Kind.REGISTER, p.kind(), entry[2]);
                            assertEquals(Long.parseLong(reg.group(1)), p.value(), entry[2]);
                        } else if (entry[2].contains("entry_value")) {
                            assertEquals(DwarfExpression.Place.Kind.OPTIMIZED_OUT, p.kind(), entry[2]);
                        } else if (entry[2].contains("piece")) {
                            assertEquals(DwarfExpression.Place.Kind.PIECES, p.kind(), entry[2]);
                        }
                    }
                    entries++;
                }
                String[] last = list.get(list.size() - 1);
                long after = Long.parseUnsignedLong(last[1], 16);
                boolean covered = list.stream().anyMatch(x -> Long.parseUnsignedLong(x[0], 16) <= after
                        && after < Long.parseUnsignedLong(x[1], 16));
                if (!covered) {
                    assertNull(v.location().at(after), v.name() + " past its list");
                }
            }
        }
        assertTrue(entries >= 6, "entries checked: " + entries);
        LocalVariable t = function(info, "add3").children().stream().filter(c -> c.kind() == CodeScope.Kind.BLOCK)
                .findFirst().orElseThrow().locals().get(0);
        assertEquals("t", t.name());
    }

    static List<LocalVariable> all(CodeScope s) {
        List<LocalVariable> out = new ArrayList<>(s.locals());
        for (CodeScope c : s.children()) {
            out.addAll(all(c));
        }
        return out;
    }

    private static final Pattern FDE = Pattern.compile("FDE cie=\\S+ pc=([0-9a-f]+)\\.\\.([0-9a-f]+)");
    private static final Pattern ROW = Pattern.compile("^([0-9a-f]{16}) ([a-z0-9]+)\\+(\\d+)\\s.*");

    @ParameterizedTest
    @ValueSource(strings = {"O0", "O2"})
    void cfaRules_matchReadelfAtEveryRow(String opt) throws Exception {
        Path elf = build(opt);
        DebugInfo info = DebugInfo.read(ElfLoader.read(elf));
        String dump = CrossGcc.run(List.of(CrossGcc.PREFIX + "readelf", "--debug-dump=frames-interp", elf.toString()), null);
        int rows = 0;
        boolean inFde = false;
        for (String line : dump.split("\n")) {
            if (line.contains(" CIE ")) {
                inFde = false;
            }
            if (FDE.matcher(line).find()) {
                inFde = true;
            }
            Matcher m = ROW.matcher(line + " ");
            if (inFde && m.matches()) {
                long pc = Long.parseUnsignedLong(m.group(1), 16);
                Optional<CallFrames.Cfa> cfa = info.callFrames().cfa(pc);
                assertTrue(cfa.isPresent(), line);
                assertEquals(m.group(2), RegNames.x(cfa.get().register()).replace("fp", "s0"), line);
                assertEquals(Long.parseLong(m.group(3)), cfa.get().offset(), line);
                rows++;
            }
        }
        assertTrue(rows >= 3, dump);
    }

    @Test
    void corruptSections_areDwarfExceptionsOrEmpty_neverOtherExceptions() throws Exception {
        ElfImage elf = ElfLoader.read(build("O2"));
        byte[] info = elf.sectionBytes(".debug_info").orElseThrow();
        byte[] abbrev = elf.sectionBytes(".debug_abbrev").orElseThrow();
        byte[] str = elf.sectionBytes(".debug_str").orElse(null);
        byte[] lineStr = elf.sectionBytes(".debug_line_str").orElse(null);
        byte[] rng = elf.sectionBytes(".debug_rnglists").orElseThrow();
        byte[] loc = elf.sectionBytes(".debug_loclists").orElseThrow();
        byte[] frame = elf.sectionBytes(".debug_frame").orElseThrow();
        Random random = new Random(6);
        for (int round = 0; round < 300; round++) {
            byte[] l = loc.clone();
            byte[] r = rng.clone();
            byte[] f = frame.clone();
            for (byte[] b : List.of(l, r, f)) {
                for (int k = 0; k < 3; k++) {
                    b[random.nextInt(b.length)] = (byte) random.nextInt();
                }
            }
            byte[] cut = java.util.Arrays.copyOf(f, random.nextInt(f.length));
            for (byte[] fr : List.of(f, cut)) {
                DebugInfo d = DebugInfo.read(info, abbrev, str, lineStr, r, l, fr);
                for (long pc = 0x100e8; pc < 0x10200; pc += 2) {
                    try {
                        d.callFrames().cfa(pc);
                    } catch (DwarfException expected) {
                        // a corrupt FDE is reported when its pc is asked for
                    }
                    for (CodeScope s : d.scopesAt(pc)) {
                        for (LocalVariable v : s.locals()) {
                            try {
                                byte[] e = v.location() == null ? null : v.location().at(pc);
                                if (e != null) {
                                    DwarfExpression.evaluate(e, FAKE, 8);
                                }
                            } catch (DwarfException expected) {
                                // a corrupt list or expression is reported, not thrown as something else
                            }
                        }
                    }
                }
            }
        }
    }
}
