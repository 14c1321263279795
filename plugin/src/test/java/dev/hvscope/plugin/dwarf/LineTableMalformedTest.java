package dev.hvscope.plugin.dwarf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Malformed .debug_line sections: a DwarfException per bad unit, the good units still read, nothing else escapes. */
class LineTableMalformedTest {
    private static final SourcePaths HERE = new SourcePaths(Path.of("/src"), null);

    /** A DWARF 4 unit for file "x.c": address 0x1000 line 1, special opcodes, end at 0x1008. */
    static byte[] unit4(int version) {
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        h.write(1);             // minimum_instruction_length
        h.write(1);             // maximum_operations_per_instruction
        h.write(1);             // default_is_stmt
        h.write(-5);            // line_base
        h.write(14);            // line_range
        h.write(13);            // opcode_base
        h.writeBytes(new byte[] {0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1});
        h.write(0);             // no include directories
        h.writeBytes("x.c".getBytes());
        h.writeBytes(new byte[] {0, 0, 0, 0});  // NUL, dir 0, mtime 0, length 0
        h.write(0);             // end of file names
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.writeBytes(new byte[] {0, 9, 2, 0, 0x10, 0, 0, 0, 0, 0, 0});  // DW_LNE_set_address 0x1000
        p.write(1);                                                   // copy: line 1 at 0x1000
        p.write(13 + (1 - -5) + 14 * 4);                              // special: line 2 at 0x1004
        p.writeBytes(new byte[] {0, 2, 4, 3});                        // DW_LNE_set_discriminator 3
        p.writeBytes(new byte[] {9, 4, 0});                           // fixed_advance_pc 4
        p.writeBytes(new byte[] {0, 1, 1});                           // end_sequence at 0x1008
        ByteArrayOutputStream u = new ByteArrayOutputStream();
        byte[] hb = h.toByteArray();
        byte[] pb = p.toByteArray();
        int length = 2 + 4 + hb.length + pb.length;
        u.writeBytes(le32(length));
        u.write(version);
        u.write(0);
        u.writeBytes(le32(hb.length));
        u.writeBytes(hb);
        u.writeBytes(pb);
        return u.toByteArray();
    }

    private static byte[] le32(long v) {
        return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }

    @Test
    void handBuiltUnit_decodesSpecialFixedAdvanceAndDiscriminator() {
        LineTable t = LineTable.parse(unit4(4), null, null, Map.of(), HERE);
        assertTrue(t.errors().isEmpty(), t.errors().toString());
        assertEquals(3, t.rows().size());
        assertEquals(1, t.lineAt(0x1003).orElseThrow().line());
        LineRow second = t.rowAt(0x1007).orElseThrow();
        assertEquals(2, second.line());
        assertEquals(0x1004, second.address());
        assertEquals(Path.of("/src/x.c"), t.lineAt(0x1004).orElseThrow().path());
        assertEquals(0, t.rows().get(1).discriminator());
        assertEquals(3, t.rows().get(2).discriminator(), "set_discriminator applies to the next row emitted");
        assertTrue(t.rows().get(2).endSequence());
        assertEquals(0x1008, t.rows().get(2).address());
        assertTrue(t.lineAt(0x1008).isEmpty());
    }

    @Test
    void unknownVersion_isAnErrorForThatUnit_theNextUnitIsStillRead() {
        LineTable t = LineTable.parse(concat(unit4(7), unit4(4)), null, null, Map.of(), HERE);
        assertEquals(1, t.errors().size());
        assertTrue(t.errors().get(0).contains("unsupported version 7"), t.errors().get(0));
        assertEquals(2, t.lineAt(0x1004).orElseThrow().line());
    }

    @Test
    void dwarf64Unit_isSkippedWithAClearError() {
        byte[] good = unit4(4);
        byte[] body = Arrays.copyOfRange(good, 4, good.length);
        byte[] unit64 = concat(le32(0xffff_ffffL), le32(body.length), le32(0), body);
        LineTable t = LineTable.parse(concat(unit64, good), null, null, Map.of(), HERE);
        assertEquals(1, t.errors().size());
        assertTrue(t.errors().get(0).contains("64-bit DWARF"), t.errors().get(0));
        assertEquals(3, t.rows().size());
    }

