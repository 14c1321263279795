package dev.hvscope.plugin.dwarf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one compilation unit's DIE tree: every type DIE becomes a {@link DwarfType} (linked to
 * its target by offset once the unit is read), and the unit's top-level variables with a fixed
 * address become {@link GlobalVariable}s, taking name and type from the declaration their
 * DW_AT_specification points at when they have none.
 */
final class InfoUnit {
    // tags
    private static final int DW_TAG_ARRAY_TYPE = 0x01;
    private static final int DW_TAG_FORMAL_PARAMETER = 0x05;
    private static final int DW_TAG_LEXICAL_BLOCK = 0x0b;
    private static final int DW_TAG_INLINED_SUBROUTINE = 0x1d;
    private static final int DW_TAG_SUBPROGRAM = 0x2e;
    private static final int DW_TAG_ENUMERATION_TYPE = 0x04;
    private static final int DW_TAG_MEMBER = 0x0d;
    private static final int DW_TAG_POINTER_TYPE = 0x0f;
    private static final int DW_TAG_COMPILE_UNIT = 0x11;
    private static final int DW_TAG_STRUCTURE_TYPE = 0x13;
    private static final int DW_TAG_SUBROUTINE_TYPE = 0x15;
    private static final int DW_TAG_TYPEDEF = 0x16;
    private static final int DW_TAG_UNION_TYPE = 0x17;
    private static final int DW_TAG_SUBRANGE_TYPE = 0x21;
    private static final int DW_TAG_BASE_TYPE = 0x24;
    private static final int DW_TAG_CONST_TYPE = 0x26;
    private static final int DW_TAG_ENUMERATOR = 0x28;
    private static final int DW_TAG_VARIABLE = 0x34;
    private static final int DW_TAG_VOLATILE_TYPE = 0x35;
    private static final int DW_TAG_RESTRICT_TYPE = 0x37;
    private static final int DW_TAG_UNSPECIFIED_TYPE = 0x3b;
    private static final int DW_TAG_PARTIAL_UNIT = 0x3c;
    private static final int DW_TAG_ATOMIC_TYPE = 0x47;
    // attributes
    private static final int DW_AT_LOCATION = 0x02;
    private static final int DW_AT_NAME = 0x03;
    private static final int DW_AT_BYTE_SIZE = 0x0b;
    private static final int DW_AT_LOW_PC = 0x11;
    private static final int DW_AT_HIGH_PC = 0x12;
    private static final int DW_AT_FRAME_BASE = 0x40;
    private static final int DW_AT_RANGES = 0x55;
    /** Not a DWARF attribute: set when DW_AT_high_pc has an address form (absolute, not a length). */
    private static final int HIGH_PC_IS_ADDRESS = -1;
    private static final int DW_FORM_ADDR = 0x01;
    private static final int DW_AT_BIT_OFFSET = 0x0c;
    private static final int DW_AT_BIT_SIZE = 0x0d;
    private static final int DW_AT_CONST_VALUE = 0x1c;
    private static final int DW_AT_LOWER_BOUND = 0x22;
    private static final int DW_AT_UPPER_BOUND = 0x2f;
    private static final int DW_AT_ABSTRACT_ORIGIN = 0x31;
    private static final int DW_AT_COUNT = 0x37;
    private static final int DW_AT_DATA_MEMBER_LOCATION = 0x38;
    private static final int DW_AT_ENCODING = 0x3e;
    private static final int DW_AT_EXTERNAL = 0x3f;
    private static final int DW_AT_SPECIFICATION = 0x47;
    private static final int DW_AT_TYPE = 0x49;
    private static final int DW_AT_DATA_BIT_OFFSET = 0x6b;
    private static final int DW_FORM_INDIRECT = 0x16;
    // unit types (DWARF 5)
    private static final int DW_UT_COMPILE = 1;
    private static final int DW_UT_PARTIAL = 3;
    // DWARF expression operations
    private static final int DW_OP_ADDR = 0x03;
    private static final int DW_OP_PLUS_UCONST = 0x23;

