package dev.hvscope.core.debug;

/** The hosted hypervisor's pflash policy (passthrough or emulate); absent in full-system mode. */
public interface PflashControl {
    String mode();

    /** Sets the mode by name; returns a message for the user. */
    String setMode(String mode);
}
