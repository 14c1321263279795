package dev.hvscope.plugin.dwarf;

/**
 * DW_AT_location of a local: one expression valid everywhere in its scope, or a location list
 * ({@code .debug_loclists} for DWARF 5, {@code .debug_loc} before) read when a pc is asked for,
 * so a corrupt list only costs the variable that uses it.
 */
public final class Location {
    private final byte[] expression;
    private final DwarfReader list;
    private final long offset;
    private final int version;
    private final int addressSize;
    private final long base;

    private Location(byte[] expression, DwarfReader list, long offset, int version, int addressSize, long base) {
        this.expression = expression;
        this.list = list;
        this.offset = offset;
        this.version = version;
        this.addressSize = addressSize;
        this.base = base;
    }

    public static Location of(byte[] expression) {
        return new Location(expression, null, 0, 0, 8, 0);
    }

    /** A list at {@code offset} of {@code list}; {@code base} is the unit's DW_AT_low_pc. */
    static Location list(DwarfReader list, long offset, int version, int addressSize, long base) {
        return new Location(null, list, offset, version, addressSize, base);
    }

    /** The list's offset in its section (for tools that print lists by offset); -1 for a single expression. */
    public long listOffset() {
        return expression == null ? offset : -1;
    }

    public boolean isList() {
        return expression == null;
    }

    /** The expression that gives the location at {@code pc}, or null when none covers it (optimized out there). */
    public byte[] at(long pc) {
        if (expression != null) {
            return expression;
        }
        if (list == null) {
            throw new DwarfException("the unit's location list section is missing");
        }
        DwarfReader r = list.at(offset);
        return version >= 5 ? loclists(r, pc) : loc(r, pc);
    }

    private static boolean in(long pc, long lo, long hi) {
        return Long.compareUnsigned(pc, lo) >= 0 && Long.compareUnsigned(pc, hi) < 0;
    }

    private byte[] loclists(DwarfReader r, long pc) {
        long b = base;
        byte[] dflt = null;
        for (int guard = 0; guard < 1_000_000; guard++) {
            int kind = r.u8();
            switch (kind) {
                case 0x00: return dflt;                                            // end_of_list
                case 0x01: case 0x02: case 0x03:
                    throw r.error("location list entry kind " + kind + " needs .debug_addr (split DWARF)");
                case 0x04: {                                                       // offset_pair
                    long lo = b + r.uleb();
                    long hi = b + r.uleb();
                    byte[] e = r.bytes(r.uleb());
                    if (in(pc, lo, hi)) {
                        return e;
                    }
                    break;
                }
                case 0x05: dflt = r.bytes(r.uleb()); break;                        // default_location
                case 0x06: b = r.unsigned(addressSize); break;                     // base_address
                case 0x07: {                                                       // start_end
                    long lo = r.unsigned(addressSize);
                    long hi = r.unsigned(addressSize);
                    byte[] e = r.bytes(r.uleb());
                    if (in(pc, lo, hi)) {
                        return e;
                    }
                    break;
                }
                case 0x08: {                                                       // start_length
                    long lo = r.unsigned(addressSize);
                    long hi = lo + r.uleb();
                    byte[] e = r.bytes(r.uleb());
                    if (in(pc, lo, hi)) {
                        return e;
                    }
                    break;
                }
                default:
                    throw r.error("unknown location list entry kind 0x" + Integer.toHexString(kind));
            }
        }
        throw r.error("location list does not end");
    }

    private byte[] loc(DwarfReader r, long pc) {
        long b = base;
        long max = addressSize == 4 ? 0xffff_ffffL : -1L;
        for (int guard = 0; guard < 1_000_000; guard++) {
            long lo = r.unsigned(addressSize);
            long hi = r.unsigned(addressSize);
            if (lo == 0 && hi == 0) {
                return null;
            }
            if (lo == max) {
                b = hi;
                continue;
            }
            byte[] e = r.bytes(r.u16());
            if (in(pc, b + lo, b + hi)) {
                return e;
            }
        }
        throw r.error("location list does not end");
    }
}
