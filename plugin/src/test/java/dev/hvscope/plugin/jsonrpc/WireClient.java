package dev.hvscope.plugin.jsonrpc;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A client that writes raw bytes (well-formed frames or not) to an LSP or DAP server and collects
 * the framed messages it answers with, read on a thread of its own.
 */
public final class WireClient implements AutoCloseable {
    private final OutputStream out;
    private final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
    private final Thread reader;

    public WireClient(InputStream fromServer, OutputStream toServer) {
        this.out = toServer;
        InputStream in = new BufferedInputStream(fromServer);
        reader = new Thread(() -> readAll(in), "wire-client-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** One frame around {@code body}. */
    public static byte[] frame(String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("Content-Length: " + b.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + b.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(b, 0, all, head.length, b.length);
        return all;
    }

    public void send(String body) throws IOException {
        sendRaw(frame(body));
    }

    public synchronized void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The first message (skipping others) that {@code wanted} accepts, or null after {@code seconds}. */
    public JsonObject await(Predicate<JsonObject> wanted, int seconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        for (;;) {
            long left = end - System.nanoTime();
            JsonObject m = left <= 0 ? null : received.poll(left, TimeUnit.NANOSECONDS);
            if (m == null || wanted.test(m)) {
                return m;
            }
        }
    }

    private void readAll(InputStream in) {
        try {
            for (;;) {
                int length = -1;
                for (String line = line(in); !line.isEmpty(); line = line(in)) {
                    if (line.startsWith("Content-Length:")) {
                        length = Integer.parseInt(line.substring(15).trim());
                    }
                }
                byte[] body = in.readNBytes(length);
                if (body.length < length) {
                    return;
                }
                received.add(JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonObject());
            }
        } catch (IOException | RuntimeException e) {
            // the connection ended
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("end of stream");
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
