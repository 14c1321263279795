package dev.hvscope.core.device;

import dev.hvscope.core.bus.MmioDevice;
import dev.hvscope.core.bus.VirtMemoryMap;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * NS16550A UART (QEMU virt: 0x1000_0000, regshift 0, one byte per register).
 *
 * <p>Transmission is instantaneous: THR is always empty, LSR always shows THRE and TEMT, and the
 * THR-empty interrupt follows the 16550 rule (raised when THR becomes empty or ETBEI is enabled,
 * cleared by reading IIR while it is the reported cause or by writing THR). Received bytes arrive
 * from any thread through {@link #receive(byte)} into a host queue; the emulation thread moves them
 * into the 16-byte RX FIFO (on {@link #tick()} and on reads), so the guest sees FIFO behaviour.
 * With FIFOs enabled a FIFO filled to the trigger level reports "RX data available", fewer bytes
 * report "character timeout" at once (no character timing is modelled).
 */
public final class Uart16550 implements MmioDevice {
    // Register offsets (DLAB=0 / DLAB=1 where they differ).
    public static final int RBR_THR_DLL = 0;
    public static final int IER_DLM = 1;
    public static final int IIR_FCR = 2;
    public static final int LCR = 3;
    public static final int MCR = 4;
    public static final int LSR = 5;
    public static final int MSR = 6;
    public static final int SCR = 7;

    public static final int IER_ERBFI = 0x01;
    public static final int IER_ETBEI = 0x02;
    public static final int IER_ELSI = 0x04;
    public static final int IER_EDSSI = 0x08;

    public static final int IIR_NO_INT = 0x01;
    public static final int IIR_MSI = 0x00;
    public static final int IIR_THRI = 0x02;
    public static final int IIR_RDI = 0x04;
    public static final int IIR_RLSI = 0x06;
    public static final int IIR_CTI = 0x0c;
    public static final int IIR_FIFO_ENABLED = 0xc0;

    public static final int FCR_ENABLE = 0x01;
    public static final int FCR_CLEAR_RX = 0x02;
    public static final int FCR_CLEAR_TX = 0x04;

    public static final int LCR_DLAB = 0x80;
    public static final int MCR_OUT2 = 0x08;
    public static final int MCR_LOOP = 0x10;

    public static final int LSR_DR = 0x01;
    public static final int LSR_OE = 0x02;
    public static final int LSR_THRE = 0x20;
    public static final int LSR_TEMT = 0x40;

    public static final int MSR_CTS = 0x10;
    public static final int MSR_DSR = 0x20;
    public static final int MSR_RI = 0x40;
    public static final int MSR_DCD = 0x80;

    public static final int FIFO_SIZE = 16;
    private static final int[] TRIGGER_LEVELS = {1, 4, 8, 14};

    private final OutputStream out;
    private final IrqLine irq;
    private final ConcurrentLinkedQueue<Byte> input = new ConcurrentLinkedQueue<>();
    private volatile Runnable inputListener = () -> { };

    private final byte[] rxFifo = new byte[FIFO_SIZE];
    private int rxHead;
    private int rxCount;

    private final byte[] txBuffer = new byte[256];
    private int txCount;

    private int ier;
    private int lcr;
    private int mcr = MCR_OUT2; // QEMU resets MCR to OUT2
    private int lsrErrors;
    private int scr;
    private int dll = 0x0c; // 9600 baud at QEMU's 1.8432 MHz clock; only stored
    private int dlm;
    private boolean fifoEnabled;
    private int triggerLevel = 1;
    private boolean thrEmptyPending;
    private boolean irqLevel;

    public Uart16550(OutputStream out, IrqLine irq) {
        this.out = out;
        this.irq = irq;
    }

    /** Machine reset: registers to their power-on values, FIFO emptied; queued host input is kept. */
    public void reset() {
        flush();
        ier = 0;
        lcr = 0;
        mcr = MCR_OUT2;
        lsrErrors = 0;
        scr = 0;
        dll = 0x0c;
        dlm = 0;
        fifoEnabled = false;
        triggerLevel = 1;
        rxHead = 0;
        rxCount = 0;
        thrEmptyPending = false;
        updateIrq();
    }

    /** Queues one received byte; safe from any thread (the machine's console reader). */
    public void receive(byte b) {
        input.add(b);
        inputListener.run();
    }

    /** Called (on the receiving thread) after each {@link #receive}, e.g. to wake an idle machine. */
    public void setInputListener(Runnable listener) {
        this.inputListener = listener;
    }

    /** Batch boundary: accepts queued input into the FIFO, flushes output, updates the IRQ line. */
    public void tick() {
        drainInput();
        flush();
        updateIrq();
    }

    /** True when received bytes are waiting in the FIFO or the host queue. */
    public boolean hasInput() {
        return rxCount > 0 || !input.isEmpty();
    }

    public void flush() {
        if (txCount == 0) {
            return;
        }
        try {
            out.write(txBuffer, 0, txCount);
            out.flush();
        } catch (IOException e) {
            // The console went away; the guest cannot be told, so its output is dropped.
        }
        txCount = 0;
    }

    private void drainInput() {
        Byte b;
        // The host queue waits while the receiver is full (backpressure, as QEMU's can_receive).
        int capacity = fifoEnabled ? FIFO_SIZE : 1;
        while (rxCount < capacity && (b = input.poll()) != null) {
            pushRx(b);
        }
    }

    private void pushRx(byte b) {
        if (rxCount == FIFO_SIZE || (!fifoEnabled && rxCount == 1)) {
            lsrErrors |= LSR_OE;
            return;
        }
        rxFifo[(rxHead + rxCount) % FIFO_SIZE] = b;
        rxCount++;
    }

    private int popRx() {
        if (rxCount == 0) {
            drainInput();
            if (rxCount == 0) {
                return 0;
            }
        }
        int b = rxFifo[rxHead] & 0xff;
        rxHead = (rxHead + 1) % FIFO_SIZE;
        rxCount--;
        if (rxCount == 0) {
            drainInput();
        }
        return b;
    }

    private void transmit(int b) {
        if ((mcr & MCR_LOOP) != 0) {
            pushRx((byte) b);
        } else {
            txBuffer[txCount++] = (byte) b;
            if (b == '\n' || txCount == txBuffer.length) {
                flush();
            }
        }
        // The byte left THR at once: THR is empty again.
        thrEmptyPending = true;
    }

    /** The highest-priority pending cause, as IIR bits 3:0. */
    private int cause() {
        if ((ier & IER_ELSI) != 0 && (lsrErrors & LSR_OE) != 0) {
            return IIR_RLSI;
        }
        if ((ier & IER_ERBFI) != 0 && rxCount > 0) {
            return (!fifoEnabled || rxCount >= triggerLevel) ? IIR_RDI : IIR_CTI;
        }
        if ((ier & IER_ETBEI) != 0 && thrEmptyPending) {
            return IIR_THRI;
        }
        return IIR_NO_INT;
    }

    private void updateIrq() {
        boolean level = cause() != IIR_NO_INT;
        if (level != irqLevel) {
            irqLevel = level;
            irq.set(level);
        }
    }

    @Override
    public long size() {
        return VirtMemoryMap.UART0_SIZE;
    }

    @Override
    public long read(long offset, int size) {
        int value;
        switch ((int) offset) {
            case RBR_THR_DLL -> value = (lcr & LCR_DLAB) != 0 ? dll : popRx();
            case IER_DLM -> value = (lcr & LCR_DLAB) != 0 ? dlm : ier;
            case IIR_FCR -> {
                int cause = cause();
                if (cause == IIR_THRI) {
                    thrEmptyPending = false; // reading IIR acknowledges THR empty
                }
                value = cause | (fifoEnabled ? IIR_FIFO_ENABLED : 0);
            }
            case LCR -> value = lcr;
            case MCR -> value = mcr;
            case LSR -> {
                if (rxCount == 0) {
                    drainInput();
                }
                value = LSR_THRE | LSR_TEMT | lsrErrors | (rxCount > 0 ? LSR_DR : 0);
                lsrErrors = 0;
            }
            case MSR -> value = msr();
            case SCR -> value = scr;
            default -> value = 0;
        }
        updateIrq();
        return value;
    }

    private int msr() {
        if ((mcr & MCR_LOOP) == 0) {
            return MSR_DCD | MSR_DSR | MSR_CTS;
        }
        int v = 0;
        v |= (mcr & 0x02) != 0 ? MSR_CTS : 0; // RTS
        v |= (mcr & 0x01) != 0 ? MSR_DSR : 0; // DTR
        v |= (mcr & 0x04) != 0 ? MSR_RI : 0; // OUT1
        v |= (mcr & 0x08) != 0 ? MSR_DCD : 0; // OUT2
        return v;
    }

    @Override
    public void write(long offset, int size, long value) {
        int v = (int) value & 0xff;
        switch ((int) offset) {
            case RBR_THR_DLL -> {
                if ((lcr & LCR_DLAB) != 0) {
                    dll = v;
                } else {
                    transmit(v);
                }
            }
            case IER_DLM -> {
                if ((lcr & LCR_DLAB) != 0) {
                    dlm = v;
                } else {
                    boolean etbeiRising = (v & IER_ETBEI) != 0 && (ier & IER_ETBEI) == 0;
                    ier = v & 0x0f;
                    if (etbeiRising) {
                        thrEmptyPending = true; // THR is empty, so enabling ETBEI interrupts at once
                    }
                }
            }
            case IIR_FCR -> writeFcr(v);
            case LCR -> lcr = v;
            case MCR -> mcr = v & 0x1f;
            case SCR -> scr = v;
            default -> { }
        }
        updateIrq();
    }

    private void writeFcr(int v) {
        boolean enable = (v & FCR_ENABLE) != 0;
        if (enable != fifoEnabled || (v & FCR_CLEAR_RX) != 0) {
            rxHead = 0;
            rxCount = 0;
            lsrErrors &= ~LSR_OE;
        }
        fifoEnabled = enable;
        triggerLevel = TRIGGER_LEVELS[(v >>> 6) & 3];
        if ((v & FCR_CLEAR_TX) != 0) {
            thrEmptyPending = true;
        }
    }

    @Override
    public String name() {
        return "uart0";
    }
}