    private final long start;
    private final DwarfReader unit;
    private final DwarfReader abbrevs;
    private final Map<Long, Map<Long, Abbrev>> tables;
    private final DwarfReader strs;
    private final DwarfReader lineStrs;

    private final Map<Long, DwarfType> types = new HashMap<>();
    private final Map<DwarfType, Long> targets = new HashMap<>();
    private final Map<DwarfType, List<Long>> dims = new HashMap<>();
    private final List<PendingMember> pendingMembers = new ArrayList<>();
    private final Map<Long, Die> variables = new HashMap<>();
    private final List<Die> defined = new ArrayList<>();
    private final CodeSections code;
    private final Map<Long, Die> origins = new HashMap<>();
    private final List<PendingScope> pendingScopes = new ArrayList<>();
    private final List<PendingLocal> pendingLocals = new ArrayList<>();
    private final List<CodeScope> functions = new ArrayList<>();
    private int version;
    private int addressSize;
    private long unitBase;

    private record PendingScope(CodeScope scope, Die die) {
    }

    private record PendingLocal(CodeScope owner, Die die) {
    }

    private record PendingMember(DwarfType owner, String name, long offset, Long type, int bitSize, long bitOffset) {
    }

    InfoUnit(long start, DwarfReader unit, DwarfReader abbrevs, Map<Long, Map<Long, Abbrev>> tables, DwarfReader strs,
             DwarfReader lineStrs, CodeSections code) {
        this.code = code;
        this.start = start;
        this.unit = unit;
        this.abbrevs = abbrevs;
        this.tables = tables;
        this.strs = strs;
        this.lineStrs = lineStrs;
    }

    List<GlobalVariable> globals() {
        int version = unit.u16();
        int addressSize;
        long abbrevOffset;
        if (version == 5) {
            int type = unit.u8();
            addressSize = unit.u8();
            abbrevOffset = unit.u32();
            if (type != DW_UT_COMPILE && type != DW_UT_PARTIAL) {
                return List.of(); // type, skeleton and split units hold no variables of their own here
            }
        } else if (version >= 2 && version <= 4) {
            abbrevOffset = unit.u32();
            addressSize = unit.u8();
        } else {
            throw unit.error("unit version " + version + " is not DWARF 2 to 5");
        }
        if (addressSize != 4 && addressSize != 8) {
            throw unit.error("address size " + addressSize);
        }
        Map<Long, Abbrev> table = tables.get(abbrevOffset);
        if (table == null) {
            table = Abbrev.table(abbrevs, abbrevOffset);
            tables.put(abbrevOffset, table);
        }
        FormValue.Unit u = new FormValue.Unit(start, version, addressSize, strs, lineStrs);
        this.version = version;
        this.addressSize = addressSize;
        walk(table, u);
        link();
        code();
        return variables(addressSize);
    }

    private void walk(Map<Long, Abbrev> table, FormValue.Unit u) {
        List<DwarfType> stack = new ArrayList<>(); // the type DIE at each open depth (null entries allowed)
        List<CodeScope> scopes = new ArrayList<>(); // the code scope DIE at each open depth (null entries allowed)
        int depth = 0;
        while (!unit.atEnd()) {
            long offset = unit.position(); // the slice shares the section's coordinates
            long code = unit.uleb();
            if (code == 0) {
                if (depth == 0) {
                    continue; // padding after the unit DIE
                }
                depth--;
                stack.remove(stack.size() - 1);
                scopes.remove(scopes.size() - 1);
                continue;
            }
            Abbrev a = table.get(code);
            if (a == null) {
                throw unit.error("abbreviation " + code + " not found");
            }
            Die die = new Die(offset, a.tag(), depth);
            for (int i = 0; i < a.attrs().length; i++) {
                int form = a.forms()[i];
                while (form == DW_FORM_INDIRECT) {
                    form = (int) unit.uleb();
                }
                Object v = FormValue.read(unit, form, a.implicit()[i], u);
                if (v != null) {
                    die.attrs.put(a.attrs()[i], v);
                }
                if (a.attrs()[i] == DW_AT_HIGH_PC && form == DW_FORM_ADDR) {
                    die.attrs.put(HIGH_PC_IS_ADDRESS, Boolean.TRUE);
                }
            }
            if (depth == 0 && die.tag != DW_TAG_COMPILE_UNIT && die.tag != DW_TAG_PARTIAL_UNIT) {
                throw unit.error("the unit's first DIE has tag 0x" + Integer.toHexString(die.tag));
            }
            DwarfType parent = stack.isEmpty() ? null : stack.get(stack.size() - 1);
            DwarfType made = entry(die, parent);
            CodeScope madeScope = codeEntry(die, scopes.isEmpty() ? null : scopes.get(scopes.size() - 1));
            if (a.children()) {
                depth++;
                stack.add(made);
                scopes.add(madeScope);
            }
        }
    }

