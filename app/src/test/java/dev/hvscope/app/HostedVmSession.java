package dev.hvscope.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code hvscope vm ARGS... -gdb tcp:127.0.0.1:0 -S} started through {@link Main#run} on another
 * thread, with the port it printed, and a minimal RSP client for raw-socket tests.
 */
final class HostedVmSession implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("hvscope: gdb stub listening on 127\\.0\\.0\\.1:(\\d+)");

    final StringWriter out = new StringWriter();
    final WatchedWriter err = new WatchedWriter();
    final CompletableFuture<Integer> status;
    final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream os;

    HostedVmSession(String... vmArgs) throws InterruptedException {
        String[] args = new String[vmArgs.length + 4];
        args[0] = "vm";
        System.arraycopy(vmArgs, 0, args, 1, vmArgs.length);
        args[vmArgs.length + 1] = "-gdb";
        args[vmArgs.length + 2] = "tcp:127.0.0.1:0";
        args[vmArgs.length + 3] = "-S";
        status = CompletableFuture.supplyAsync(() -> Main.run(args, new PrintWriter(out, true),
                new PrintWriter(err, true)));
        status.whenComplete((r, e) -> err.close());
        Matcher m = err.await(LISTENING, 20_000);
        port = Integer.parseInt(m.group(1));
    }

    void connect() throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(20_000);
        in = socket.getInputStream();
        os = socket.getOutputStream();
    }

    /** Sends a packet; returns its reply, skipping acks and O (console output) packets. */
    String request(String payload) throws IOException {
        return request(payload, new StringBuilder());
    }

    /** As {@link #request(String)}, appending the text of O packets to {@code output}. */
    String request(String payload, StringBuilder output) throws IOException {
        int sum = 0;
        for (byte b : payload.getBytes(StandardCharsets.ISO_8859_1)) {
            sum += b & 0xff;
        }
        os.write(("$" + payload + "#" + String.format("%02x", sum & 0xff)).getBytes(StandardCharsets.ISO_8859_1));
        os.flush();
        while (true) {
            String r = readPacket();
            if (r.startsWith("O") && !r.equals("OK")) {
                output.append(unhex(r.substring(1)));
                continue;
            }
            return r;
        }
    }

    /** {@code monitor LINE}: the text it printed (the final OK checked). */
    String monitor(String line) throws IOException {
        StringBuilder text = new StringBuilder();
        String r = request("qRcmd," + hex(line), text);
        assertTrue(r.equals("OK"), "monitor " + line + " replied " + r + " after " + text);
        return text.toString();
    }

    private String readPacket() throws IOException {
        int b;
        do {
            b = in.read();
            if (b < 0) {
                throw new IOException("connection closed");
            }
        } while (b != '$');
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        while ((b = in.read()) != '#') {
            if (b < 0) {
                throw new IOException("connection closed");
            }
            raw.write(b);
        }
        in.read();
        in.read();
        os.write('+');
        return expandRunLength(raw.toString(StandardCharsets.ISO_8859_1));
    }

    /** Undoes run-length encoding ({@code X*N}: N - 29 more copies of X). */
    private static String expandRunLength(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '*' && i + 1 < s.length() && sb.length() > 0) {
                char prev = sb.charAt(sb.length() - 1);
                sb.append(String.valueOf(prev).repeat(s.charAt(++i) - 29));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    static String hex(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.ISO_8859_1)) {
            sb.append(String.format("%02x", b & 0xff));
        }
        return sb.toString();
    }

    static String unhex(String h) {
        byte[] b = new byte[h.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        }
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    /** A little-endian register or memory value from hex bytes. */
    static long littleEndian(String h) {
        long v = 0;
        for (int i = h.length() / 2 - 1; i >= 0; i--) {
            v = v << 8 | Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        }
        return v;
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            socket.close();
        }
        if (!status.isDone()) {
            status.cancel(true);
        }
    }
}
