package dev.hvscope.plugin.jsonrpc;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Mutations of valid JSON messages and of their frames, for the LSP and DAP fuzz tests. */
public final class Fuzz {
    private static final String ALPHABET = "{}[]\":,0123456789-.eE truefalsnul\\u\u00e9\ud83d\ude00\u0000\n";
    private static final String[] TOKENS = {
        "null", "true", "-1", "1e999", "9223372036854775808", "\"\"", "[]", "{}", "\"\\u0000\"",
        "[".repeat(300), "{\"a\":".repeat(200), "\"" + "x".repeat(5000) + "\"",
    };

    /** More than any body {@link #mutate} makes (and any length {@link #brokenFrame} claims). */
    static final int MAX_BODY = 1 << 16;

    private Fuzz() {
    }

    /** {@code json} with one to four random edits. */
    public static String mutate(String json, Random random) {
        StringBuilder s = new StringBuilder(json);
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int at = s.length() == 0 ? 0 : random.nextInt(s.length());
            int span = s.length() == at ? 0 : random.nextInt(Math.min(12, s.length() - at) + 1);
            switch (random.nextInt(6)) {
                case 0 -> s.delete(at, at + span);
                case 1 -> s.insert(at, s.substring(at, at + span));
                case 2 -> s.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                case 3 -> s.replace(at, at + span, TOKENS[random.nextInt(TOKENS.length)]);
                case 4 -> s.setLength(at);
                default -> {
                    if (s.length() > 0) {
                        s.setCharAt(at == s.length() ? at - 1 : at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                    }
                }
            }
        }
        return s.toString();
    }

    /**
     * A frame around {@code body} with a damaged header: a length a little off, a missing or
     * repeated header, no blank line. The length is never more than a few KiB too long, so padding
     * the stream afterwards brings a reader back in step.
     */
    public static byte[] brokenFrame(String body, Random random) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        String head = switch (random.nextInt(6)) {
            case 0 -> "Content-Length: " + Math.max(0, b.length - random.nextInt(20)) + "\r\n\r\n";
            case 1 -> "Content-Length: " + (b.length + random.nextInt(200)) + "\r\n\r\n";
            case 2 -> "Content-Type: application/json\r\n\r\n";
            case 3 -> "Content-Length: " + b.length + "\r\nContent-Length: x\r\n\r\n";
            case 4 -> "Content-Length: " + b.length + "\n\n";
            default -> "Content-Length: -" + b.length + "\r\n\r\n";
        };
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[h.length + b.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(b, 0, all, h.length, b.length);
        return all;
    }

    /**
     * Bytes after which a reader is at the start of a frame again, whatever broken frames came
     * before: a blank line ends any header block (its body, at most {@link #MAX_BODY} bytes, is
     * then read from the filler), the filler completes any body in progress, and the last blank
     * line ends the filler's header line. A stream can always be put out of step by a wrong
     * Content-Length; this is how a client gets it back.
     */
    public static byte[] resynchronisation() {
        byte[] bytes = new byte[MAX_BODY + 8];
        bytes[0] = '\r';
        bytes[1] = '\n';
        bytes[2] = '\r';
        bytes[3] = '\n';
        for (int i = 4; i < bytes.length - 4; i++) {
            bytes[i] = ' ';
        }
        bytes[bytes.length - 4] = '\r';
        bytes[bytes.length - 3] = '\n';
        bytes[bytes.length - 2] = '\r';
        bytes[bytes.length - 1] = '\n';
        return bytes;
    }
}
