package dev.hvscope.gdb.rsp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;

/**
 * Writes one packet {@code $payload#cs} into a pooled buffer, escaping {@code $ # } *} and
 * run-length encoding runs of 4 or more as it goes, with the checksum computed on the fly.
 */
public final class RspWriter {
    private RspWriter() {
    }

    public static ByteBuf packet(ByteBufAllocator alloc, String payload) {
        return packet(alloc, payload.getBytes(StandardCharsets.ISO_8859_1));
    }

    public static ByteBuf packet(ByteBufAllocator alloc, byte[] payload) {
        ByteBuf buf = alloc.buffer(payload.length + 8);
        buf.writeByte('$');
        int sum = 0;
        int i = 0;
        while (i < payload.length) {
            int b = payload[i] & 0xff;
            int run = 1;
            while (i + run < payload.length && payload[i + run] == payload[i] && run < 98) {
                run++;
            }
            sum += writeByte(buf, b);
            int repeat = run - 1;
            // A count byte of repeat + 29 must be printable and not '#', '$' (6 and 7 repeats): cap at 5 or use >= 8.
            if (repeat >= 3 && !needsEscape(b)) {
                if (repeat == 6 || repeat == 7) {
                    repeat = 5;
                }
                buf.writeByte('*');
                buf.writeByte(repeat + 29);
                sum += '*' + repeat + 29;
                i += 1 + repeat;
            } else {
                i++;
            }
        }
        buf.writeByte('#');
        buf.writeByte(hexDigit((sum >> 4) & 0xf));
        buf.writeByte(hexDigit(sum & 0xf));
        return buf;
    }

    private static boolean needsEscape(int b) {
        return b == '$' || b == '#' || b == '}' || b == '*';
    }

    private static int writeByte(ByteBuf buf, int b) {
        if (needsEscape(b)) {
            buf.writeByte('}');
            buf.writeByte(b ^ 0x20);
            return '}' + (b ^ 0x20);
        }
        buf.writeByte(b);
        return b;
    }

    private static int hexDigit(int v) {
        return "0123456789abcdef".charAt(v);
    }
}
