package dev.hvscope.gdb.rsp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * RSP framing: {@code $payload#cs} packets, {@code +}/{@code -} acks and the bare 0x03 interrupt
 * byte; anything else between packets is ignored. One method per state, each returning false when
 * it needs more bytes [Netty RedisDecoder]. The checksum covers the bytes as sent; escapes
 * ({@code }} then byte ^ 0x20) and run-length encoding ({@code *} then count + 29) are undone
 * after it is verified.
 */
public final class RspDecoder extends ByteToMessageDecoder {
    enum State { IDLE, BODY, CHECKSUM, DISCARD, DISCARD_CHECKSUM }

    private final int maxPacket;
    private State state = State.IDLE;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private int sum;
    private int discarded;

    public RspDecoder(int maxPacket) {
        this.maxPacket = maxPacket;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        boolean progress = true;
        while (progress && in.isReadable()) {
            switch (state) {
                case IDLE: progress = decodeIdle(in, out); break;
                case BODY: progress = decodeBody(in); break;
                case CHECKSUM: progress = decodeChecksum(in, out); break;
                case DISCARD: progress = decodeDiscard(in); break;
                default: progress = decodeDiscardChecksum(in, out); break;
            }
        }
    }

    private boolean decodeIdle(ByteBuf in, List<Object> out) {
        byte b = in.readByte();
        switch (b) {
            case '$':
                body.reset();
                sum = 0;
                state = State.BODY;
                break;
            case '+': out.add(RspMessage.ACK); break;
            case '-': out.add(RspMessage.NAK); break;
            case 0x03: out.add(RspMessage.INTERRUPT); break;
            default: break;   // garbage between packets
        }
        return true;
    }

    private boolean decodeBody(ByteBuf in) {
        while (in.isReadable()) {
            byte b = in.readByte();
            if (b == '#') {
                state = State.CHECKSUM;
                return true;
            }
            if (b == '$') {   // a new packet starts: the previous one was cut off
                body.reset();
                sum = 0;
                continue;
            }
            sum += b & 0xff;
            body.write(b);
            if (body.size() > maxPacket) {
                discarded = body.size();
                body.reset();
                state = State.DISCARD;
                return true;
            }
        }
        return false;
    }

    private boolean decodeChecksum(ByteBuf in, List<Object> out) {
        if (in.readableBytes() < 2) {
            return false;
        }
        int hi = Character.digit(in.readByte(), 16);
        int lo = Character.digit(in.readByte(), 16);
        boolean ok = hi >= 0 && lo >= 0 && ((hi << 4) | lo) == (sum & 0xff);
        byte[] raw = body.toByteArray();
        out.add(new RspMessage.Packet(ok ? unescape(raw) : raw, ok));
        state = State.IDLE;
        return true;
    }

    private boolean decodeDiscard(ByteBuf in) {
        while (in.isReadable()) {
            byte b = in.readByte();
            if (b == '#') {
                state = State.DISCARD_CHECKSUM;
                return true;
            }
            discarded++;
        }
        return false;
    }

    private boolean decodeDiscardChecksum(ByteBuf in, List<Object> out) {
        if (in.readableBytes() < 2) {
            return false;
        }
        in.skipBytes(2);
        out.add(new RspMessage.Oversize(discarded));
        state = State.IDLE;
        return true;
    }

    /** Undoes escapes and run-length encoding, in one pass as the bytes were sent. */
    static byte[] unescape(byte[] raw) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(raw.length);
        int last = -1;
        for (int i = 0; i < raw.length; i++) {
            int b = raw[i] & 0xff;
            if (b == '}' && i + 1 < raw.length) {
                last = (raw[++i] & 0xff) ^ 0x20;
                o.write(last);
            } else if (b == '*' && last >= 0 && i + 1 < raw.length) {
                int repeat = (raw[++i] & 0xff) - 29;
                for (int k = 0; k < repeat; k++) {
                    o.write(last);
                }
            } else {
                last = b;
                o.write(b);
            }
        }
        return o.toByteArray();
    }
}
