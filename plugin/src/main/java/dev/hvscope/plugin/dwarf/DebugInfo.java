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
    private final List<CodeScope> functions;
    private CallFrames frames = CallFrames.none();

    private DebugInfo(Map<String, GlobalVariable> globals, List<String> errors, List<CodeScope> functions) {
        this.globals = globals;
        this.errors = List.copyOf(errors);
        this.functions = List.copyOf(functions);
    }

    public static DebugInfo read(ElfImage elf) {
        Optional<byte[]> info = elf.sectionBytes(".debug_info");
        Optional<byte[]> abbrev = elf.sectionBytes(".debug_abbrev");
        if (info.isEmpty() || abbrev.isEmpty()) {
            return new DebugInfo(Map.of(), List.of(elf.name() + " has no .debug_info"), List.of());
        }
        DebugInfo d = read(info.get(), abbrev.get(), elf.sectionBytes(".debug_str").orElse(null),
                elf.sectionBytes(".debug_line_str").orElse(null),
                CodeSections.of(elf.sectionBytes(".debug_rnglists").orElse(null), elf.sectionBytes(".debug_ranges").orElse(null),
                        elf.sectionBytes(".debug_loclists").orElse(null), elf.sectionBytes(".debug_loc").orElse(null)));
        Optional<byte[]> frame = elf.sectionBytes(".debug_frame");
        if (frame.isPresent()) {
            d.frames = CallFrames.read(frame.get(), 8);
        }
        return d;
    }

    /** From raw section bytes; {@code str} and {@code lineStr} may be null. */
    public static DebugInfo read(byte[] info, byte[] abbrev, byte[] str, byte[] lineStr) {
        return read(info, abbrev, str, lineStr, CodeSections.none());
    }

    /** From raw section bytes, with the range and location list sections (each may be null) and {@code .debug_frame} (may be null). */
    public static DebugInfo read(byte[] info, byte[] abbrev, byte[] str, byte[] lineStr, byte[] rnglists, byte[] loclists,
                                 byte[] frame) {
        DebugInfo d = read(info, abbrev, str, lineStr, CodeSections.of(rnglists, null, loclists, null));
        if (frame != null) {
            d.frames = CallFrames.read(frame, 8);
        }
        return d;
    }

    private static DebugInfo read(byte[] info, byte[] abbrev, byte[] str, byte[] lineStr, CodeSections code) {
        List<CodeScope> functions = new ArrayList<>();
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
                InfoUnit iu = new InfoUnit(start, unit, abbrevs, tables, strs, lineStrs, code);
                for (GlobalVariable g : iu.globals()) {
                    globals.putIfAbsent(g.name(), g);
                }
                functions.addAll(iu.functions());
            } catch (DwarfException e) {
                errors.add("unit at 0x" + Long.toHexString(start) + ": " + e.getMessage());
            }
        }
        return new DebugInfo(globals, errors, functions);
    }

    /** Every function with code, in unit order. */
    public List<CodeScope> functions() {
        return functions;
    }

    /** The function covering {@code pc}, then the blocks and inlined calls inside it covering it, outermost first; empty when none does. */
    public List<CodeScope> scopesAt(long pc) {
        for (CodeScope f : functions) {
            if (f.covers(pc)) {
                return f.chain(pc);
            }
        }
        return List.of();
    }

    /** The CFA rules of {@code .debug_frame} (none when the ELF lacks it). */
    public CallFrames callFrames() {
        return frames;
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
