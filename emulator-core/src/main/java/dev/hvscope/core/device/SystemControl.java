package dev.hvscope.core.device;

/** What the sifive_test finisher asks of the machine. */
public interface SystemControl {
    /** Stop the machine; the process exit status is {@code exitCode}, as with QEMU. */
    void powerOff(int exitCode);

    /** Reset the whole machine (harts restart at the reset vector). */
    void reset();
}
