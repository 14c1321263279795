package dev.hvscope.plugin.dwarf;

import java.util.ArrayList;
import java.util.List;

/**
 * The header of one line number program (DWARF 4 section 6.2.4, DWARF 5 section 6.2.4), 32-bit
 * DWARF only. DWARF 5 describes its directory and file tables with entry formats (pairs of
 * DW_LNCT content code and DW_FORM); strings may live in {@code .debug_line_str} or {@code .debug_str}.
 */
public final class LineProgramHeader {
    // DW_LNCT content codes (DWARF 5 table 7.27)
    static final int DW_LNCT_PATH = 1;
    static final int DW_LNCT_DIRECTORY_INDEX = 2;
    static final int DW_LNCT_MD5 = 5;
    // DW_FORM codes (DWARF 5 table 7.6) a line table header may use
    static final int DW_FORM_DATA2 = 0x05;
    static final int DW_FORM_DATA4 = 0x06;
    static final int DW_FORM_DATA8 = 0x07;
    static final int DW_FORM_STRING = 0x08;
    static final int DW_FORM_BLOCK = 0x09;
    static final int DW_FORM_DATA1 = 0x0b;
    static final int DW_FORM_STRP = 0x0e;
    static final int DW_FORM_UDATA = 0x0f;
    static final int DW_FORM_DATA16 = 0x1e;
    static final int DW_FORM_LINE_STRP = 0x1f;

    public final long unitOffset;
    public final int version;
    public final int addressSize;
    public final int minimumInstructionLength;
    public final int maximumOperationsPerInstruction;
    public final boolean defaultIsStmt;
    public final int lineBase;
    public final int lineRange;
    public final int opcodeBase;
    public final int[] standardOpcodeLengths;
    public final List<String> directories;
    public final List<FileEntry> files;

    private LineProgramHeader(long unitOffset, int version, int addressSize, int minInst, int maxOps, boolean isStmt,
                              int lineBase, int lineRange, int opcodeBase, int[] lengths, List<String> dirs,
                              List<FileEntry> files) {
        this.unitOffset = unitOffset;
        this.version = version;
        this.addressSize = addressSize;
        this.minimumInstructionLength = minInst;
        this.maximumOperationsPerInstruction = maxOps;
        this.defaultIsStmt = isStmt;
        this.lineBase = lineBase;
        this.lineRange = lineRange;
        this.opcodeBase = opcodeBase;
        this.standardOpcodeLengths = lengths;
        this.directories = List.copyOf(dirs);
        this.files = List.copyOf(files);
    }

