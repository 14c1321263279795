package dev.hvscope.core.hv;

/** How the hosted hypervisor serves the guest's pflash#1 pages (the h_2_0 exercise's two answers). */
public enum PflashMode {
    /** map_linear GPA → the board's own pflash bank: the guest talks to the CFI device model. */
    PASSTHROUGH,
    /** map_alloc a frame and fill it from the image file, like a file mmap. */
    EMULATE;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** "passthrough" or "emulate" (any case); null for anything else. */
    public static PflashMode fromLabel(String s) {
        for (PflashMode m : values()) {
            if (m.label().equalsIgnoreCase(s)) {
                return m;
            }
        }
        return null;
    }
}
