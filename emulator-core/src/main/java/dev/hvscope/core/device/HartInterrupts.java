package dev.hvscope.core.device;

/**
 * How devices drive the interrupt-pending bits (mip) of a hart. The machine implements it; devices
 * call it on the emulation thread whenever the level of one of their lines may have changed, so an
 * implementation must be cheap and idempotent (the same level may be set again).
 */
public interface HartInterrupts {
    /** Machine software interrupt, driven by the CLINT's msip register. */
    int MSIP = 3;
    /** Machine timer interrupt, mtime >= mtimecmp. */
    int MTIP = 7;
    /** Supervisor external interrupt, the PLIC's S-mode context of the hart. */
    int SEIP = 9;
    /** Machine external interrupt, the PLIC's M-mode context of the hart. */
    int MEIP = 11;

    void setPending(int hartId, int mipBit, boolean level);
}
