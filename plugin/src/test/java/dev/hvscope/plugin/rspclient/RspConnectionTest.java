package dev.hvscope.plugin.rspclient;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Framing, acks, escapes, run-length encoding, NAK and resend, malformed replies, against a scripted stub. */
class RspConnectionTest {
    private static RspConnection connect(FakeStub stub) throws Exception {
        CompletableFuture<RspConnection> c = CompletableFuture.supplyAsync(() -> RspConnection.connect("127.0.0.1", stub.port(), 5_000));
        stub.accept();
        RspConnection conn = c.get();
        conn.setTimeoutMillis(2_000);
        return conn;
    }

    @Test
    void frame_escapesTheFourSpecialBytesAndChecksumsTheEscapedForm() {
        String framed = new String(RspCodec.frame("a$b#c}d*e"), StandardCharsets.ISO_8859_1);
        assertEquals("$a}\u0004b}\u0003c}]d}\ne#", framed.substring(0, framed.length() - 2));
        byte[] body = framed.substring(1, framed.length() - 3).getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(RspCodec.hex2(RspCodec.checksum(body, body.length)), framed.substring(framed.length() - 2));
        assertEquals("a$b#c}d*e", RspCodec.decodeBody(body, body.length));
    }

    @Test
    void decodeBody_expandsRunLengthEncoding() {
        byte[] b = "0* 1*\"".getBytes(StandardCharsets.ISO_8859_1); // ' ' = 32 -> 3 more, '"' = 34 -> 5 more
        assertEquals("00001111111".substring(0, 4) + "111111", RspCodec.decodeBody(b, b.length));
    }

    @Test
    void decodeBody_rejectsARunWithNothingToRepeat() {
        byte[] b = "*#".getBytes(StandardCharsets.ISO_8859_1);
        assertThrows(RspException.class, () -> RspCodec.decodeBody(b, b.length));
    }

    @Test
    void exchange_acksTheReplyAndReturnsItsPayload() throws Exception {
        try (FakeStub stub = new FakeStub(); RspConnection conn = connect(stub)) {
            CompletableFuture<String> r = CompletableFuture.supplyAsync(() -> conn.exchange("qC"));
            assertEquals("qC", stub.readPacket());
            stub.reply("QC1");
            assertEquals("QC1", r.get());
            assertEquals('+', stub.readByte());
        }
    }

    @Test
    void nak_makesTheClientResendTheSamePacket() throws Exception {
        try (FakeStub stub = new FakeStub(); RspConnection conn = connect(stub)) {
            CompletableFuture<String> r = CompletableFuture.supplyAsync(() -> conn.exchange("m80000000,4"));
            assertEquals("m80000000,4", stub.readPacket());
            stub.raw("-");
            assertEquals("m80000000,4", stub.readPacket());
            stub.reply("01020304");
            assertEquals("01020304", r.get());
        }
    }

    @Test
    void badChecksum_isNakedAndTheResentReplyIsTaken() throws Exception {
        try (FakeStub stub = new FakeStub(); RspConnection conn = connect(stub)) {
            CompletableFuture<String> r = CompletableFuture.supplyAsync(() -> conn.exchange("g"));
            assertEquals("g", stub.readPacket());
            stub.raw("+$OK#00");
            assertEquals('-', stub.readByte());
            stub.reply("OK");
            assertEquals("OK", r.get());
        }
    }

    @Test
    void escapedAndRunLengthEncodedReply_isDecoded() throws Exception {
        try (FakeStub stub = new FakeStub(); RspConnection conn = connect(stub)) {
            CompletableFuture<String> r = CompletableFuture.supplyAsync(() -> conn.exchange("m0,8"));
            stub.readPacket();
            stub.reply("0*+}]"); // '0' + 14 more zeros, then an escaped '}'
            assertEquals("000000000000000}", r.get());
        }
    }

    @Test
    void noAckMode_sendsNoAcks() throws Exception {
        try (FakeStub stub = new FakeStub(); RspConnection conn = connect(stub)) {
            conn.enterNoAckMode();
            CompletableFuture<String> r = CompletableFuture.supplyAsync(() -> conn.exchange("?"));
            assertEquals("?", stub.readPacket());
            stub.raw("$S05#b8");
            assertEquals("S05", r.get());
            CompletableFuture<String> r2 = CompletableFuture.supplyAsync(() -> conn.exchange("g"));
            // the next byte after the stop reply is the next packet, not an ack
            assertEquals("g", stub.readPacket());
            stub.raw("$OK#9a");
            assertEquals("OK", r2.get());
        }
    }

    @Test
    void interrupt_sendsTheCtrlCByte() throws Exception {
        try (FakeStub stub = new FakeStub(); RspConnection conn = connect(stub)) {
            conn.interrupt();
            assertEquals("^C", stub.readPacket());
        }
    }

    @Test
    void silentStub_timesOut() throws Exception {
        try (FakeStub stub = new FakeStub(); RspConnection conn = connect(stub)) {
            conn.setTimeoutMillis(200);
            RspException e = assertThrows(RspException.class, () -> conn.exchange("g"));
            assertTrue(e.getMessage().contains("no reply"));
        }
    }

