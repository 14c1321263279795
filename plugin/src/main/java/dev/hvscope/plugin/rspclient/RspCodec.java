package dev.hvscope.plugin.rspclient;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * RSP packet framing, both ways: {@code $payload#cs} with {@code }} escapes for {@code $ # } *},
 * the modulo-256 checksum, and run-length expansion ({@code X*n} repeats X n-29 times) on the
 * receive side. Payloads are ISO-8859-1 strings, one char per byte, so binary data survives.
 */
public final class RspCodec {
    private static final char ESCAPE = '}';

    private RspCodec() {
    }

    /** The framed packet for a payload, escaping the four special bytes. */
    public static byte[] frame(String payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length() + 4);
        out.write('$');
        int sum = 0;
        for (int i = 0; i < payload.length(); i++) {
            int b = payload.charAt(i) & 0xff;
            if (b == '$' || b == '#' || b == '}' || b == '*') {
                out.write(ESCAPE);
                sum += ESCAPE;
                b ^= 0x20;
            }
            out.write(b);
            sum += b;
        }
        out.write('#');
        String cs = hex2(sum & 0xff);
        out.write(cs.charAt(0));
        out.write(cs.charAt(1));
        return out.toByteArray();
    }

    /** Checksum of the raw (still escaped, still run-length encoded) body between $ and #. */
    public static int checksum(byte[] body, int len) {
        int sum = 0;
        for (int i = 0; i < len; i++) {
            sum += body[i] & 0xff;
        }
        return sum & 0xff;
    }

    /**
     * Decodes a raw packet body: undoes escapes and expands run-length encoding.
     *
     * @throws RspException when a run-length count is invalid or the body ends inside an escape
     */
    public static String decodeBody(byte[] body, int len) {
        StringBuilder sb = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            int b = body[i] & 0xff;
            if (b == ESCAPE) {
                if (i + 1 >= len) {
                    throw new RspException("packet ends inside an escape");
                }
                sb.append((char) ((body[++i] & 0xff) ^ 0x20));
            } else if (b == '*') {
                if (sb.length() == 0 || i + 1 >= len) {
                    throw new RspException("run-length marker without a character to repeat");
                }
                int repeat = (body[++i] & 0xff) - 29;
                if (repeat < 0) {
                    throw new RspException("invalid run-length count");
                }
                char c = sb.charAt(sb.length() - 1);
                for (int k = 0; k < repeat; k++) {
                    sb.append(c);
                }
            } else {
                sb.append((char) b);
            }
        }
        return sb.toString();
    }

    public static String hex2(int b) {
        String h = Integer.toHexString(b & 0xff);
        return h.length() == 1 ? "0" + h : h;
    }

    /** Hex-encodes text (for qRcmd). */
    public static String hexOf(String text) {
        return hexOf(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String hexOf(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            sb.append(hex2(b));
        }
        return sb.toString();
    }

    /** Decodes hex digits to bytes; throws RspException on odd length or a non-hex digit. */
    public static byte[] bytesOf(String hex) {
        if ((hex.length() & 1) != 0) {
            throw new RspException("odd-length hex: " + abbreviate(hex));
        }
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(hex.charAt(2 * i), 16);
            int lo = Character.digit(hex.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                throw new RspException("not hex: " + abbreviate(hex));
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }

    /** Little-endian value of target-order hex bytes (registers, memory words). */
    public static long littleEndian(String hex) {
        byte[] b = bytesOf(hex);
        long v = 0;
        for (int i = Math.min(b.length, 8) - 1; i >= 0; i--) {
            v = v << 8 | (b[i] & 0xff);
        }
        return v;
    }

    /** The value as {@code bytes} little-endian hex bytes. */
    public static String littleEndianHex(long value, int bytes) {
        StringBuilder sb = new StringBuilder(bytes * 2);
        for (int i = 0; i < bytes; i++) {
            sb.append(hex2((int) (value >>> (8 * i))));
        }
        return sb.toString();
    }

    static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
