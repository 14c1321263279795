package dev.hvscope.plugin.dap;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;

/**
 * The secret a debug adapter on TCP asks of each client, as Jupyter asks for its token: 256 random
 * bits, written to a file only the user can read. A client sends the line {@value #PREFIX}{@code
 * <hex>\r\n} before its first DAP message; a connection without it is closed before any request
 * is read. Over stdio there is none: the process that started the adapter owns the pipe.
 */
public final class DapToken {
    /** What the client's first line starts with; the token's hex digits follow. */
    public static final String PREFIX = "HVSCOPE-TOKEN ";
    private static final int BYTES = 32;
    /** The longest first line read: the prefix, the hex digits, CR LF, and some slack. */
    private static final int MAX_LINE = PREFIX.length() + 2 * BYTES + 16;
    private final String hex;

    private DapToken(String hex) {
        this.hex = hex;
    }

    /** A fresh random token. */
    public static DapToken generate() {
        byte[] b = new byte[BYTES];
        new SecureRandom().nextBytes(b);
        return new DapToken(HexFormat.of().formatHex(b));
    }

    /**
     * The token a {@link #writeTo} file holds.
     *
     * @throws IOException when it cannot be read or holds no token
     */
    public static DapToken readFrom(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (!text.matches("[0-9a-f]{" + 2 * BYTES + "}")) {
            throw new IOException(file + " holds no hvscope dap token");
        }
        return new DapToken(text);
    }

    public String hex() {
        return hex;
    }

    /** The line a client sends first. */
    public String line() {
        return PREFIX + hex + "\r\n";
    }

    /**
     * Writes the token into a new file of mode 0600 (an old file of that name is replaced; the
     * file is created exclusively, so a link planted there is not followed).
     */
    public void writeTo(Path file) throws IOException {
        Files.deleteIfExists(file);
        try (SeekableByteChannel ch = Files.newByteChannel(file,
                EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            ch.write(ByteBuffer.wrap((hex + "\n").getBytes(StandardCharsets.US_ASCII)));
        }
    }

    /**
     * Reads the client's first line from {@code in} (byte by byte, so nothing of the DAP stream
     * after it is consumed) and compares it in constant time. False for a missing, wrong or
     * overlong line, or a stream that ends first.
     */
    boolean admits(InputStream in) throws IOException {
        byte[] line = new byte[MAX_LINE];
        int n = 0;
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (n == MAX_LINE) {
                return false;
            }
            line[n++] = (byte) b;
        }
        if (b < 0) {
            return false;
        }
        if (n > 0 && line[n - 1] == '\r') {
            n--;
        }
        byte[] expected = (PREFIX + hex).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, Arrays.copyOf(line, n));
    }
}
