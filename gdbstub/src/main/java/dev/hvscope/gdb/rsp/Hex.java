package dev.hvscope.gdb.rsp;

import java.nio.charset.StandardCharsets;

/** Hex encodings of RSP: byte strings, and register values in target (little-endian) order. */
public final class Hex {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {
    }

    public static String encode(byte[] data) {
        char[] c = new char[data.length * 2];
        for (int i = 0; i < data.length; i++) {
            c[2 * i] = DIGITS[(data[i] >> 4) & 0xf];
            c[2 * i + 1] = DIGITS[data[i] & 0xf];
        }
        return new String(c);
    }

    public static String encode(String text) {
        return encode(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes hex digits; throws IllegalArgumentException on odd length or a non-hex digit. */
    public static byte[] decode(CharSequence hex) {
        if (hex.length() % 2 != 0) {
            throw new IllegalArgumentException("odd hex length");
        }
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(hex.charAt(2 * i), 16);
            int lo = Character.digit(hex.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException("bad hex digit");
            }
            out[i] = (byte) ((hi << 4) | lo);
        }
        return out;
    }

    /** A value of {@code bytes} bytes, least significant first (target byte order). */
    public static String littleEndian(long value, int bytes) {
        char[] c = new char[bytes * 2];
        for (int i = 0; i < bytes; i++) {
            int b = (int) (value >>> (8 * i)) & 0xff;
            c[2 * i] = DIGITS[b >> 4];
            c[2 * i + 1] = DIGITS[b & 0xf];
        }
        return new String(c);
    }

    /** Parses a little-endian register value; 'x' digits (unavailable) read as zero. */
    public static long parseLittleEndian(CharSequence hex) {
        long v = 0;
        int bytes = Math.min(8, hex.length() / 2);
        for (int i = 0; i < bytes; i++) {
            int hi = Character.digit(hex.charAt(2 * i), 16);
            int lo = Character.digit(hex.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException("bad hex digit");
            }
            v |= (long) ((hi << 4) | lo) << (8 * i);
        }
        return v;
    }

    /** An unsigned hex number as RSP writes addresses and lengths. */
    public static long parseNumber(String s) {
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty number");
        }
        return Long.parseUnsignedLong(s, 16);
    }
}
