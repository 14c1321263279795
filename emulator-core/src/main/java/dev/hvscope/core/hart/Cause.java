package dev.hvscope.core.hart;

/** Exception and interrupt codes of the privileged spec (mcause/scause/vscause). */
public final class Cause {
    private Cause() {
    }

    public static final int INSN_MISALIGNED = 0;
    public static final int INSN_ACCESS_FAULT = 1;
    public static final int ILLEGAL_INSN = 2;
    public static final int BREAKPOINT = 3;
    public static final int LOAD_MISALIGNED = 4;
    public static final int LOAD_ACCESS_FAULT = 5;
    public static final int STORE_MISALIGNED = 6;
    public static final int STORE_ACCESS_FAULT = 7;
    public static final int ECALL_U = 8;
    public static final int ECALL_S = 9;
    public static final int ECALL_VS = 10;
    public static final int ECALL_M = 11;
    public static final int INSN_PAGE_FAULT = 12;
    public static final int LOAD_PAGE_FAULT = 13;
    public static final int STORE_PAGE_FAULT = 15;
    public static final int INSN_GUEST_PAGE_FAULT = 20;
    public static final int LOAD_GUEST_PAGE_FAULT = 21;
    public static final int VIRTUAL_INSN = 22;
    public static final int STORE_GUEST_PAGE_FAULT = 23;

    public static final int IRQ_SSI = 1;
    public static final int IRQ_VSSI = 2;
    public static final int IRQ_MSI = 3;
    public static final int IRQ_STI = 5;
    public static final int IRQ_VSTI = 6;
    public static final int IRQ_MTI = 7;
    public static final int IRQ_SEI = 9;
    public static final int IRQ_VSEI = 10;
    public static final int IRQ_MEI = 11;
    public static final int IRQ_SGEI = 12;

    /** Bit 63 of xcause marks an interrupt. */
    public static final long INTERRUPT = 1L << 63;
}
