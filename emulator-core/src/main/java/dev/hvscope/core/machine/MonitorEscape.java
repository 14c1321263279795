package dev.hvscope.core.machine;

import java.util.function.Consumer;

/**
 * The console escape of {@code -serial mon:stdio}: Ctrl-A followed by a command letter is taken by
 * hvscope (x quits, h helps), Ctrl-A Ctrl-A sends one Ctrl-A to the guest, everything else passes.
 */
final class MonitorEscape {
    static final int CTRL_A = 0x01;
    static final String HELP = "\r\nC-a h    print this help\r\nC-a x    exit hvscope\r\nC-a C-a  send C-a\r\n";

    private final Consumer<Character> commands;
    private boolean escaped;

    MonitorEscape(Consumer<Character> commands) {
        this.commands = commands;
    }

    /** Returns the byte to pass to the guest, or -1 when it was consumed as part of an escape. */
    int filter(int b) {
        if (escaped) {
            escaped = false;
            if (b == CTRL_A) {
                return CTRL_A;
            }
            commands.accept((char) b);
            return -1;
        }
        if (b == CTRL_A) {
            escaped = true;
            return -1;
        }
        return b;
    }
}