    /**
     * Reads a header from {@code unit} (the bytes after unit_length, up to the unit's end) and
     * leaves it at the first opcode. {@code lineStr}/{@code str} may be null when the ELF lacks them.
     */
    static LineProgramHeader read(long unitOffset, DwarfReader unit, DwarfReader lineStr, DwarfReader str) {
        int version = unit.u16();
        if (version < 2 || version > 5) {
            throw unit.error("line table at 0x" + Long.toHexString(unitOffset) + " has unsupported version " + version);
        }
        int addressSize = 8;
        if (version >= 5) {
            addressSize = unit.u8();
            int segSel = unit.u8();
            if (segSel != 0) {
                throw unit.error("line table at 0x" + Long.toHexString(unitOffset) + " uses segment selectors");
            }
        }
        long headerLength = unit.u32();
        DwarfReader h = unit.slice(headerLength);
        int minInst = h.u8();
        int maxOps = version >= 4 ? h.u8() : 1;
        boolean isStmt = h.u8() != 0;
        int lineBase = h.s8();
        int lineRange = h.u8();
        int opcodeBase = h.u8();
        if (lineRange == 0 || opcodeBase == 0 || maxOps == 0) {
            throw h.error("line table at 0x" + Long.toHexString(unitOffset) + " has line_range " + lineRange
                    + ", opcode_base " + opcodeBase + ", maximum_operations_per_instruction " + maxOps);
        }
        int[] lengths = new int[opcodeBase - 1];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = h.u8();
        }
        List<String> dirs = new ArrayList<>();
        List<FileEntry> files = new ArrayList<>();
        if (version >= 5) {
            for (EntryFields e : entries(h, lineStr, str)) {
                dirs.add(e.path);
            }
            for (EntryFields e : entries(h, lineStr, str)) {
                files.add(new FileEntry(e.path, e.dir, e.md5));
            }
        } else {
            for (String d = h.cstring(); !d.isEmpty(); d = h.cstring()) {
                dirs.add(d);
            }
            for (String f = h.cstring(); !f.isEmpty(); f = h.cstring()) {
                long dir = h.uleb();
                h.uleb(); // modification time
                h.uleb(); // length
                files.add(new FileEntry(f, dir, null));
            }
        }
        return new LineProgramHeader(unitOffset, version, addressSize, minInst, maxOps, isStmt, lineBase, lineRange,
                opcodeBase, lengths, dirs, files);
    }

    /** The fields of one DWARF 5 directory or file entry that matter here. */
    private static final class EntryFields {
        String path = "";
        long dir;
        byte[] md5;
    }

    /** A DWARF 5 entry-format list followed by the entries it describes. */
    private static List<EntryFields> entries(DwarfReader h, DwarfReader lineStr, DwarfReader str) {
        int formatCount = h.u8();
        long[] codes = new long[formatCount];
        long[] forms = new long[formatCount];
        for (int i = 0; i < formatCount; i++) {
            codes[i] = h.uleb();
            forms[i] = h.uleb();
        }
        long count = h.uleb();
        if (count > h.limit() - h.position()) {    // each entry takes at least a byte unless it is empty
            if (formatCount > 0) {
                throw h.error("entry count " + count + " exceeds the header");
            }
        }
        List<EntryFields> out = new ArrayList<>();
        for (long n = 0; n < count; n++) {
            EntryFields e = new EntryFields();
            for (int i = 0; i < formatCount; i++) {
                Object v = form(h, (int) forms[i], lineStr, str);
                if (codes[i] == DW_LNCT_PATH) {
                    if (!(v instanceof String)) {
                        throw h.error("DW_LNCT_path with a non-string form 0x" + Long.toHexString(forms[i]));
                    }
                    e.path = (String) v;
                } else if (codes[i] == DW_LNCT_DIRECTORY_INDEX) {
                    if (!(v instanceof Long)) {
                        throw h.error("DW_LNCT_directory_index with a non-constant form 0x" + Long.toHexString(forms[i]));
                    }
                    e.dir = (Long) v;
                } else if (codes[i] == DW_LNCT_MD5 && v instanceof byte[] && ((byte[]) v).length == 16) {
                    e.md5 = (byte[]) v;
                }
            }
            out.add(e);
        }
        return out;
    }

    /** One attribute value: a String, a Long or a byte[] (data16, block). */
    private static Object form(DwarfReader h, int form, DwarfReader lineStr, DwarfReader str) {
        switch (form) {
            case DW_FORM_STRING: return h.cstring();
            case DW_FORM_LINE_STRP: return string(h, lineStr, ".debug_line_str");
            case DW_FORM_STRP: return string(h, str, ".debug_str");
            case DW_FORM_UDATA: return h.uleb();
            case DW_FORM_DATA1: return (long) h.u8();
            case DW_FORM_DATA2: return (long) h.u16();
            case DW_FORM_DATA4: return h.u32();
            case DW_FORM_DATA8: return h.u64();
            case DW_FORM_DATA16: return h.bytes(16);
            case DW_FORM_BLOCK: return h.bytes(h.uleb());
            default: throw h.error("unsupported form 0x" + Integer.toHexString(form) + " in a line table header");
        }
    }

    private static String string(DwarfReader h, DwarfReader table, String name) {
        long off = h.u32();
        if (table == null) {
            throw h.error("a string refers to " + name + ", which the ELF does not have");
        }
        return table.at(off).cstring();
    }
}
