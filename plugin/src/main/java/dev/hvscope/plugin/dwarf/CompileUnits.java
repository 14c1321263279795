package dev.hvscope.plugin.dwarf;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The compilation directory of each compile unit, keyed by its line table's offset
 * (DW_AT_stmt_list): DWARF 4 line tables name files relative to DW_AT_comp_dir without holding it.
 * Reads only the first DIE of each unit in {@code .debug_info} (DWARF 2 to 5, 32-bit), skipping
 * its other attributes by form; a unit it cannot read ends the scan with an error.
 */
final class CompileUnits {
    private static final int DW_AT_STMT_LIST = 0x10;
    private static final int DW_AT_COMP_DIR = 0x1b;
    private static final int DW_UT_COMPILE = 1;
    private static final int DW_UT_PARTIAL = 3;
    private static final int DW_FORM_INDIRECT = 0x16;
    private static final int DW_FORM_IMPLICIT_CONST = 0x21;

    private CompileUnits() {
    }

    /** stmt_list offset to comp_dir; problems are added to {@code errors}. Null sections give an empty map. */
    static Map<Long, String> compDirs(byte[] info, byte[] abbrev, byte[] str, byte[] lineStr, List<String> errors) {
        Map<Long, String> out = new HashMap<>();
        if (info == null || abbrev == null) {
            return out;
        }
        DwarfReader section = new DwarfReader(".debug_info", info);
        DwarfReader abbrevs = new DwarfReader(".debug_abbrev", abbrev);
        DwarfReader strs = str == null ? null : new DwarfReader(".debug_str", str);
        DwarfReader lineStrs = lineStr == null ? null : new DwarfReader(".debug_line_str", lineStr);
        try {
            while (!section.atEnd()) {
                long length = section.u32();
                if (length >= 0xffff_fff0L) {
                    throw section.error("64-bit or reserved unit length 0x" + Long.toHexString(length));
                }
                DwarfReader unit = section.slice(length);
                firstDie(unit, abbrevs, strs, lineStrs, out);
            }
        } catch (DwarfException e) {
            errors.add(e.getMessage() + " (compilation directories after it are unknown)");
        }
        return out;
    }

    private static void firstDie(DwarfReader unit, DwarfReader abbrevs, DwarfReader strs, DwarfReader lineStrs,
                                 Map<Long, String> out) {
        int version = unit.u16();
        long abbrevOffset;
        int addressSize;
        if (version >= 5) {
            int type = unit.u8();
            addressSize = unit.u8();
            abbrevOffset = unit.u32();
            if (type != DW_UT_COMPILE && type != DW_UT_PARTIAL) {
                return; // type and split units have no line table of their own here
            }
        } else if (version >= 2) {
            abbrevOffset = unit.u32();
            addressSize = unit.u8();
        } else {
            throw unit.error("unit version " + version);
        }
        long code = unit.uleb();
        if (code == 0) {
            return;
        }
        DwarfReader a = findAbbrev(abbrevs.at(abbrevOffset), code);
        Long stmtList = null;
        String compDir = null;
        while (true) {
            long attr = a.uleb();
            long form = a.uleb();
            long implicit = form == DW_FORM_IMPLICIT_CONST ? a.sleb() : 0;
            if (attr == 0 && form == 0) {
                break;
            }
            while (form == DW_FORM_INDIRECT) {
                form = unit.uleb();
            }
            Object v = value(unit, (int) form, addressSize, version, implicit, strs, lineStrs);
            if (attr == DW_AT_STMT_LIST && v instanceof Long) {
                stmtList = (Long) v;
            } else if (attr == DW_AT_COMP_DIR && v instanceof String) {
                compDir = (String) v;
            }
        }
        if (stmtList != null && compDir != null) {
            out.put(stmtList, compDir);
        }
    }

    /** The attribute specifications of abbreviation {@code code} in the table at the reader. */
    private static DwarfReader findAbbrev(DwarfReader table, long code) {
        while (true) {
            long c = table.uleb();
            if (c == 0) {
                throw table.error("abbreviation " + code + " not found");
            }
            table.uleb();   // tag
            table.u8();     // children
            if (c == code) {
                return table;
            }
            while (true) {
                long attr = table.uleb();
                long form = table.uleb();
                if (form == DW_FORM_IMPLICIT_CONST) {
                    table.sleb();
                }
                if (attr == 0 && form == 0) {
                    break;
                }
            }
        }
    }

    /** An attribute value: Long for constants and offsets, String for strings, null for what is skipped. */
    private static Object value(DwarfReader u, int form, int addressSize, int version, long implicit, DwarfReader strs,
                                DwarfReader lineStrs) {
        switch (form) {
            case 0x01: u.skip(addressSize); return null;                 // addr
            case 0x03: u.skip(u.u16()); return null;                     // block2
            case 0x04: u.skip(u.u32()); return null;                     // block4
            case 0x05: return (long) u.u16();                            // data2
            case 0x06: return u.u32();                                   // data4 (DWARF 2/3 stmt_list)
            case 0x07: return u.u64();                                   // data8
            case 0x08: return u.cstring();                               // string
            case 0x09: u.skip(u.uleb()); return null;                    // block
            case 0x0a: u.skip(u.u8()); return null;                      // block1
            case 0x0b: return (long) u.u8();                             // data1
            case 0x0c: u.skip(1); return null;                           // flag
            case 0x0d: return u.sleb();                                  // sdata
            case 0x0e: return string(u.u32(), strs);                     // strp
            case 0x0f: return u.uleb();                                  // udata
            case 0x10: u.skip(version <= 2 ? addressSize : 4); return null;  // ref_addr
            case 0x11: u.skip(1); return null;                           // ref1
            case 0x12: u.skip(2); return null;                           // ref2
            case 0x13: u.skip(4); return null;                           // ref4
            case 0x14: u.skip(8); return null;                           // ref8
            case 0x15: u.uleb(); return null;                            // ref_udata
            case 0x17: return u.u32();                                   // sec_offset
            case 0x18: u.skip(u.uleb()); return null;                    // exprloc
            case 0x19: return null;                                      // flag_present
            case 0x1a: u.uleb(); return null;                            // strx (needs .debug_str_offsets)
            case 0x1b: u.uleb(); return null;                            // addrx
            case 0x1c: u.skip(4); return null;                           // ref_sup4
            case 0x1d: u.skip(4); return null;                           // strp_sup
            case 0x1e: u.skip(16); return null;                          // data16
            case 0x1f: return string(u.u32(), lineStrs);                 // line_strp
            case 0x20: u.skip(8); return null;                           // ref_sig8
            case DW_FORM_IMPLICIT_CONST: return implicit;
            case 0x22: u.uleb(); return null;                            // loclistx
            case 0x23: u.uleb(); return null;                            // rnglistx
            case 0x24: u.skip(8); return null;                           // ref_sup8
            case 0x25: case 0x29: u.skip(1); return null;                // strx1, addrx1
            case 0x26: case 0x2a: u.skip(2); return null;                // strx2, addrx2
            case 0x27: case 0x2b: u.skip(3); return null;                // strx3, addrx3
            case 0x28: case 0x2c: u.skip(4); return null;                // strx4, addrx4
            default: throw u.error("unknown attribute form 0x" + Integer.toHexString(form));
        }
    }

    private static String string(long offset, DwarfReader table) {
        return table == null ? null : table.at(offset).cstring();
    }
}
