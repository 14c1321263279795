package dev.hvscope.core.hv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The 16550 register file as a driver sees it (offsets at register shift 0). */
class VirtualUart16550Test {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final VirtualUart16550 uart = new VirtualUart16550("uart", out, null);

    private String console() {
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void lsr_alwaysReportsTransmitterEmpty_andNoDataWithoutInput() {
        assertEquals(0x60, uart.read(5, 1));
        uart.write(0, 1, 'x');
        assertEquals(0x60, uart.read(5, 1));
        uart.write(5, 1, 0x00);                               // LSR is read-only
        assertEquals(0x60, uart.read(5, 1));
    }

    @Test
    void thrWrite_goesToTheConsole() {
        for (char c : "hi\n".toCharArray()) {
            uart.write(0, 1, c);
        }
        assertEquals("hi\n", console());
    }

    @Test
    void dlab_switchesOffsets0And1ToTheDivisorLatch() {
        uart.write(1, 1, 0x05);                               // IER
        uart.write(3, 1, 0x83);                               // LCR: DLAB, 8N1
        assertEquals("DLL", uart.registerName(0, true));
        assertEquals("DLM", uart.registerName(1, false));
        uart.write(0, 1, 0x0c);                               // DLL: not transmitted
        uart.write(1, 1, 0x01);                               // DLM: not IER
        assertEquals(0x0c, uart.read(0, 1));
        assertEquals(0x01, uart.read(1, 1));
        uart.write(3, 1, 0x03);                               // DLAB off
        assertEquals(0x05, uart.read(1, 1), "IER kept its value");
        assertEquals(0x03, uart.read(3, 1));
        assertEquals("", console());
        assertEquals("THR", uart.registerName(0, true));
        assertEquals("RBR", uart.registerName(0, false));
        uart.write(3, 1, 0x83);
        assertEquals(0x0c, uart.read(0, 1), "the divisor survives DLAB off and on");
    }

    @Test
    void scr_roundTrips_andMcrKeepsItsFiveBits() {
        uart.write(7, 1, 0xa5);
        assertEquals(0xa5, uart.read(7, 1));
        uart.write(4, 1, 0xff);
        assertEquals(0x1f, uart.read(4, 1));
        assertEquals(0xb0, uart.read(6, 1), "MSR: DCD, DSR, CTS");
    }

    @Test
    void iir_reportsNoInterrupt_thenFifoBits_thenThrEmptyOnceEnabled() {
        assertEquals(0x01, uart.read(2, 1));
        uart.write(2, 1, 0x07);                               // FCR: FIFOs on, reset bits self-clear
        assertEquals(0xc1, uart.read(2, 1));
        uart.write(1, 1, 0x02);                               // IER.ETBEI with THR empty
        assertEquals(0xc2, uart.read(2, 1));
        assertEquals(0xc1, uart.read(2, 1), "reading IIR cleared the THR-empty report");
        uart.write(0, 1, 'a');
        assertEquals(0xc2, uart.read(2, 1), "THR emptied again after the write");
    }

    @Test
    void input_setsDataReady_andRbrReadsIt() {
        VirtualUart16550 u = new VirtualUart16550("uart", out, new ByteArrayInputStream(new byte[] {'q'}));
        assertEquals(0x61, u.read(5, 1));
        u.write(1, 1, 0x01);                                  // IER.ERBFI
        assertEquals(0x04, u.read(2, 1));
        assertEquals('q', u.read(0, 1));
        assertEquals(0x60, u.read(5, 1));
        assertEquals(0x01, u.read(2, 1));
        assertEquals(0, u.read(0, 1), "nothing more received");
    }

    @Test
    void wideAccesses_useTheLowByteOfTheRegisterAtTheOffset() {
        uart.write(0, 4, 0x1234_5648L);                       // 4-byte store to THR: 'H' only
        uart.write(0, 8, 0x0a);
        assertEquals("H\n", console());
        assertEquals(0, uart.read(1, 1), "IER untouched by the wide THR store");
        uart.write(7, 2, 0xbeef);
        assertEquals(0xef, uart.read(7, 4));
        assertEquals(0x60, uart.read(5, 8));
    }

    @Test
    void offsetsPastTheRegisters_readZero_andIgnoreWrites() {
        uart.write(8, 1, 'z');
        uart.write(0x100, 4, 'z');
        assertEquals(0, uart.read(8, 1));
        assertEquals(0, uart.read(0xffc, 4));
        assertEquals("", console());
        assertEquals("+0x8 (no register)", uart.registerName(8, true));
    }
}
