package dev.hvscope.plugin.rspclient;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A typed client for one RSP stub: connects, negotiates ({@code qSupported}, no-ack mode when
 * offered, {@code vCont?}) and hands out one object per packet group. Not thread-safe: one
 * request at a time (the debug adapter serializes them).
 */
public final class RspClient implements AutoCloseable {
    private final RspConnection conn;
    private final Map<String, String> features;
    private final RspRegisters registers;
    private final RspMemory memory;
    private final int xferChunk;
    private final RspBreakpoints breakpoints;
    private final RspRunControl run;
    private final RspThreads threads;
    private final RspMonitor monitor;
    private final QemuExtensions qemu;

    private RspClient(RspConnection conn, Map<String, String> features) {
        this.conn = conn;
        this.features = features;
        int packetSize = 4096;
        String ps = features.get("PacketSize");
        if (ps != null) {
            try {
                packetSize = Integer.parseInt(ps, 16);
            } catch (NumberFormatException ignored) {
                // keep the default
            }
        }
        this.registers = new RspRegisters(conn);
        this.memory = new RspMemory(conn, packetSize);
        // a qXfer reply is 'm'/'l' plus the bytes, escaped: a quarter of the packet is always safe
        this.xferChunk = Math.max(0xffb, packetSize / 4);
        this.breakpoints = new RspBreakpoints(conn);
        this.run = new RspRunControl(conn);
        this.threads = new RspThreads(conn);
        this.monitor = new RspMonitor(conn);
        this.qemu = new QemuExtensions(conn);
    }

    /** Connects and negotiates. */
    public static RspClient connect(String host, int port) {
        return open(RspConnection.connect(host, port, 5_000));
    }

    /** Connects to a stub on a Unix domain socket and negotiates, as {@link #connect(String, int)}. */
    public static RspClient connect(java.nio.file.Path socket) {
        return open(RspConnection.connect(socket));
    }

    /** Negotiates over an open connection. */
    public static RspClient open(RspConnection conn) {
        try {
            String reply = conn.exchange("qSupported:swbreak+;hwbreak+;vContSupported+;xmlRegisters=riscv");
            Map<String, String> features = parseFeatures(reply);
            if ("+".equals(features.get("QStartNoAckMode")) && "OK".equals(conn.exchange("QStartNoAckMode"))) {
                conn.enterNoAckMode();
            }
            RspClient c = new RspClient(conn, features);
            c.run.probeVCont();
            return c;
        } catch (RuntimeException e) {
            conn.close();
            throw e;
        }
    }

    static Map<String, String> parseFeatures(String reply) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String f : reply.split(";")) {
            if (f.isEmpty()) {
                continue;
            }
            int eq = f.indexOf('=');
            if (eq >= 0) {
                out.put(f.substring(0, eq), f.substring(eq + 1));
            } else if (f.endsWith("+") || f.endsWith("-") || f.endsWith("?")) {
                out.put(f.substring(0, f.length() - 1), f.substring(f.length() - 1));
            } else {
                out.put(f, "+");
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** The stub's qSupported answer: name to value ({@code +}, {@code -}, or the text after =). */
    public Map<String, String> features() {
        return features;
    }

    public boolean supports(String feature) {
        return "+".equals(features.get(feature));
    }

    /** A whole {@code qXfer:OBJECT:read:ANNEX} document, e.g. hvscope's JSON views. */
    public String readXfer(String object, String annex) {
        return RspRegisters.readXfer(conn, object, annex, xferChunk);
    }

    public RspConnection connection() {
        return conn;
    }

    public RspRegisters registers() {
        return registers;
    }

    public RspMemory memory() {
        return memory;
    }

    public RspBreakpoints breakpoints() {
        return breakpoints;
    }

    public RspRunControl run() {
        return run;
    }

    public RspThreads threads() {
        return threads;
    }

    public RspMonitor monitor() {
        return monitor;
    }

    public QemuExtensions qemu() {
        return qemu;
    }

    /** Asks the stub to end the debuggee ({@code k}); the connection is closed afterwards. */
    public void kill() {
        try {
            conn.send("k");
        } catch (RspException ignored) {
            // already gone
        }
        close();
    }

    /** Leaves the debuggee running ({@code D}) and closes. */
    public void detach() {
        try {
            conn.exchange("D");
        } catch (RspException ignored) {
            // already gone
        }
        close();
    }

    @Override
    public void close() {
        conn.close();
    }
}