    /** Records one DIE; returns the type it makes (for its children), or null. */
    private DwarfType entry(Die d, DwarfType parent) {
        switch (d.tag) {
            case DW_TAG_BASE_TYPE: {
                DwarfType t = type(d, DwarfType.Kind.BASE);
                t.encoding = encoding((int) d.constant(DW_AT_ENCODING, 0));
                return t;
            }
            case DW_TAG_UNSPECIFIED_TYPE: return type(d, DwarfType.Kind.BASE);
            case DW_TAG_POINTER_TYPE: return type(d, DwarfType.Kind.POINTER);
            case DW_TAG_TYPEDEF: return type(d, DwarfType.Kind.TYPEDEF);
            case DW_TAG_RESTRICT_TYPE:
            case DW_TAG_ATOMIC_TYPE: return type(d, DwarfType.Kind.TYPEDEF); // unnamed: only passes its target on
            case DW_TAG_CONST_TYPE: return type(d, DwarfType.Kind.CONST);
            case DW_TAG_VOLATILE_TYPE: return type(d, DwarfType.Kind.VOLATILE);
            case DW_TAG_ARRAY_TYPE: {
                DwarfType t = type(d, DwarfType.Kind.ARRAY);
                dims.put(t, new ArrayList<>());
                return t;
            }
            case DW_TAG_STRUCTURE_TYPE: return type(d, DwarfType.Kind.STRUCT);
            case DW_TAG_UNION_TYPE: return type(d, DwarfType.Kind.UNION);
            case DW_TAG_ENUMERATION_TYPE: return type(d, DwarfType.Kind.ENUM);
            case DW_TAG_SUBROUTINE_TYPE: return type(d, DwarfType.Kind.FUNCTION);
            case DW_TAG_SUBRANGE_TYPE:
                if (parent != null && parent.kind() == DwarfType.Kind.ARRAY) {
                    dims.get(parent).add(count(d));
                }
                return null;
            case DW_TAG_ENUMERATOR:
                if (parent != null && parent.kind() == DwarfType.Kind.ENUM && d.string(DW_AT_NAME) != null) {
                    parent.enumerators.putIfAbsent(d.constant(DW_AT_CONST_VALUE, 0), d.string(DW_AT_NAME));
                }
                return null;
            case DW_TAG_MEMBER:
                if (parent != null && (parent.kind() == DwarfType.Kind.STRUCT || parent.kind() == DwarfType.Kind.UNION)) {
                    member(d, parent);
                }
                return null;
            case DW_TAG_VARIABLE:
                if (d.depth == 1) {
                    variables.put(d.offset, d);
                    if (d.attrs.get(DW_AT_LOCATION) instanceof byte[]) {
                        defined.add(d);
                    }
                }
                return null;
            default:
                return null;
        }
    }

    /** The functions of the unit (with code), read by {@link #globals()}. */
    List<CodeScope> functions() {
        return functions;
    }

    /** Records a function, block, inlined call, parameter or local; returns the scope it opens, or null. */
    private CodeScope codeEntry(Die d, CodeScope parent) {
        if (d.depth == 0) {
            unitBase = d.constant(DW_AT_LOW_PC, 0);
            return null;
        }
        switch (d.tag) {
            case DW_TAG_SUBPROGRAM:
                origins.put(d.offset, d);
                return scope(d, CodeScope.Kind.FUNCTION, parent);
            case DW_TAG_LEXICAL_BLOCK:
                return parent == null ? null : scope(d, CodeScope.Kind.BLOCK, parent);
            case DW_TAG_INLINED_SUBROUTINE:
                return parent == null ? null : scope(d, CodeScope.Kind.INLINED, parent);
            case DW_TAG_FORMAL_PARAMETER:
            case DW_TAG_VARIABLE:
                origins.put(d.offset, d);
                if (parent != null && d.depth > 1) {
                    pendingLocals.add(new PendingLocal(parent, d));
                }
                return null;
            default:
                return null;
        }
    }

