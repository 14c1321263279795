package dev.hvscope.core.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class Uart16550Test {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final AtomicBoolean line = new AtomicBoolean();
    private final Uart16550 uart = new Uart16550(out, line::set);

    private int reg(int r) {
        return (int) uart.read(r, 1);
    }

    private void put(String s) {
        for (byte b : s.getBytes(StandardCharsets.US_ASCII)) {
            uart.write(Uart16550.RBR_THR_DLL, 1, b);
        }
    }

    @Test
    void transmit_isFlushedAtNewlineAndAtTick() {
        put("hi");
        assertEquals("", out.toString());
        put("!\n");
        assertEquals("hi!\n", out.toString());
        put("x");
        uart.tick();
        assertEquals("hi!\nx", out.toString());
    }

    @Test
    void lsr_alwaysShowsTransmitterEmpty_andDataReadyOnlyWithInput() {
        assertEquals(Uart16550.LSR_THRE | Uart16550.LSR_TEMT, reg(Uart16550.LSR));
        uart.receive((byte) 'a');
        assertEquals(Uart16550.LSR_THRE | Uart16550.LSR_TEMT | Uart16550.LSR_DR, reg(Uart16550.LSR));
    }

    @Test
    void receivedBytes_areReadInOrderThroughRbr() {
        for (byte b : "abc".getBytes(StandardCharsets.US_ASCII)) {
            uart.receive(b);
        }
        uart.tick();
        assertEquals('a', reg(0));
        assertEquals('b', reg(0));
        assertEquals('c', reg(0));
        assertEquals(0, reg(Uart16550.LSR) & Uart16550.LSR_DR);
    }

    @Test
    void receiveFromAnotherThread_isSeenByTheGuest() throws InterruptedException {
        CountDownLatch woke = new CountDownLatch(1);
        uart.setInputListener(woke::countDown);
        Thread reader = new Thread(() -> uart.receive((byte) 'z'));
        reader.start();
        reader.join();
        assertEquals(0, woke.getCount());
        assertTrue(uart.hasInput());
        uart.tick();
        assertEquals('z', reg(0));
    }

    @Test
    void rxInterrupt_followsIerAndData() {
        uart.write(Uart16550.IER_DLM, 1, Uart16550.IER_ERBFI);
        assertFalse(line.get());
        uart.receive((byte) 'q');
        uart.tick();
        assertTrue(line.get());
        assertEquals(Uart16550.IIR_RDI, reg(Uart16550.IIR_FCR) & 0x0f);
        reg(0);
        assertFalse(line.get());
        assertEquals(Uart16550.IIR_NO_INT, reg(Uart16550.IIR_FCR) & 0x0f);
    }

    @Test
    void fifoBelowTrigger_reportsCharacterTimeout() {
        uart.write(Uart16550.IIR_FCR, 1, 0xc7); // FIFO on, clear, trigger 14
        uart.write(Uart16550.IER_DLM, 1, Uart16550.IER_ERBFI);
        uart.receive((byte) '1');
        uart.tick();
        assertEquals(Uart16550.IIR_FIFO_ENABLED | Uart16550.IIR_CTI, reg(Uart16550.IIR_FCR));
        assertTrue(line.get());
    }

    @Test
    void fifo_holdsSixteenBytesAndKeepsTheRestQueued() {
        uart.write(Uart16550.IIR_FCR, 1, 0x01);
        for (int i = 0; i < 20; i++) {
            uart.receive((byte) ('a' + i));
        }
        uart.tick();
        StringBuilder got = new StringBuilder();
        while ((reg(Uart16550.LSR) & Uart16550.LSR_DR) != 0) {
            got.append((char) reg(0));
        }
        assertEquals("abcdefghijklmnopqrst", got.toString());
    }

    @Test
    void thrEmptyInterrupt_raisedOnEnable_clearedByReadingIir() {
        uart.write(Uart16550.IER_DLM, 1, Uart16550.IER_ETBEI);
        assertTrue(line.get());
        assertEquals(Uart16550.IIR_THRI, reg(Uart16550.IIR_FCR) & 0x0f);
        assertFalse(line.get());
        put("x");
        assertTrue(line.get(), "THR empties again after each byte");
    }

    @Test
    void dlab_switchesOffsetsZeroAndOneToTheDivisor() {
        uart.write(Uart16550.LCR, 1, 0x83);
        uart.write(0, 1, 0x01);
        uart.write(1, 1, 0x02);
        assertEquals(1, reg(0));
        assertEquals(2, reg(1));
        uart.write(Uart16550.LCR, 1, 0x03);
        assertEquals(0, reg(1), "IER untouched");
        assertEquals("", out.toString(), "divisor writes are not output");
    }

    @Test
    void resetValues_matchQemu() {
        assertEquals(0x00, reg(Uart16550.IER_DLM));
        assertEquals(0x01, reg(Uart16550.IIR_FCR));
        assertEquals(0x00, reg(Uart16550.LCR));
        assertEquals(0x08, reg(Uart16550.MCR));
        assertEquals(0x60, reg(Uart16550.LSR));
        assertEquals(0xb0, reg(Uart16550.MSR));
        assertEquals(0x00, reg(Uart16550.SCR));
        uart.write(Uart16550.IIR_FCR, 1, 0xc7);
        assertEquals(0xc1, reg(Uart16550.IIR_FCR));
        uart.write(Uart16550.IER_DLM, 1, 0xff);
        assertEquals(0x0f, reg(Uart16550.IER_DLM));
    }

    @Test
    void scratchRegister_keepsItsValue() {
        uart.write(Uart16550.SCR, 1, 0x5a);
        assertEquals(0x5a, reg(Uart16550.SCR));
    }

    @Test
    void loopbackMode_returnsTransmittedBytes() {
        uart.write(Uart16550.IIR_FCR, 1, Uart16550.FCR_ENABLE);
        uart.write(Uart16550.MCR, 1, Uart16550.MCR_LOOP | 0x03);
        put("ok");
        assertEquals('o', reg(0));
        assertEquals('k', reg(0));
        assertEquals("", out.toString());
        assertEquals(Uart16550.MSR_CTS | Uart16550.MSR_DSR, reg(Uart16550.MSR));
        uart.write(Uart16550.MCR, 1, 0);
        assertEquals(Uart16550.MSR_CTS | Uart16550.MSR_DSR | Uart16550.MSR_DCD, reg(Uart16550.MSR));
    }

    @Test
    void overrun_isReportedOnceInLsr() {
        for (int i = 0; i < 2; i++) {
            uart.write(Uart16550.MCR, 1, Uart16550.MCR_LOOP);
            put("a"); // FIFO disabled: a one-byte holding register
        }
        put("b");
        assertEquals(Uart16550.LSR_OE, reg(Uart16550.LSR) & Uart16550.LSR_OE);
        assertEquals(0, reg(Uart16550.LSR) & Uart16550.LSR_OE);
    }

    @Test
    void reset_dropsInterruptsAndFifoButKeepsHostInput() {
        uart.write(Uart16550.IER_DLM, 1, Uart16550.IER_ETBEI);
        uart.write(Uart16550.SCR, 1, 7);
        assertTrue(line.get());
        uart.reset();
        assertFalse(line.get());
        assertEquals(0, reg(Uart16550.IER_DLM));
        assertEquals(0, reg(Uart16550.SCR));
        uart.receive((byte) 'r');
        assertEquals('r', reg(0));
    }
}
