package dev.hvscope.plugin.rspclient;

import dev.hvscope.plugin.live.UnixSockets;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One RSP connection: framing, acknowledgements, no-ack mode, and the Ctrl-C byte. A reader
 * thread turns the byte stream into packets: {@code +} confirms the last packet, {@code -} asks
 * for it again (it is resent, up to {@link #MAX_RESENDS} times), a packet with a bad checksum is
 * NAKed in ack mode, and every good packet goes into a queue that {@link #exchange} and
 * {@link #awaitPacket} take from. Requests are serialized by the callers (one at a time).
 */
public final class RspConnection implements AutoCloseable {
    /** How often one packet is resent after a NAK before the exchange fails. */
    static final int MAX_RESENDS = 8;
    private static final byte INTERRUPT = 0x03;
    private static final String CLOSED = "\u0000closed";

    private final Closeable socket;
    private final InputStream in;
    private final OutputStream out;
    private final BlockingQueue<String> packets = new LinkedBlockingQueue<>();
    private final Thread reader;
    private volatile boolean noAck;
    private volatile byte[] lastSent;
    private volatile int resends;
    private volatile long timeoutMillis = 10_000;
    private volatile Consumer<String> trace = s -> { };
    private volatile boolean closed;

    private RspConnection(Closeable socket, InputStream in, OutputStream out, String peer) {
        this.socket = socket;
        // buffered: the reader takes one byte at a time, which must not be a system call each
        this.in = new java.io.BufferedInputStream(in, 1 << 16);
        this.out = out;
        this.reader = new Thread(this::readLoop, "rsp-reader " + peer);
        reader.setDaemon(true);
        reader.start();
    }

    /** Connects to a stub. */
    public static RspConnection connect(String host, int port, int connectTimeoutMillis) {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
            s.setTcpNoDelay(true);
            return new RspConnection(s, s.getInputStream(), s.getOutputStream(), host + ":" + port);
        } catch (IOException e) {
            try {
                s.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
            throw new RspException("cannot connect to " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /** Connects to a stub on a Unix domain socket (hvscope's {@code -gdb unix:PATH}). */
    public static RspConnection connect(Path socket) {
        try {
            SocketChannel ch = UnixSockets.connect(socket);
            return new RspConnection(ch, UnixSockets.in(ch), UnixSockets.out(ch), "unix:" + socket);
        } catch (IOException e) {
            throw new RspException("cannot connect to unix:" + socket + ": " + e.getMessage(), e);
        }
    }

    /** How long {@link #exchange} waits for a reply. */
    public void setTimeoutMillis(long millis) {
        this.timeoutMillis = millis;
    }

    /** Receives a line per packet sent ({@code -> }) and received ({@code <- }), for debugging. */
    public void setTrace(Consumer<String> trace) {
        this.trace = trace == null ? s -> { } : trace;
    }

    /** After the stub accepted {@code QStartNoAckMode}: no more {@code +}/{@code -} either way. */
    public void enterNoAckMode() {
        noAck = true;
    }

    public boolean noAckMode() {
        return noAck;
    }

    public boolean isClosed() {
        return closed;
    }

    /**
     * Sends one packet and waits for the next packet from the stub. A reply that arrived after an
     * earlier exchange gave up is dropped first, so it cannot be taken for this one's.
     */
    public String exchange(String payload) {
        drain();
        send(payload);
        return awaitPacket(timeoutMillis);
    }

    /** Sends one packet without waiting for a reply (resume commands, whose reply is a later stop). */
    public synchronized void send(String payload) {
        byte[] framed = RspCodec.frame(payload);
        lastSent = noAck ? null : framed;
        resends = 0;
        trace.accept("-> " + payload);
        write(framed);
    }

    /** Sends the out-of-band interrupt byte (Ctrl-C), which a running target answers with a stop. */
    public synchronized void interrupt() {
        trace.accept("-> ^C");
        write(new byte[] {INTERRUPT});
    }

    /**
     * The next packet from the stub, waiting up to {@code millis} (0 or less: for ever).
     *
     * @throws RspException on timeout or when the connection closed
     */
    public String awaitPacket(long millis) {
        String p;
        try {
            p = millis <= 0 ? packets.take() : packets.poll(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RspException("interrupted while waiting for the stub");
        }
        if (p == null) {
            throw new RspException("no reply from the stub within " + millis + " ms");
        }
        if (p == CLOSED) {
            packets.offer(CLOSED);
            throw new RspException("connection to the stub closed");
        }
        return p;
    }

    /** Drops packets nobody asked for (a late reply after a timeout). */
    public void drain() {
        String p;
        while ((p = packets.peek()) != null && p != CLOSED) {
            packets.poll();
        }
    }

    private synchronized void write(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new RspException("write to the stub failed: " + e.getMessage(), e);
        }
    }

    private void readLoop() {
        byte[] body = new byte[4096];
        try {
            int b;
            while ((b = in.read()) >= 0) {
                if (b == '+') {
                    lastSent = null;
                } else if (b == '-') {
                    resendLast();
                } else if (b == '$' || b == '%') {
                    int len = 0;
                    while ((b = in.read()) >= 0 && b != '#') {
                        if (len == body.length) {
                            body = java.util.Arrays.copyOf(body, body.length * 2);
                        }
                        body[len++] = (byte) b;
                    }
                    int h = in.read();
                    int l = in.read();
                    if (b < 0 || h < 0 || l < 0) {
                        break;
                    }
                    receive(body, len, Character.digit(h, 16) << 4 | Character.digit(l, 16));
                }
                // anything else between packets is line noise: skipped
            }
        } catch (IOException e) {
            // the socket closed under us: fall through to the end marker
        }
        closed = true;
        packets.offer(CLOSED);
    }

    private void receive(byte[] body, int len, int expected) throws IOException {
        boolean good = RspCodec.checksum(body, len) == expected;
        if (!noAck) {
            synchronized (this) {
                out.write(good ? '+' : '-');
                out.flush();
            }
        }
        if (!good && !noAck) {
            trace.accept("<- (bad checksum, NAKed)");
            return;
        }
        String payload;
        try {
            payload = RspCodec.decodeBody(body, len);
        } catch (RspException e) {
            payload = "E.malformed";
        }
        trace.accept("<- " + RspCodec.abbreviate(payload));
        packets.offer(payload);
    }

    private synchronized void resendLast() {
        byte[] p = lastSent;
        if (p == null || ++resends > MAX_RESENDS) {
            return;
        }
        trace.accept("-> (resend)");
        write(p);
    }

    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
