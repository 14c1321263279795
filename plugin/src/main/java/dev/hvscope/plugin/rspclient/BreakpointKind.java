package dev.hvscope.plugin.rspclient;

/** The {@code Z}/{@code z} types, numbered as on the wire. */
public enum BreakpointKind {
    SOFTWARE(0), HARDWARE(1), WRITE_WATCH(2), READ_WATCH(3), ACCESS_WATCH(4);

    public final int wire;

    BreakpointKind(int wire) {
        this.wire = wire;
    }
}
