package dev.hvscope.core.machine;

/** Where the UART goes ({@code -serial}). */
public enum SerialMode {
    /** UART on the terminal (raw mode when stdin is a terminal). */
    STDIO("stdio"),
    /** UART on the terminal, multiplexed with the monitor escape Ctrl-A (Ctrl-A x quits). */
    MON_STDIO("mon:stdio"),
    /** No serial back end: output is dropped, input never arrives. */
    NONE("none");

    private final String qemuName;

    SerialMode(String qemuName) {
        this.qemuName = qemuName;
    }

    /** The spelling on QEMU's command line. */
    public String qemuName() {
        return qemuName;
    }

    /** The mode QEMU spells {@code name}, or null. */
    public static SerialMode fromQemuName(String name) {
        for (SerialMode m : values()) {
            if (m.qemuName.equals(name)) {
                return m;
            }
        }
        return null;
    }
}
