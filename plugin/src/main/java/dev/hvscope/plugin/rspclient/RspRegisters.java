package dev.hvscope.plugin.rspclient;

/**
 * Register packets: {@code qXfer:features:read} (the target description), {@code p}/{@code P}
 * by name through it, and {@code g} for the core block.
 */
public final class RspRegisters {
    private final RspConnection conn;
    private TargetDescription description;

    RspRegisters(RspConnection conn) {
        this.conn = conn;
    }

    /** Reads and caches the target description (needs {@code qXfer:features:read+}). */
    public TargetDescription description() {
        if (description == null) {
            description = TargetDescription.parse(readAnnex("target.xml"), this::readAnnex);
        }
        return description;
    }

    /** Reads a whole qXfer features annex in chunks. */
    String readAnnex(String annex) {
        return readXfer(conn, "features", annex);
    }

    /** Reads a whole {@code qXfer:OBJECT:read:ANNEX} document in chunks (features, hvscope views). */
    static String readXfer(RspConnection conn, String object, String annex) {
        return readXfer(conn, object, annex, 0xffb);
    }

    /** A whole qXfer document, asked for in pieces of up to {@code chunk} bytes. */
    static String readXfer(RspConnection conn, String object, String annex, int chunk) {
        StringBuilder sb = new StringBuilder();
        while (true) {
            String req = "qXfer:" + object + ":read:" + annex + ":" + Integer.toHexString(sb.length()) + ","
                    + Integer.toHexString(chunk);
            String reply = Replies.data(req, conn.exchange(req));
            char kind = reply.charAt(0);
            if (kind != 'm' && kind != 'l') {
                throw new RspException("unexpected qXfer reply: " + RspCodec.abbreviate(reply));
            }
            sb.append(reply, 1, reply.length());
            if (kind == 'l' || reply.length() == 1) {
                return sb.toString();
            }
        }
    }

    /** The register by name; throws when the target has none of that name. */
    public RegisterInfo info(String name) {
        RegisterInfo r = description().get(name);
        if (r == null) {
            throw new RspException("the target has no register '" + name + "'");
        }
        return r;
    }

    /** Reads a register of up to 64 bits by name. */
    public long read(String name) {
        return read(info(name));
    }

    public long read(RegisterInfo r) {
        String req = "p" + Integer.toHexString(r.regnum());
        String reply = Replies.data(req, conn.exchange(req));
        if (reply.startsWith("x")) {
            throw new RspException("register " + r.name() + " is unavailable");
        }
        return RspCodec.littleEndian(reply);
    }

    /** Writes a register by name. */
    public void write(String name, long value) {
        write(info(name), value);
    }

    public void write(RegisterInfo r, long value) {
        String req = "P" + Integer.toHexString(r.regnum()) + "=" + RspCodec.littleEndianHex(value, r.bitsize() / 8);
        Replies.ok(req, conn.exchange(req));
    }

    /** The {@code g} block as 64-bit values (x0-x31 and pc on riscv64). */
    public long[] readGeneral() {
        String reply = Replies.data("g", conn.exchange("g"));
        long[] out = new long[reply.length() / 16];
        for (int i = 0; i < out.length; i++) {
            out[i] = RspCodec.littleEndian(reply.substring(16 * i, 16 * i + 16));
        }
        return out;
    }
}
