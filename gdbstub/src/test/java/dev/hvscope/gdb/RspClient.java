package dev.hvscope.gdb;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A raw RSP client for tests: sends bytes as given and reads replies, acks and packets. */
final class RspClient implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RspClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    static String frame(String payload) {
        int sum = 0;
        for (byte b : payload.getBytes(StandardCharsets.ISO_8859_1)) {
            sum += b & 0xff;
        }
        return "$" + payload + "#" + String.format("%02x", sum & 0xff);
    }

    void sendRaw(String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    void send(String payload) throws IOException {
        sendRaw(frame(payload));
    }

    /** Next byte that is not part of a packet ('+', '-') or '$' when a packet starts (not consumed further). */
    int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new IOException("connection closed");
        }
        return b;
    }

    /** Reads the next packet (skipping acks), checks its checksum, undoes escapes and run-length encoding. */
    String readPacket() throws IOException {
        int b;
        do {
            b = readByte();
        } while (b != '$');
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        int sum = 0;
        while ((b = readByte()) != '#') {
            raw.write(b);
            sum += b;
        }
        int cs = Integer.parseInt("" + (char) readByte() + (char) readByte(), 16);
        if (cs != (sum & 0xff)) {
            throw new IOException("bad checksum from stub");
        }
        return new String(dev.hvscope.gdb.rsp.RspDecoderAccess.unescape(raw.toByteArray()), StandardCharsets.ISO_8859_1);
    }

    /** Sends a packet and returns its reply (skipping the stub's ack and any O output packets). */
    String request(String payload) throws IOException {
        send(payload);
        String r;
        do {
            r = readPacket();
        } while (r.startsWith("O") && !r.equals("OK"));
        return r;
    }

    /** Reads a whole qXfer object in pieces of at most chunk bytes, as gdb does. */
    String xfer(String object, String annex, int chunk) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            String r = request("qXfer:" + object + ":read:" + annex + ":" + Integer.toHexString(sb.length()) + ","
                    + Integer.toHexString(chunk));
            sb.append(r.substring(1));
            if (r.startsWith("l")) {
                return sb.toString();
            }
            assertTrue(r.startsWith("m"), r);
        }
    }

    boolean closedByPeer() throws IOException {
        socket.setSoTimeout(3000);
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    void setTimeout(int ms) throws IOException {
        socket.setSoTimeout(ms);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
