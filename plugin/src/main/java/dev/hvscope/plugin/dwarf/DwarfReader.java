package dev.hvscope.plugin.dwarf;

import java.nio.charset.StandardCharsets;

/**
 * A little-endian cursor over one DWARF section, limited to [start, limit). Every read checks the
 * bounds first, so a truncated or corrupt section is a {@link DwarfException} naming the section
 * and offset, never an index exception.
 */
public final class DwarfReader {
    private final String section;
    private final byte[] b;
    private int pos;
    private final int limit;

    public DwarfReader(String section, byte[] bytes) {
        this(section, bytes, 0, bytes.length);
    }

    private DwarfReader(String section, byte[] bytes, int pos, int limit) {
        this.section = section;
        this.b = bytes;
        this.pos = pos;
        this.limit = limit;
    }

    public int position() {
        return pos;
    }

    public int limit() {
        return limit;
    }

    public boolean atEnd() {
        return pos >= limit;
    }

    public String section() {
        return section;
    }

    /** A reader over the next {@code length} bytes; this one moves past them. */
    public DwarfReader slice(long length) {
        need(length);
        DwarfReader r = new DwarfReader(section, b, pos, pos + (int) length);
        pos += (int) length;
        return r;
    }

    /** A reader over the whole section positioned at {@code offset} (for string offsets). */
    public DwarfReader at(long offset) {
        if (offset < 0 || offset >= b.length) {
            throw error("offset 0x" + Long.toHexString(offset) + " is outside the section (0x"
                    + Integer.toHexString(b.length) + " bytes)");
        }
        return new DwarfReader(section, b, (int) offset, b.length);
    }

    public void skip(long n) {
        need(n);
        pos += (int) n;
    }

    public int u8() {
        need(1);
        return b[pos++] & 0xff;
    }

    public int s8() {
        need(1);
        return b[pos++];
    }

    public int u16() {
        need(2);
        int v = (b[pos] & 0xff) | (b[pos + 1] & 0xff) << 8;
        pos += 2;
        return v;
    }

    public long u32() {
        need(4);
        long v = (b[pos] & 0xffL) | (b[pos + 1] & 0xffL) << 8 | (b[pos + 2] & 0xffL) << 16 | (b[pos + 3] & 0xffL) << 24;
        pos += 4;
        return v;
    }

    public long u64() {
        long lo = u32();
        return lo | u32() << 32;
    }

    /** An unsigned value of 1, 2, 4 or 8 bytes. */
    public long unsigned(int size) {
        switch (size) {
            case 1: return u8();
            case 2: return u16();
            case 4: return u32();
            case 8: return u64();
            default: throw error("unsupported field size " + size);
        }
    }

    /** ULEB128; more than 64 significant bits is an error. */
    public long uleb() {
        long v = 0;
        int shift = 0;
        while (true) {
            int x = u8();
            if (shift < 64) {
                v |= (long) (x & 0x7f) << shift;
            } else if ((x & 0x7f) != 0) {
                throw error("ULEB128 overflows 64 bits");
            }
            shift += 7;
            if ((x & 0x80) == 0) {
                return v;
            }
        }
    }

    /** SLEB128. */
    public long sleb() {
        long v = 0;
        int shift = 0;
        int x;
        do {
            x = u8();
            if (shift < 64) {
                v |= (long) (x & 0x7f) << shift;
            }
            shift += 7;
        } while ((x & 0x80) != 0);
        if (shift < 64 && (x & 0x40) != 0) {
            v |= -1L << shift;
        }
        return v;
    }

    /** A NUL-terminated UTF-8 string. */
    public String cstring() {
        int start = pos;
        while (pos < limit && b[pos] != 0) {
            pos++;
        }
        if (pos >= limit) {
            throw error("string at 0x" + Integer.toHexString(start) + " has no terminating NUL");
        }
        String s = new String(b, start, pos - start, StandardCharsets.UTF_8);
        pos++;
        return s;
    }

    public byte[] bytes(long n) {
        need(n);
        byte[] out = new byte[(int) n];
        System.arraycopy(b, pos, out, 0, (int) n);
        pos += (int) n;
        return out;
    }

    private void need(long n) {
        if (n < 0 || n > limit - pos) {
            throw error("truncated: needs " + Long.toUnsignedString(n) + " bytes at 0x" + Integer.toHexString(pos)
                    + ", only " + (limit - pos) + " left");
        }
    }

    public DwarfException error(String what) {
        return new DwarfException(section + ": " + what);
    }
}
