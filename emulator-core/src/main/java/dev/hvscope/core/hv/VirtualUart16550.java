package dev.hvscope.core.hv;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * An NS16550A as the guest sees it at register shift 0 (QEMU virt's UART0 layout): eight byte-wide
 * registers, offset 0..7. Transmission is instant: a byte written to THR goes straight to the VM's
 * console (the stream the SBI console writes to, so the two stay in order), so LSR always reports
 * THRE and TEMT. Received bytes come from the console input when there is one (LSR.DR).
 *
 * <p>Modelled: RBR/THR, IER, IIR/FCR, LCR, MCR, LSR, MSR, SCR and the divisor latch DLL/DLM (LCR.DLAB),
 * IIR's interrupt identification (THR empty, data ready). Not modelled: the interrupt line (the hosted
 * VM has no interrupt controller to raise it on), baud timing, FIFO trigger levels, loopback, line errors.
 *
 * <p>A wider access addresses the register at its offset and uses the low byte, as QEMU's serial MMIO
 * region does; offsets 8 and up read as 0 and ignore writes.
 */
public final class VirtualUart16550 implements MmioDevice {
    // Register offsets (16550 datasheet names).
    static final int RBR_THR_DLL = 0;
    static final int IER_DLM = 1;
    static final int IIR_FCR = 2;
    static final int LCR = 3;
    static final int MCR = 4;
    static final int LSR = 5;
    static final int MSR = 6;
    static final int SCR = 7;

    static final int LCR_DLAB = 0x80;
    static final int LSR_DR = 0x01;
    static final int LSR_THRE = 0x20;
    static final int LSR_TEMT = 0x40;
    static final int IER_ERBFI = 0x01;
    static final int IER_ETBEI = 0x02;
    static final int IIR_NO_INTERRUPT = 0x01;
    static final int IIR_THR_EMPTY = 0x02;
    static final int IIR_RX_DATA = 0x04;
    static final int IIR_FIFO_ENABLED = 0xc0;
    static final int FCR_FIFO_ENABLE = 0x01;
    /** Carrier detect, data set ready, clear to send: a terminal is attached (QEMU's reset value). */
    static final int MSR_CONNECTED = 0xb0;

    private final String name;
    private final OutputStream console;
    private final InputStream input;
    private int ier;
    private int lcr;
    private int mcr;
    private int scr;
    private int fcr;
    private int dll;
    private int dlm;
    /** THR went empty since IIR last reported it (16550: cleared by that IIR read or a THR write). */
    private boolean thrEmptyPending;

    /**
     * @param console the VM's console output
     * @param input   console input, or null for none (RBR then always reads 0, LSR.DR stays clear)
     */
    public VirtualUart16550(String name, OutputStream console, InputStream input) {
        this.name = name;
        this.console = console;
        this.input = input;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long read(long offset, int width) {
        switch ((int) Math.min(offset, 8)) {
            case RBR_THR_DLL:
                return dlab() ? dll : receive();
            case IER_DLM:
                return dlab() ? dlm : ier;
            case IIR_FCR:
                return iir();
            case LCR:
                return lcr;
            case MCR:
                return mcr;
            case LSR:
                return LSR_THRE | LSR_TEMT | (inputReady() ? LSR_DR : 0);
            case MSR:
                return MSR_CONNECTED;
            case SCR:
                return scr;
            default:
                return 0;
        }
    }

    @Override
    public void write(long offset, int width, long value) {
        int b = (int) value & 0xff;
        switch ((int) Math.min(offset, 8)) {
            case RBR_THR_DLL:
                if (dlab()) {
                    dll = b;
                } else {
                    Vm.writeConsole(console, b);
                    thrEmptyPending = true;            // sent at once: THR is empty again
                }
                break;
            case IER_DLM:
                if (dlab()) {
                    dlm = b;
                } else {
                    if ((b & IER_ETBEI) != 0 && (ier & IER_ETBEI) == 0) {
                        thrEmptyPending = true;        // enabling ETBEI with THR empty raises it
                    }
                    ier = b & 0x0f;
                }
                break;
            case IIR_FCR:
                fcr = b & 0xc9;                        // enable, DMA mode, trigger level; reset bits self-clear
                break;
            case LCR:
                lcr = b;
                break;
            case MCR:
                mcr = b & 0x1f;
                break;
            case SCR:
                scr = b;
                break;
            default:
                break;                                 // LSR, MSR and the rest of the window are read-only
        }
    }

    @Override
    public String registerName(long offset, boolean write) {
        switch ((int) Math.min(offset, 8)) {
            case RBR_THR_DLL:
                return dlab() ? "DLL" : write ? "THR" : "RBR";
            case IER_DLM:
                return dlab() ? "DLM" : "IER";
            case IIR_FCR:
                return write ? "FCR" : "IIR";
            case LCR:
                return "LCR";
            case MCR:
                return "MCR";
            case LSR:
                return "LSR";
            case MSR:
                return "MSR";
            case SCR:
                return "SCR";
            default:
                return String.format("+%#x (no register)", offset);
        }
    }

    private boolean dlab() {
        return (lcr & LCR_DLAB) != 0;
    }

    /** Highest-priority pending source, as IIR encodes it; reading it clears a THR-empty report. */
    private int iir() {
        int fifo = (fcr & FCR_FIFO_ENABLE) != 0 ? IIR_FIFO_ENABLED : 0;
        if ((ier & IER_ERBFI) != 0 && inputReady()) {
            return fifo | IIR_RX_DATA;
        }
        if ((ier & IER_ETBEI) != 0 && thrEmptyPending) {
            thrEmptyPending = false;
            return fifo | IIR_THR_EMPTY;
        }
        return fifo | IIR_NO_INTERRUPT;
    }

    private boolean inputReady() {
        try {
            return input != null && input.available() > 0;
        } catch (IOException e) {
            return false;
        }
    }

    private int receive() {
        try {
            if (inputReady()) {
                int c = input.read();
                return c < 0 ? 0 : c;
            }
        } catch (IOException e) {
            // the input is gone: nothing was received
        }
        return 0;
    }
}
