package dev.hvscope.gdb.command;

import dev.hvscope.core.debug.BreakpointKind;
import dev.hvscope.core.debug.Breakpoints;
import dev.hvscope.gdb.rsp.Hex;

/** Z0-Z4 / z0-z4: breakpoints and watchpoints kept by the emulator. */
final class BreakpointCommands implements Command {
    @Override
    public void handle(Session s, String p) {
        Breakpoints b = s.target().breakpoints();
        String[] f = p.substring(1).split("[,;]");
        if (b == null || f.length < 3) {
            s.reply(b == null ? "" : "E01");
            return;
        }
        int type = Integer.parseInt(f[0]);
        if (type < 0 || type > 4) {
            s.reply("");
            return;
        }
        BreakpointKind kind = BreakpointKind.values()[type];
        long addr = Hex.parseNumber(f[1]);
        int len = (int) Hex.parseNumber(f[2]);
        if (p.charAt(0) == 'Z') {
            s.reply(b.insert(kind, addr, len) ? "OK" : "E01");
        } else {
            b.remove(kind, addr, len);
            s.reply("OK");
        }
    }
}
