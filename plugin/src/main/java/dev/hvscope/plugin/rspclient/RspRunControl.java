package dev.hvscope.plugin.rspclient;

import java.util.function.Consumer;

/**
 * Run control: {@code vCont;c}/{@code vCont;s:tid} when the stub offers them (else {@code c}/{@code s}),
 * Ctrl-C, {@code ?}, and waiting for the stop reply. Console output ({@code O} packets) that arrives
 * while running goes to the output consumer.
 */
public final class RspRunControl {
    private final RspConnection conn;
    private volatile boolean vContContinue;
    private volatile boolean vContStep;
    private volatile Consumer<String> output = s -> { };

    RspRunControl(RspConnection conn) {
        this.conn = conn;
    }

    /** Asks {@code vCont?} which actions the stub supports. */
    void probeVCont() {
        String reply = conn.exchange("vCont?");
        if (reply.startsWith("vCont")) {
            for (String a : reply.substring(5).split(";")) {
                vContContinue |= a.equals("c");
                vContStep |= a.equals("s");
            }
        }
    }

    public void setOutput(Consumer<String> output) {
        this.output = output == null ? s -> { } : output;
    }

    /** Why the target is stopped now ({@code ?}). */
    public StopReply haltReason() {
        return StopReply.parse(Replies.data("?", conn.exchange("?")));
    }

    /** Resumes every thread; the stop comes later through {@link #awaitStop}. */
    public void resume() {
        conn.send(vContContinue ? "vCont;c" : "c");
    }

    /** Single-steps one thread (others stay stopped); the stop comes through {@link #awaitStop}. */
    public void step(long tid) {
        if (vContStep) {
            conn.send("vCont;s:" + ThreadId.format(tid));
        } else {
            conn.send("s");
        }
    }

    /** Stops a running target; it answers with a stop reply. */
    public void interrupt() {
        conn.interrupt();
    }

    /**
     * Waits for the stop reply of a resume or step, passing {@code O} output on.
     *
     * @param millis 0 or less to wait for ever
     */
    public StopReply awaitStop(long millis) {
        while (true) {
            String p = conn.awaitPacket(millis);
            if (p.startsWith("O") && !p.equals("OK")) {
                output.accept(new String(RspCodec.bytesOf(p.substring(1)), java.nio.charset.StandardCharsets.UTF_8));
                continue;
            }
            return StopReply.parse(p);
        }
    }
}