    @Test
    void closedStub_failsPendingAndLaterExchanges() throws Exception {
        try (FakeStub stub = new FakeStub(); RspConnection conn = connect(stub)) {
            CompletableFuture<String> r = CompletableFuture.supplyAsync(() -> conn.exchange("g"));
            stub.readPacket();
            stub.close();
            Exception e = assertThrows(Exception.class, r::get);
            assertTrue(e.getCause() instanceof RspException);
            assertThrows(RspException.class, () -> conn.awaitPacket(100));
        }
    }

    @Test
    void malformedReplies_becomeRspExceptions() throws Exception {
        try (FakeStub stub = new FakeStub(); RspConnection conn = connect(stub)) {
            RspMemory mem = new RspMemory(conn, 4096);
            CompletableFuture<byte[]> r = CompletableFuture.supplyAsync(() -> mem.read(0x1000, 4));
            stub.readPacket();
            stub.reply("zz");
            Exception e = assertThrows(Exception.class, r::get);
            assertTrue(e.getCause() instanceof RspException, e.toString());

            CompletableFuture<byte[]> r2 = CompletableFuture.supplyAsync(() -> mem.read(0x1000, 4));
            stub.readPacket();
            stub.reply("E14");
            Exception e2 = assertThrows(Exception.class, r2::get);
            assertTrue(e2.getCause().getMessage().contains("E14"));
        }
    }

    @Test
    void memoryRead_isSplitIntoPacketSizedChunks() throws Exception {
        try (FakeStub stub = new FakeStub(); RspConnection conn = connect(stub)) {
            RspMemory mem = new RspMemory(conn, 0x100); // (256 - 32) / 2 = 112 bytes per packet
            CompletableFuture<byte[]> r = CompletableFuture.supplyAsync(() -> mem.read(0x2000, 200));
            assertEquals("m2000,70", stub.readPacket());
            stub.reply("ab".repeat(112));
            assertEquals("m2070,58", stub.readPacket());
            stub.reply("cd".repeat(88));
            byte[] got = r.get();
            assertEquals(200, got.length);
            assertEquals((byte) 0xab, got[111]);
            assertEquals((byte) 0xcd, got[112]);
        }
    }

    @Test
    void monitor_collectsOutputPacketsUntilOk() throws Exception {
        try (FakeStub stub = new FakeStub(); RspConnection conn = connect(stub)) {
            RspMonitor mon = new RspMonitor(conn);
            CompletableFuture<String> r = CompletableFuture.supplyAsync(() -> mon.run("info mem"));
            assertEquals("qRcmd," + RspCodec.hexOf("info mem"), stub.readPacket());
            stub.reply("O" + RspCodec.hexOf("line 1\n"));
            stub.reply("O" + RspCodec.hexOf("line 2\n"));
            stub.reply("OK");
            assertEquals("line 1\nline 2\n", r.get());
        }
    }

    @Test
    void registers_useTheTargetDescriptionNumbers() throws Exception {
        try (FakeStub stub = new FakeStub(); RspConnection conn = connect(stub)) {
            RspRegisters regs = new RspRegisters(conn);
            CompletableFuture<Long> r = CompletableFuture.supplyAsync(() -> regs.read("hgatp"));
            assertEquals("qXfer:features:read:target.xml:0,ffb", stub.readPacket());
            stub.reply("l<target><xi:include href=\"csr.xml\"/></target>");
            assertEquals("qXfer:features:read:csr.xml:0,ffb", stub.readPacket());
            String first = "<feature name=\"org.gnu.gdb.riscv.csr\"><reg name=\"hstatus\" bitsize=\"64\" regnum=\"1601\"/>";
            stub.reply("m" + first);
            // the next chunk starts where the first ended
            assertEquals("qXfer:features:read:csr.xml:" + Integer.toHexString(first.length()) + ",ffb", stub.readPacket());
            stub.reply("l<reg name=\"hgatp\" bitsize=\"64\"/></feature>");
            assertEquals("p642", stub.readPacket()); // 1602: previous regnum + 1
            stub.reply("0400080000000080");
            assertEquals(0x8000000000080004L, r.get());
        }
    }

    @Test
    void stopReply_parsesThreadBreakKindsAndWatchAddress() {
        StopReply s = StopReply.parse("T05thread:p01.02;swbreak:;");
        assertEquals(2, s.threadId());
        assertTrue(s.swbreak());
        StopReply w = StopReply.parse("T05thread:01;watch:80001000;");
        assertEquals(0x80001000L, w.watchAddress());
        assertTrue(StopReply.parse("W00").exited());
        assertThrows(RspException.class, () -> StopReply.parse("OK"));
        assertThrows(RspException.class, () -> StopReply.parse("Tzz"));
        assertThrows(RspException.class, () -> StopReply.parse("T05nocolon;"));
    }

    @Test
    void hexHelpers_roundTripLittleEndianValues() {
        assertEquals("0400080000000080", RspCodec.littleEndianHex(0x8000000000080004L, 8));
        assertEquals(0x8000000000080004L, RspCodec.littleEndian("0400080000000080"));
        assertArrayEquals(new byte[] {1, (byte) 0xff}, RspCodec.bytesOf("01ff"));
        assertThrows(RspException.class, () -> RspCodec.bytesOf("0"));
    }
}
