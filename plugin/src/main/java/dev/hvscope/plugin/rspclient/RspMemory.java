package dev.hvscope.plugin.rspclient;

/** Memory packets {@code m} and {@code M}, split into chunks that fit the stub's PacketSize. */
public final class RspMemory {
    private final RspConnection conn;
    private final int chunk;

    RspMemory(RspConnection conn, int packetSize) {
        this.conn = conn;
        // A reply carries two hex digits per byte plus framing; keep well inside the packet size.
        this.chunk = Math.max(16, Math.min(4096, (packetSize - 32) / 2));
    }

    /** Reads {@code len} bytes; a partial reply ends the read early (the result is shorter). */
    public byte[] read(long addr, int len) {
        byte[] out = new byte[len];
        int done = 0;
        while (done < len) {
            int n = Math.min(chunk, len - done);
            String req = "m" + Long.toHexString(addr + done) + "," + Integer.toHexString(n);
            byte[] part = RspCodec.bytesOf(Replies.data(req, conn.exchange(req)));
            System.arraycopy(part, 0, out, done, Math.min(part.length, n));
            done += Math.min(part.length, n);
            if (part.length < n) {
                return java.util.Arrays.copyOf(out, done);
            }
        }
        return out;
    }

    /** Reads {@code len} bytes, throwing when the stub returns fewer. */
    public byte[] readFully(long addr, int len) {
        byte[] b = read(addr, len);
        if (b.length != len) {
            throw new RspException("only " + b.length + " of " + len + " bytes readable at 0x" + Long.toHexString(addr));
        }
        return b;
    }

    /** A little-endian 64-bit word. */
    public long read64(long addr) {
        byte[] b = readFully(addr, 8);
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | (b[i] & 0xff);
        }
        return v;
    }

    public void write(long addr, byte[] data) {
        int done = 0;
        while (done < data.length) {
            int n = Math.min(chunk, data.length - done);
            byte[] part = java.util.Arrays.copyOfRange(data, done, done + n);
            String req = "M" + Long.toHexString(addr + done) + "," + Integer.toHexString(n) + ":" + RspCodec.hexOf(part);
            Replies.ok(req, conn.exchange(req));
            done += n;
        }
    }
}
