package dev.hvscope.gdb.rsp;

/** What the framing decoder produces from the byte stream. */
public sealed interface RspMessage {
    /** {@code $payload#cs}; payload has escapes and run-length encoding undone. */
    record Packet(byte[] payload, boolean checksumOk) implements RspMessage {
        /** The payload as text, one char per byte (ISO-8859-1), so binary data survives. */
        public String text() {
            return new String(payload, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    /** A packet longer than the decoder accepts; its bytes were dropped. */
    record Oversize(int length) implements RspMessage {
    }

    /** {@code +}. */
    record Ack() implements RspMessage {
    }

    /** {@code -}: resend the last packet. */
    record Nak() implements RspMessage {
    }

    /** A bare 0x03 byte outside a packet: gdb's Ctrl-C. */
    record Interrupt() implements RspMessage {
    }

    RspMessage ACK = new Ack();
    RspMessage NAK = new Nak();
    RspMessage INTERRUPT = new Interrupt();
}
