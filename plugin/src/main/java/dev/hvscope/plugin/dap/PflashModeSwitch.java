package dev.hvscope.plugin.dap;

import dev.hvscope.plugin.rspclient.RspClient;
import dev.hvscope.plugin.rspclient.RspException;
import java.util.OptionalLong;

/**
 * Applies a breakpoint's pflash mode when it is hit, before the stop is reported. hvscope's stub
 * on a hosted VM takes {@code monitor pflash X}; otherwise (full-system mode, QEMU) the bare-metal example
 * hypervisor's {@code pflash_mode} byte (0 passthrough, 1 emulate) is written when the loaded ELF
 * has that symbol. Returns the text for the stopped event.
 */
final class PflashModeSwitch {
    private PflashModeSwitch() {
    }

    static String apply(DebugSession session, RspClient rsp, String modeId) {
        String mode = BreakpointModes.pflashMode(modeId);
        if (mode == null) {
            return null;
        }
        try {
            String now = PflashScope.mode(session);
            if (now != null) {   // a hosted VM behind hvscope's stub owns the policy
                if (now.equals(mode)) {
                    // switching would unmap the pages again, and the guest's access re-fault into this breakpoint
                    return "pflash mode already " + mode;
                }
                rsp.monitor().run("pflash " + mode);
                return "pflash mode switched to " + mode;
            }
        } catch (RspException e) {
            return "pflash mode " + mode + " failed: " + e.getMessage();
        }
        OptionalLong var = session.symbols().address("pflash_mode");
        if (var.isPresent()) {
            try {
                // physical: the hit is usually in the guest (V=1), whose virtual view does not hold the
                // hypervisor's data; the bare-metal hypervisor runs untranslated, so its symbol is the HPA
                session.physical().write(var.getAsLong(), new byte[] {(byte) (mode.equals("emulate") ? 1 : 0)});
                return "pflash mode switched to " + mode + " (pflash_mode at " + Addresses.hex(var.getAsLong()) + ")";
            } catch (RspException e) {
                return "pflash mode " + mode + " failed: " + e.getMessage();
            }
        }
        return "pflash mode " + mode + " not applied: the stub has no hvscope extensions";
    }
}
