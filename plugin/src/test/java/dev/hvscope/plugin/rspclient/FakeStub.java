package dev.hvscope.plugin.rspclient;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A scripted RSP peer on a loopback port: the test reads what the client sent and writes raw replies. */
final class FakeStub implements AutoCloseable {
    private final ServerSocket server;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    FakeStub() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    int port() {
        return server.getLocalPort();
    }

    /** Accepts the client (call after the client started connecting). */
    void accept() throws IOException {
        server.setSoTimeout(5_000);
        socket = server.accept();
        socket.setSoTimeout(5_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Reads one framed packet's payload (escapes undone), skipping acks; returns "^C" for the interrupt byte. */
    String readPacket() throws IOException {
        int b;
        while ((b = in.read()) != '$') {
            if (b < 0) {
                throw new IOException("client closed");
            }
            if (b == 0x03) {
                return "^C";
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while ((b = in.read()) != '#') {
            body.write(b);
        }
        in.read();
        in.read();
        byte[] raw = body.toByteArray();
        return RspCodec.decodeBody(raw, raw.length);
    }

    /** Reads one byte (an ack, a NAK, or the interrupt). */
    int readByte() throws IOException {
        return in.read();
    }

    void raw(String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** A correctly framed reply with checksum (the payload is sent as is: escape or RLE it yourself). */
    void reply(String payload) throws IOException {
        raw("+$" + payload + "#" + RspCodec.hex2(RspCodec.checksum(payload.getBytes(StandardCharsets.ISO_8859_1),
                payload.length())));
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            socket.close();
        }
        server.close();
    }
}
