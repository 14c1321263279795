package dev.hvscope.gdb.monitor;

import dev.hvscope.core.debug.PflashControl;
import dev.hvscope.core.debug.StopEvent;
import dev.hvscope.core.debug.StopReason;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-breakpoint pflash modes for gdb ({@code monitor pflash on-break ADDR passthrough|emulate|clear}):
 * when the target stops on a breakpoint at ADDR, the hosted VM's pflash mode is switched before
 * the stop reply goes out, and an {@code O} line says so. The rule belongs to the address, not to
 * gdb's breakpoint: it stays until cleared, and does nothing while no breakpoint sits there.
 */
public final class PflashOnBreak {
    private final Map<Long, String> modes = new TreeMap<>(Long::compareUnsigned);

    /** {@code on-break}, {@code on-break ADDR MODE}: w[0] is "pflash", w[1] "on-break". */
    synchronized String command(String[] w, PflashControl pf) {
        if (w.length == 2) {
            if (modes.isEmpty()) {
                return "no pflash modes on breakpoints\n";
            }
            StringBuilder sb = new StringBuilder("pflash modes on breakpoints:\n");
            modes.forEach((a, m) -> sb.append("  0x").append(Long.toHexString(a)).append(' ').append(m).append('\n'));
            return sb.toString();
        }
        if (w.length != 4) {
            return "usage: pflash on-break [ADDR passthrough|emulate|clear]\n";
        }
        long addr = MonitorCommands.number(w[2]);
        String mode = w[3].toLowerCase(Locale.ROOT);
        switch (mode) {
            case "clear":
                return modes.remove(addr) == null ? "no pflash mode at 0x" + Long.toHexString(addr) + "\n"
                        : "cleared the pflash mode at 0x" + Long.toHexString(addr) + "\n";
            case "passthrough":
            case "emulate":
                if (pf == null) {
                    return "pflash: not available in full-system mode (the hosted hypervisor owns the pflash policy)\n";
                }
                modes.put(addr, mode);
                return "a breakpoint at 0x" + Long.toHexString(addr) + " switches pflash to " + mode + "\n";
            default:
                return "usage: pflash on-break [ADDR passthrough|emulate|clear]\n";
        }
    }

    /** At a breakpoint stop with a rule: switches the mode and returns the line for gdb; else null. */
    public synchronized String apply(StopEvent e, PflashControl pf) {
        if (pf == null || (e.reason() != StopReason.SOFTWARE_BREAKPOINT && e.reason() != StopReason.HARDWARE_BREAKPOINT)) {
            return null;
        }
        String mode = modes.get(e.address());
        if (mode == null) {
            return null;
        }
        if (pf.mode().equals(mode)) {
            // setting it again would unmap the pages, and the access re-fault into this breakpoint
            return "hvscope: breakpoint at 0x" + Long.toHexString(e.address()) + ": pflash mode already " + mode + "\n";
        }
        pf.setMode(mode);
        return "hvscope: breakpoint at 0x" + Long.toHexString(e.address()) + ": pflash mode switched to " + pf.mode()
                + "\n";
    }
}
