package dev.hvscope.plugin.rspclient;

import java.nio.charset.StandardCharsets;

/** {@code qRcmd}: a monitor command; its output arrives as {@code O} packets, then {@code OK} (or a hex reply). */
public final class RspMonitor {
    private final RspConnection conn;

    RspMonitor(RspConnection conn) {
        this.conn = conn;
    }

    /** Runs a command and returns everything it printed. */
    public String run(String command) {
        String req = "qRcmd," + RspCodec.hexOf(command);
        StringBuilder out = new StringBuilder();
        String reply = conn.exchange(req);
        while (reply.startsWith("O") && !reply.equals("OK")) {
            out.append(new String(RspCodec.bytesOf(reply.substring(1)), StandardCharsets.UTF_8));
            reply = conn.awaitPacket(10_000);
        }
        if (reply.isEmpty()) {
            throw new RspException("the stub has no monitor commands");
        }
        if (Replies.isError(reply)) {
            throw new RspException("monitor " + command + " failed: " + reply);
        }
        if (!reply.equals("OK")) {
            out.append(new String(RspCodec.bytesOf(reply), StandardCharsets.UTF_8));
        }
        return out.toString();
    }
}