    private CodeScope scope(Die d, CodeScope.Kind kind, CodeScope parent) {
        CodeScope s = new CodeScope(kind);
        pendingScopes.add(new PendingScope(s, d));
        if (parent != null) {
            parent.children.add(s);
        } else if (kind == CodeScope.Kind.FUNCTION) {
            functions.add(s);
        }
        return s;
    }

    /** Names, ranges, frame bases and locations, once every DIE (and so every origin) is read. */
    private void code() {
        for (PendingScope p : pendingScopes) {
            Die d = p.die;
            Die origin = origin(d);
            p.scope.name = d.string(DW_AT_NAME) != null ? d.string(DW_AT_NAME) : origin == null ? null : origin.string(DW_AT_NAME);
            if (d.attrs.get(DW_AT_FRAME_BASE) instanceof byte[]) {
                p.scope.frameBase = (byte[]) d.attrs.get(DW_AT_FRAME_BASE);
            }
            try {
                ranges(d, p.scope.ranges);
            } catch (DwarfException e) {
                p.scope.ranges.clear(); // a corrupt range list hides only this scope
            }
        }
        for (PendingLocal p : pendingLocals) {
            Die d = p.die;
            Die origin = origin(d);
            String name = d.string(DW_AT_NAME) != null ? d.string(DW_AT_NAME) : origin == null ? null : origin.string(DW_AT_NAME);
            Long type = d.ref(DW_AT_TYPE) != null ? d.ref(DW_AT_TYPE) : origin == null ? null : origin.ref(DW_AT_TYPE);
            if (name == null || type == null) {
                continue;
            }
            Object loc = d.attrs.get(DW_AT_LOCATION);
            Location location = null;
            if (loc instanceof byte[]) {
                location = Location.of((byte[]) loc);
            } else if (loc instanceof Long) {
                location = Location.list(version >= 5 ? code.loclists() : code.loc(), (Long) loc, version, addressSize, unitBase);
            }
            Object cv = d.attrs.get(DW_AT_CONST_VALUE);
            p.owner.locals.add(new LocalVariable(name, resolve(type), d.tag == DW_TAG_FORMAL_PARAMETER, location,
                    cv instanceof Long ? (Long) cv : null));
        }
    }

    /** The DIE a concrete instance takes its name and type from (DW_AT_abstract_origin, DW_AT_specification), followed twice at most. */
    private Die origin(Die d) {
        Die o = d;
        for (int i = 0; i < 2; i++) {
            Long ref = o.ref(DW_AT_ABSTRACT_ORIGIN);
            if (ref == null) {
                ref = o.ref(DW_AT_SPECIFICATION);
            }
            Die next = ref == null ? null : origins.get(ref);
            if (next == null || next == o) {
                break;
            }
            o = next;
            if (o.string(DW_AT_NAME) != null) {
                break;
            }
        }
        return o == d ? null : o;
    }

    private void ranges(Die d, List<long[]> out) {
        if (d.attrs.get(DW_AT_LOW_PC) instanceof Long && d.attrs.get(DW_AT_HIGH_PC) instanceof Long) {
            long lo = d.constant(DW_AT_LOW_PC, 0);
            long hi = d.constant(DW_AT_HIGH_PC, 0);
            out.add(new long[] {lo, d.flag(HIGH_PC_IS_ADDRESS) ? hi : lo + hi});
            return;
        }
        if (!(d.attrs.get(DW_AT_RANGES) instanceof Long)) {
            return;
        }
        long offset = d.constant(DW_AT_RANGES, 0);
        if (version >= 5) {
            rnglists(offset, out);
        } else {
            debugRanges(offset, out);
        }
    }

