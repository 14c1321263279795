package dev.hvscope.plugin.dwarf;

import dev.hvscope.core.machine.ElfImage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The global variables of one ELF and their types, from {@code .debug_info} and
 * {@code .debug_abbrev} (DWARF 2 to 5, 32-bit units, as gcc emits without split DWARF). Only
 * what a debugger's variables view needs is kept: file-scope variables with a DW_OP_addr
 * location, and base, pointer, typedef, qualifier, array, structure, union and enumeration
 * types. A unit that cannot be read is left out and its reason kept in {@link #errors()}.
 */
public final class DebugInfo {
    private final Map<String, GlobalVariable> globals;
    private final List<String> errors;

    private DebugInfo(Map<String, GlobalVariable> globals, List<String> errors) {
        this.globals = globals;
        this.errors = List.copyOf(errors);
    }

    public static DebugInfo read(ElfImage elf) {
        Optional<byte[]> info = elf.sectionBytes(".debug_info");
        Optional<byte[]> abbrev = elf.sectionBytes(".debug_abbrev");
        if (info.isEmpty() || abbrev.isEmpty()) {
            return new DebugInfo(Map.of(), List.of(elf.name() + " has no .debug_info"));
        }
        return read(info.get(), abbrev.get(), elf.sectionBytes(".debug_str").orElse(null),
                elf.sectionBytes(".debug_line_str").orElse(null));
    }

    /** From raw section bytes; {@code str} and {@code lineStr} may be null. */
    public static DebugInfo read(byte[] info, byte[] abbrev, byte[] str, byte[] lineStr) {
        DwarfReader section = new DwarfReader(".debug_info", info);
        DwarfReader abbrevs = new DwarfReader(".debug_abbrev", abbrev);
        DwarfReader strs = str == null ? null : new DwarfReader(".debug_str", str);
        DwarfReader lineStrs = lineStr == null ? null : new DwarfReader(".debug_line_str", lineStr);
        Map<String, GlobalVariable> globals = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        Map<Long, Map<Long, Abbrev>> tables = new HashMap<>();
        while (!section.atEnd()) {
            long start = section.position();
            DwarfReader unit;
            try {
                long length = section.u32();
                if (length >= 0xffff_fff0L) {
                    throw section.error("64-bit or reserved unit length 0x" + Long.toHexString(length));
                }
                unit = section.slice(length);
            } catch (DwarfException e) {
                errors.add(e.getMessage() + " (units after it are not read)");
                break;
            }
            try {
                for (GlobalVariable g : new InfoUnit(start, unit, abbrevs, tables, strs, lineStrs).globals()) {
                    globals.putIfAbsent(g.name(), g);
                }
            } catch (DwarfException e) {
                errors.add("unit at 0x" + Long.toHexString(start) + ": " + e.getMessage());
            }
        }
        return new DebugInfo(globals, errors);
    }

    /** Every global, in the order the units define them. */
    public List<GlobalVariable> globals() {
        return List.copyOf(globals.values());
    }

    public Optional<GlobalVariable> global(String name) {
        return Optional.ofNullable(globals.get(name));
    }

    /** Why units were left out. */
    public List<String> errors() {
        return errors;
    }
}
