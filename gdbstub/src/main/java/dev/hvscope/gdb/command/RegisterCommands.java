package dev.hvscope.gdb.command;

import dev.hvscope.core.debug.Debuggee;
import dev.hvscope.gdb.rsp.Hex;
import dev.hvscope.gdb.target.Register;
import dev.hvscope.gdb.target.RegisterMap;

/** g/G: the 33 core registers (x0-x31, pc), as QEMU; p/P: any register by its wire number. */
final class RegisterCommands implements Command {
    @Override
    public void handle(Session s, String p) {
        Debuggee d = s.target();
        int t = s.currentThread();
        RegisterMap map = s.registers();
        switch (p.charAt(0)) {
            case 'g': {
                StringBuilder sb = new StringBuilder(33 * 16);
                for (int i = 0; i <= RegisterMap.PC; i++) {
                    sb.append(Hex.littleEndian(RegisterMap.read(d, t, map.byNumber(i)), 8));
                }
                s.reply(sb.toString());
                return;
            }
            case 'G': {
                String hex = p.substring(1);
                for (int i = 0; i <= RegisterMap.PC && (i + 1) * 16 <= hex.length(); i++) {
                    RegisterMap.write(d, t, map.byNumber(i), Hex.parseLittleEndian(hex.substring(i * 16, i * 16 + 16)));
                }
                s.reply("OK");
                return;
            }
            case 'p': {
                Register r = map.byNumber((int) Hex.parseNumber(p.substring(1)));
                if (r == null) {
                    s.reply("E45");
                    return;
                }
                s.reply(Hex.littleEndian(RegisterMap.read(d, t, r), r.bitsize() / 8));
                return;
            }
            default: {   // P n=value
                int eq = p.indexOf('=');
                Register r = eq < 0 ? null : map.byNumber((int) Hex.parseNumber(p.substring(1, eq)));
                if (r == null) {
                    s.reply("E45");
                    return;
                }
                s.reply(RegisterMap.write(d, t, r, Hex.parseLittleEndian(p.substring(eq + 1))) ? "OK" : "E16");
            }
        }
    }
}