    private void rnglists(long offset, List<long[]> out) {
        if (code.rnglists() == null) {
            throw new DwarfException("DW_AT_ranges without .debug_rnglists");
        }
        DwarfReader r = code.rnglists().at(offset);
        long base = unitBase;
        for (int guard = 0; guard < 100_000; guard++) {
            int kind = r.u8();
            switch (kind) {
                case 0x00: return;                                                       // end_of_list
                case 0x04: { long lo = r.uleb(); long hi = r.uleb(); out.add(new long[] {base + lo, base + hi}); break; }
                case 0x05: base = r.unsigned(addressSize); break;                        // base_address
                case 0x06: out.add(new long[] {r.unsigned(addressSize), r.unsigned(addressSize)}); break; // start_end
                case 0x07: { long lo = r.unsigned(addressSize); out.add(new long[] {lo, lo + r.uleb()}); break; } // start_length
                default: throw r.error("range list entry kind 0x" + Integer.toHexString(kind) + " is not read");
            }
        }
        throw r.error("range list does not end");
    }

    private void debugRanges(long offset, List<long[]> out) {
        if (code.ranges() == null) {
            throw new DwarfException("DW_AT_ranges without .debug_ranges");
        }
        DwarfReader r = code.ranges().at(offset);
        long base = unitBase;
        long max = addressSize == 4 ? 0xffff_ffffL : -1L;
        for (int guard = 0; guard < 100_000; guard++) {
            long lo = r.unsigned(addressSize);
            long hi = r.unsigned(addressSize);
            if (lo == 0 && hi == 0) {
                return;
            }
            if (lo == max) {
                base = hi;
            } else {
                out.add(new long[] {base + lo, base + hi});
            }
        }
        throw r.error("range list does not end");
    }

    private DwarfType type(Die d, DwarfType.Kind kind) {
        DwarfType t = new DwarfType(kind);
        t.name = d.string(DW_AT_NAME);
        t.byteSize = d.constant(DW_AT_BYTE_SIZE, -1);
        Long target = d.ref(DW_AT_TYPE);
        if (target != null) {
            targets.put(t, target);
        }
        types.put(d.offset, t);
        return t;
    }

    private static DwarfType.Encoding encoding(int ate) {
        switch (ate) {
            case 0x02: return DwarfType.Encoding.BOOLEAN;
            case 0x04: return DwarfType.Encoding.FLOAT;
            case 0x05: return DwarfType.Encoding.SIGNED;
            case 0x06: return DwarfType.Encoding.SIGNED_CHAR;
            case 0x01:                                        // address
            case 0x07: return DwarfType.Encoding.UNSIGNED;
            case 0x08: return DwarfType.Encoding.UNSIGNED_CHAR;
            case 0x10: return DwarfType.Encoding.UNSIGNED;    // UTF (char16_t, char32_t)
            default: return DwarfType.Encoding.OTHER;
        }
    }

    /** Elements of one dimension: DW_AT_count, or upper - lower + 1; -1 when not a constant (a flexible or variable array). */
    private static long count(Die d) {
        long count = d.constant(DW_AT_COUNT, Long.MIN_VALUE);
        if (count != Long.MIN_VALUE) {
            return count;
        }
        if (!(d.attrs.get(DW_AT_UPPER_BOUND) instanceof Long)) {
            return -1;
        }
        return d.constant(DW_AT_UPPER_BOUND, 0) - d.constant(DW_AT_LOWER_BOUND, 0) + 1;
    }

