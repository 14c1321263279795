package dev.hvscope.plugin.dwarf;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One C type as {@code .debug_info} describes it: a base type, a pointer, a typedef or qualifier
 * (which only name or qualify their {@link #target}), an array of {@link #count} elements (a
 * multi-dimensional array is an array of arrays), a structure or union with {@link #members}, an
 * enumeration with {@link #enumerators}, or a function type (only pointed to). A null target is
 * {@code void}. Built while reading a unit and linked by DIE offset when the unit is done.
 */
public final class DwarfType {
    public enum Kind { BASE, POINTER, TYPEDEF, CONST, VOLATILE, ARRAY, STRUCT, UNION, ENUM, FUNCTION }

    /** DW_AT_encoding of a base type, folded to what formatting needs. */
    public enum Encoding { SIGNED, UNSIGNED, BOOLEAN, SIGNED_CHAR, UNSIGNED_CHAR, FLOAT, OTHER }

    /** A structure or union member; {@code bitSize} is 0 unless it is a bit field, then {@code bitOffset} counts from the start. */
    public record Member(String name, long offset, DwarfType type, int bitSize, long bitOffset) {
    }

    private final Kind kind;
    String name;
    long byteSize = -1;
    Encoding encoding = Encoding.OTHER;
    DwarfType target;
    long count = -1;
    final List<Member> members = new ArrayList<>();
    final Map<Long, String> enumerators = new LinkedHashMap<>();

    DwarfType(Kind kind) {
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** The type's own name (a base type, typedef or tag name), or null. */
    public String name() {
        return name;
    }

    public Encoding encoding() {
        return encoding;
    }

    /** The pointed-to, named, qualified or element type; null for void. */
    public DwarfType target() {
        return target;
    }

    /** Number of elements of an array; 0 when the bound is unknown (a flexible array member). */
    public long count() {
        return Math.max(0, count);
    }

    public List<Member> members() {
        return Collections.unmodifiableList(members);
    }

    public Map<Long, String> enumerators() {
        return Collections.unmodifiableMap(enumerators);
    }

    /** This type with typedefs and qualifiers taken off. */
    public DwarfType strip() {
        DwarfType t = this;
        for (int guard = 0; t != null && t.isAlias() && guard < MAX_DEPTH; guard++) {
            t = t.target;
        }
        return t;
    }

    private boolean isAlias() {
        return kind == Kind.TYPEDEF || kind == Kind.CONST || kind == Kind.VOLATILE;
    }

    /** Size in bytes: an alias has its target's, an array its elements' times the count (address size 8 for pointers). */
    public long size() {
        return size(0);
    }

    /** Corrupt DWARF can make a type its own target; past this depth a type is treated as unknown. */
    private static final int MAX_DEPTH = 64;

    private long size(int depth) {
        if (byteSize >= 0) {
            return byteSize;
        }
        if (depth > MAX_DEPTH) {
            return 0;
        }
        switch (kind) {
            case TYPEDEF:
            case CONST:
            case VOLATILE: return target == null ? 0 : target.size(depth + 1);
            case POINTER: return 8;
            case ARRAY: return target == null ? 0 : count() * target.size(depth + 1);
            default: return 0;
        }
    }

    /** Whether the value is one number (base, pointer, enum): formatted on one line and settable. */
    public boolean scalar() {
        DwarfType s = strip();
        return s != null && (s.kind == Kind.BASE || s.kind == Kind.POINTER || s.kind == Kind.ENUM);
    }

    /** The C spelling: {@code int}, {@code struct guest_ctx}, {@code const char *}, {@code uint64_t [4][2]}. */
    public String displayName() {
        return spell(this, "", 0);
    }

    private static String spell(DwarfType t, String declarator, int depth) {
        if (t == null) {
            return join("void", declarator);
        }
        if (depth > MAX_DEPTH) {
            return join("?", declarator);
        }
        switch (t.kind) {
            case POINTER:
                return spell(t.target, "*" + declarator, depth + 1);
            case CONST:
            case VOLATILE: {
                String q = t.kind == Kind.CONST ? "const " : "volatile ";
                boolean derived = t.target != null && (t.target.kind == Kind.POINTER || t.target.kind == Kind.ARRAY);
                return derived ? spell(t.target, q + declarator, depth + 1) : q + spell(t.target, declarator, depth + 1);
            }
            case ARRAY: {
                String d = declarator.startsWith("*") ? "(" + declarator + ")" : declarator;
                return spell(t.target, d + "[" + (t.count < 0 ? "" : t.count()) + "]", depth + 1);
            }
            case FUNCTION:
                return join("void", "(" + declarator + ")(...)");
            case STRUCT:
                return join("struct " + (t.name == null ? "{...}" : t.name), declarator);
            case UNION:
                return join("union " + (t.name == null ? "{...}" : t.name), declarator);
            case ENUM:
                return join("enum " + (t.name == null ? "{...}" : t.name), declarator);
            case TYPEDEF:
                return t.name == null ? spell(t.target, declarator, depth + 1) : join(t.name, declarator);
            default:
                return join(t.name == null ? "?" : t.name, declarator);
        }
    }

    private static String join(String base, String declarator) {
        String d = declarator.trim();
        if (d.isEmpty()) {
            return base;
        }
        return base + " " + d;
    }

    @Override
    public String toString() {
        return displayName();
    }
}
