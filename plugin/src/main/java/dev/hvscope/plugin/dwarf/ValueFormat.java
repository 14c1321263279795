package dev.hvscope.plugin.dwarf;

/**
 * The one-line text of a value of a given type, gdb's way: integers in decimal, pointers in hex,
 * characters as {@code 65 'A'}, booleans, enumerations by enumerator name (the number when none
 * matches), floats; a structure or union is {@code {...}} and an array {@code [N]} (their
 * elements are children). Bit fields are read from the containing bytes.
 */
public final class ValueFormat {
    private ValueFormat() {
    }

    /** Little-endian unsigned value of {@code size} (1 to 8) bytes at {@code off}. */
    public static long raw(byte[] b, int off, int size) {
        long v = 0;
        for (int i = Math.min(size, 8) - 1; i >= 0; i--) {
            v = v << 8 | (b[off + i] & 0xff);
        }
        return v;
    }

    /** The integer in a bit field of {@code bitSize} bits starting {@code bitOffset} bits into {@code b}. */
    public static long bits(byte[] b, long bitOffset, int bitSize) {
        long v = 0;
        for (int i = 0; i < bitSize; i++) {
            long bit = bitOffset + i;
            if ((b[(int) (bit >>> 3)] >> (bit & 7) & 1) != 0) {
                v |= 1L << i;
            }
        }
        return v;
    }

    /** The text of the value of {@code type} whose bytes start at {@code off} in {@code b}. */
    public static String format(DwarfType type, byte[] b, int off) {
        DwarfType t = type == null ? null : type.strip();
        if (t == null) {
            return "<void>";
        }
        switch (t.kind()) {
            case STRUCT:
            case UNION:
                return "{...}";
            case ARRAY:
                return "[" + t.count() + "]";
            case FUNCTION:
                return "<function>";
            default:
                break;
        }
        int size = (int) t.size();
        if (size <= 0 || off + size > b.length) {
            return "<" + (size <= 0 ? "unknown size" : "unreadable") + ">";
        }
        if (t.kind() == DwarfType.Kind.BASE && t.encoding() == DwarfType.Encoding.FLOAT) {
            if (size == 4) {
                return floatText(Float.intBitsToFloat((int) raw(b, off, 4)));
            }
            if (size == 8) {
                return doubleText(Double.longBitsToDouble(raw(b, off, 8)));
            }
        }
        if (size > 8) {
            StringBuilder sb = new StringBuilder("0x");
            for (int i = size - 1; i >= 0; i--) {
                sb.append(String.format("%02x", b[off + i] & 0xff));
            }
            return sb.toString();
        }
        return scalar(t, raw(b, off, size));
    }

    /** {@code v} cut to a scalar's size and sign- or zero-extended as its type says, for arithmetic. */
    public static long extend(DwarfType type, long v) {
        DwarfType t = type.strip();
        int size = (int) Math.max(1, Math.min(8, t.size()));
        if (size == 8) {
            return v;
        }
        int shift = 64 - size * 8;
        boolean signed = t.kind() != DwarfType.Kind.POINTER
                && (t.encoding() == DwarfType.Encoding.SIGNED || t.encoding() == DwarfType.Encoding.SIGNED_CHAR);
        return signed ? (v << shift) >> shift : (v << shift) >>> shift;
    }

    /** The text of a scalar (base, pointer, enumeration) holding {@code v} (zero-extended from its size). */
    public static String scalar(DwarfType type, long v) {
        DwarfType t = type.strip();
        int size = (int) Math.min(8, t.size());
        long mask = size >= 8 ? -1L : (1L << (size * 8)) - 1;
        v &= mask;
        long signed = size >= 8 ? v : v << (64 - size * 8) >> (64 - size * 8);
        switch (t.kind()) {
            case POINTER:
                return "0x" + Long.toHexString(v);
            case ENUM:
                for (var e : t.enumerators().entrySet()) {
                    if ((e.getKey() & mask) == v) {
                        return e.getValue();
                    }
                }
                return Long.toString(signed);
            default:
                break;
        }
        switch (t.encoding()) {
            case SIGNED:
                return Long.toString(signed);
            case BOOLEAN:
                return v == 0 ? "false" : v == 1 ? "true" : Long.toUnsignedString(v);
            case SIGNED_CHAR:
                return signed + " " + charText(v);
            case UNSIGNED_CHAR:
                return v + " " + charText(v);
            case FLOAT:
                return size == 4 ? floatText(Float.intBitsToFloat((int) v)) : doubleText(Double.longBitsToDouble(v));
            default:
                return Long.toUnsignedString(v);
        }
    }

    private static String charText(long v) {
        int c = (int) (v & 0xff);
        switch (c) {
            case 0: return "'\\000'";
            case 7: return "'\\a'";
            case '\b': return "'\\b'";
            case '\f': return "'\\f'";
            case 11: return "'\\v'";
            case '\n': return "'\\n'";
            case '\t': return "'\\t'";
            case '\r': return "'\\r'";
            case '\'': return "'\\''";
            case '\\': return "'\\\\'";
            default:
                return c >= 0x20 && c < 0x7f ? "'" + (char) c + "'" : String.format("'\\%03o'", c);
        }
    }

    private static String floatText(float f) {
        return f == (long) f && Math.abs(f) < 1e15 ? Long.toString((long) f) : Float.toString(f);
    }

    private static String doubleText(double d) {
        return d == (long) d && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
