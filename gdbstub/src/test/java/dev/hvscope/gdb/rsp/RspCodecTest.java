package dev.hvscope.gdb.rsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RspCodecTest {
    private static ByteBuf bytes(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
    }

    private static String frame(String payload) {
        int sum = 0;
        for (byte b : payload.getBytes(StandardCharsets.ISO_8859_1)) {
            sum += b & 0xff;
        }
        return "$" + payload + "#" + String.format("%02x", sum & 0xff);
    }

    private static EmbeddedChannel channel() {
        return new EmbeddedChannel(new RspDecoder(4096));
    }

    @Test
    void packetSplitAcrossReads_decodesOnce() {
        EmbeddedChannel ch = channel();
        String f = frame("qSupported:multiprocess+");
        for (int i = 0; i < f.length(); i++) {
            ch.writeInbound(bytes(f.substring(i, i + 1)));
            if (i < f.length() - 1) {
                assertNull(ch.readInbound(), "nothing before the last checksum digit");
            }
        }
        RspMessage.Packet p = ch.readInbound();
        assertTrue(p.checksumOk());
        assertEquals("qSupported:multiprocess+", p.text());
        assertNull(ch.readInbound());
    }

    @Test
    void mergedAcksPacketsAndInterrupt_decodeInOrder() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(bytes("+" + frame("g") + "-\u0003" + frame("m0,4")));
        assertInstanceOf(RspMessage.Ack.class, ch.readInbound());
        assertEquals("g", ((RspMessage.Packet) ch.readInbound()).text());
        assertInstanceOf(RspMessage.Nak.class, ch.readInbound());
        assertInstanceOf(RspMessage.Interrupt.class, ch.readInbound());
        assertEquals("m0,4", ((RspMessage.Packet) ch.readInbound()).text());
    }

    @Test
    void badChecksum_isFlaggedNotDropped() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(bytes("$g#00"));
        RspMessage.Packet p = ch.readInbound();
        assertFalse(p.checksumOk());
    }

    @Test
    void garbageBetweenPackets_isIgnored() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(bytes("hello\r\n#12" + frame("?")));
        assertEquals("?", ((RspMessage.Packet) ch.readInbound()).text());
        assertNull(ch.readInbound());
    }

    @Test
    void escapesAndRunLength_areUndoneAfterTheChecksum() {
        EmbeddedChannel ch = channel();
        // "}\x03" is '#' escaped; "0* " is '0' repeated 3 more times (' ' = 32 = 3 + 29).
        ch.writeInbound(bytes(frame("X}\u0003a0* ")));
        RspMessage.Packet p = ch.readInbound();
        assertTrue(p.checksumOk());
        assertEquals("X#a0000", p.text());
    }

    @Test
    void oversizePacket_isDroppedAndReported_thenDecodingContinues() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(bytes(frame("M" + "0".repeat(5000))));
        ch.writeInbound(bytes(frame("?")));
        RspMessage.Oversize o = ch.readInbound();
        assertTrue(o.length() > 4096);
        assertEquals("?", ((RspMessage.Packet) ch.readInbound()).text());
    }

    @Test
    void writer_escapesAndRunLengthEncodes_andTheDecoderReadsItBack() {
        Random r = new Random(7);
        for (int n = 0; n < 500; n++) {
            byte[] payload = new byte[r.nextInt(300)];
            for (int i = 0; i < payload.length; i++) {
                // Many repeats and the special characters.
                payload[i] = r.nextInt(3) == 0 ? (byte) "$#}*0".charAt(r.nextInt(5)) : (byte) (i / 9);
            }
            ByteBuf out = RspWriter.packet(ByteBufAllocator.DEFAULT, payload);
            EmbeddedChannel ch = channel();
            ch.writeInbound(out);
            RspMessage.Packet p = ch.readInbound();
            assertTrue(p.checksumOk());
            assertArrayEquals(payload, p.payload());
        }
    }

    @Test
    void writer_compressesLongRuns() {
        ByteBuf out = RspWriter.packet(ByteBufAllocator.DEFAULT, "0".repeat(64));
        String s = out.toString(StandardCharsets.ISO_8859_1);
        assertTrue(s.length() < 20, s);
        assertFalse(s.substring(1, s.indexOf('#')).contains("#"));
    }
}