    private void member(Die d, DwarfType owner) {
        Object loc = d.attrs.get(DW_AT_DATA_MEMBER_LOCATION);
        long offset = 0;
        if (loc instanceof Long) {
            offset = (Long) loc;
        } else if (loc instanceof byte[]) {
            DwarfReader e = new DwarfReader("DW_AT_data_member_location", (byte[]) loc);
            if (e.u8() != DW_OP_PLUS_UCONST) {
                throw unit.error("member '" + d.string(DW_AT_NAME) + "' has a location expression other than DW_OP_plus_uconst");
            }
            offset = e.uleb();
        }
        int bitSize = (int) d.constant(DW_AT_BIT_SIZE, 0);
        long bitOffset = offset * 8;
        if (bitSize > 0) {
            if (d.attrs.get(DW_AT_DATA_BIT_OFFSET) instanceof Long) {
                bitOffset = d.constant(DW_AT_DATA_BIT_OFFSET, 0);
            } else if (d.attrs.get(DW_AT_BIT_OFFSET) instanceof Long) {
                // DWARF 2-4 count from the storage unit's most significant bit; this is little endian
                long storage = d.constant(DW_AT_BYTE_SIZE, 0);
                bitOffset = offset * 8 + storage * 8 - d.constant(DW_AT_BIT_OFFSET, 0) - bitSize;
            }
            offset = bitOffset / 8;
        }
        pendingMembers.add(new PendingMember(owner, d.string(DW_AT_NAME), offset, d.ref(DW_AT_TYPE), bitSize, bitOffset));
    }

    private DwarfType resolve(Long ref) {
        if (ref == null) {
            return null;
        }
        DwarfType t = types.get(ref);
        if (t == null) {
            t = new DwarfType(DwarfType.Kind.BASE);
            t.name = "<type at 0x" + Long.toHexString(ref) + " not read>";
            t.byteSize = 0;
        }
        return t;
    }

    private void link() {
        for (Map.Entry<DwarfType, Long> e : targets.entrySet()) {
            e.getKey().target = resolve(e.getValue());
        }
        for (Map.Entry<DwarfType, List<Long>> e : dims.entrySet()) {
            DwarfType outer = e.getKey();
            List<Long> counts = e.getValue();
            if (counts.isEmpty()) {
                continue;
            }
            DwarfType elem = outer.target;
            // int a[2][3]: an array of 2 arrays of 3 ints, built from the innermost dimension out
            for (int i = counts.size() - 1; i >= 1; i--) {
                DwarfType inner = new DwarfType(DwarfType.Kind.ARRAY);
                inner.count = counts.get(i);
                inner.target = elem;
                elem = inner;
            }
            outer.count = counts.get(0);
            outer.target = elem;
        }
        for (PendingMember m : pendingMembers) {
            m.owner.members.add(new DwarfType.Member(m.name, m.offset, resolve(m.type), m.bitSize, m.bitOffset));
        }
    }

    private List<GlobalVariable> variables(int addressSize) {
        List<GlobalVariable> out = new ArrayList<>();
        for (Die d : defined) {
            Long address = address((byte[]) d.attrs.get(DW_AT_LOCATION), addressSize);
            if (address == null) {
                continue;
            }
            Die decl = declaration(d);
            String name = d.string(DW_AT_NAME) != null ? d.string(DW_AT_NAME) : decl == null ? null : decl.string(DW_AT_NAME);
            Long type = d.ref(DW_AT_TYPE) != null ? d.ref(DW_AT_TYPE) : decl == null ? null : decl.ref(DW_AT_TYPE);
            boolean external = d.flag(DW_AT_EXTERNAL) || decl != null && decl.flag(DW_AT_EXTERNAL);
            if (name != null && type != null) {
                out.add(new GlobalVariable(name, address, resolve(type), external));
            }
        }
        return out;
    }

    private Die declaration(Die d) {
        Long spec = d.ref(DW_AT_SPECIFICATION);
        if (spec == null) {
            spec = d.ref(DW_AT_ABSTRACT_ORIGIN);
        }
        return spec == null ? null : variables.get(spec);
    }

    /** The address of {@code DW_OP_addr A} (optionally followed by {@code DW_OP_plus_uconst N}); null for any other location. */
    private static Long address(byte[] expr, int addressSize) {
        DwarfReader e = new DwarfReader("DW_AT_location", expr);
        if (expr.length < 1 + addressSize || e.u8() != DW_OP_ADDR) {
            return null;
        }
        long a = e.unsigned(addressSize);
        if (!e.atEnd()) {
            if (e.u8() != DW_OP_PLUS_UCONST) {
                return null;
            }
            a += e.uleb();
            if (!e.atEnd()) {
                return null;
            }
        }
        return a;
    }
}
