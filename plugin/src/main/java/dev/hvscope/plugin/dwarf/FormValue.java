package dev.hvscope.plugin.dwarf;

/**
 * Reads one attribute value by its form. Constants come back as {@link Long} (data forms
 * unsigned, sdata signed), strings as {@link String}, blocks and expressions as {@code byte[]},
 * flags as {@link Boolean}, and references as a {@link Ref} holding the {@code .debug_info}
 * offset. Forms that need the split-DWARF index sections (strx, addrx) are an error.
 */
final class FormValue {
    /** A reference to a DIE by its offset in {@code .debug_info}. */
    record Ref(long offset) {
    }

    /** What the reader needs to know of the unit being read. */
    record Unit(long start, int version, int addressSize, DwarfReader str, DwarfReader lineStr) {
    }

    private FormValue() {
    }

    static Object read(DwarfReader u, int form, long implicit, Unit unit) {
        switch (form) {
            case 0x01: return u.unsigned(unit.addressSize());                  // addr
            case 0x03: return u.bytes(u.u16());                               // block2
            case 0x04: return u.bytes(u.u32());                               // block4
            case 0x05: return (long) u.u16();                                 // data2
            case 0x06: return u.u32();                                        // data4
            case 0x07: return u.u64();                                        // data8
            case 0x08: return u.cstring();                                    // string
            case 0x09: return u.bytes(u.uleb());                              // block
            case 0x0a: return u.bytes(u.u8());                                // block1
            case 0x0b: return (long) u.u8();                                  // data1
            case 0x0c: return u.u8() != 0;                                    // flag
            case 0x0d: return u.sleb();                                       // sdata
            case 0x0e: return string(u, u.u32(), unit.str(), ".debug_str");   // strp
            case 0x0f: return u.uleb();                                       // udata
            case 0x10: return new Ref(unit.version() <= 2 ? u.unsigned(unit.addressSize()) : u.u32()); // ref_addr
            case 0x11: return new Ref(unit.start() + u.u8());                // ref1
            case 0x12: return new Ref(unit.start() + u.u16());               // ref2
            case 0x13: return new Ref(unit.start() + u.u32());               // ref4
            case 0x14: return new Ref(unit.start() + u.u64());               // ref8
            case 0x15: return new Ref(unit.start() + u.uleb());              // ref_udata
            case 0x17: return u.u32();                                        // sec_offset
            case 0x18: return u.bytes(u.uleb());                              // exprloc
            case 0x19: return Boolean.TRUE;                                   // flag_present
            case 0x1c: u.skip(4); return null;                                // ref_sup4
            case 0x1d: u.skip(4); return null;                                // strp_sup
            case 0x1e: return u.bytes(16);                                    // data16
            case 0x1f: return string(u, u.u32(), unit.lineStr(), ".debug_line_str"); // line_strp
            case 0x20: u.skip(8); return null;                                // ref_sig8 (type units are not read)
            case Abbrev.DW_FORM_IMPLICIT_CONST: return implicit;
            case 0x22: u.uleb(); return null;                                 // loclistx
            case 0x23: u.uleb(); return null;                                 // rnglistx
            case 0x24: u.skip(8); return null;                                // ref_sup8
            case 0x1a: case 0x1b: case 0x25: case 0x26: case 0x27: case 0x28: case 0x29: case 0x2a: case 0x2b: case 0x2c:
                throw u.error("form 0x" + Integer.toHexString(form)
                        + " (strx/addrx) needs .debug_str_offsets/.debug_addr, which are not read (split DWARF?)");
            default:
                throw u.error("unknown attribute form 0x" + Integer.toHexString(form));
        }
    }

    private static String string(DwarfReader u, long offset, DwarfReader table, String name) {
        if (table == null) {
            throw u.error("a string form refers to " + name + ", which the ELF lacks");
        }
        return table.at(offset).cstring();
    }
}