    @Test
    void garbageHeader_lineRangeZero_isAnError() {
        byte[] u = unit4(4);
        u[4 + 2 + 4 + 4] = 0;   // line_range
        LineTable t = LineTable.parse(u, null, null, Map.of(), HERE);
        assertTrue(t.rows().isEmpty());
        assertTrue(t.errors().get(0).contains("line_range 0"), t.errors().get(0));
    }

    @Test
    void headerReader_throwsDwarfExceptionOnATruncatedUnit() {
        byte[] u = unit4(4);
        DwarfReader r = new DwarfReader(".debug_line", Arrays.copyOfRange(u, 4, 12));
        DwarfException e = assertThrows(DwarfException.class, () -> LineProgramHeader.read(0, r, null, null));
        assertTrue(e.getMessage().startsWith(".debug_line: truncated"), e.getMessage());
    }

    @Test
    void everyTruncation_andRandomCorruption_endsInErrorsNeverAnIndexException() {
        byte[] good = concat(unit4(4), unit4(4));
        for (int len = 0; len < good.length; len++) {
            LineTable t = LineTable.parse(Arrays.copyOf(good, len), null, null, Map.of(), HERE);
            if (len != good.length / 2 && len != 0) {
                assertFalse(t.errors().isEmpty(), "truncated at " + len);
            }
        }
        Random rnd = new Random(6);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = good.clone();
            for (int k = 0; k < 1 + rnd.nextInt(4); k++) {
                b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
            }
            LineTable.parse(b, new byte[] {1, 2}, null, Map.of(), HERE);  // must not throw
        }
    }

    @Test
    void dwarf5StringForms_withoutTheirSections_areErrors() {
        // version 5, address size 8, no segment selector; directory format: path as line_strp
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        h.writeBytes(new byte[] {1, 1, 1, -5, 14, 13, 0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1});
        h.writeBytes(new byte[] {1, 1, 0x1f, 1, 0, 0, 0, 0});    // 1 format (path, line_strp), 1 dir at offset 0
        h.writeBytes(new byte[] {0, 0});                          // no file formats, 0 files
        byte[] hb = h.toByteArray();
        int length = 2 + 2 + 4 + hb.length;
        byte[] u = concat(le32(length), new byte[] {5, 0, 8, 0}, le32(hb.length), hb);
        LineTable t = LineTable.parse(u, null, null, Map.of(), HERE);
        assertTrue(t.errors().get(0).contains(".debug_line_str"), t.errors().get(0));
        LineTable ok = LineTable.parse(u, "/build\0".getBytes(), null, Map.of(), HERE);
        assertTrue(ok.errors().isEmpty(), ok.errors().toString());
    }

    @Test
    void corruptDebugInfo_onlyLosesCompilationDirectories() throws Exception {
        java.nio.file.Path guest = java.nio.file.Path.of(System.getProperty("hvscope.examples", "../examples"))
                .resolve("pflash-guest/pflash-guest.elf");
        byte[] elf = java.nio.file.Files.readAllBytes(guest);
        dev.hvscope.core.machine.ElfSection info = dev.hvscope.core.machine.ElfLoader.parse("g", elf).sections().stream()
                .filter(s -> s.name().equals(".debug_info")).findFirst().orElseThrow();
        Random rnd = new Random(7);
        for (int i = 0; i < 200; i++) {
            byte[] b = elf.clone();
            for (int k = 0; k < 8; k++) {
                b[(int) info.offset() + rnd.nextInt((int) Math.min(info.size(), 64))] = (byte) rnd.nextInt(256);
            }
            LineTable t = LineTable.read(dev.hvscope.core.machine.ElfLoader.parse(guest.toString(), b), null);
            assertFalse(t.rows().isEmpty());
        }
        Arrays.fill(elf, (int) info.offset(), (int) (info.offset() + 12), (byte) 0x7f);
        LineTable t = LineTable.read(dev.hvscope.core.machine.ElfLoader.parse(guest.toString(), elf), null);
        assertTrue(t.errors().get(0).startsWith(".debug_info"), t.errors().toString());
        assertEquals(21, t.addressesFor(guest.resolveSibling("pflash.c"), 21).orElseThrow().line());
    }
}
