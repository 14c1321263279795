package dev.hvscope.gdb.command;

import dev.hvscope.core.debug.MemoryAccessException;
import dev.hvscope.gdb.rsp.Hex;
import java.nio.charset.StandardCharsets;

/**
 * m/M/X in the session's address space: the stopped hart's current context unless
 * {@code monitor hv space} or QEMU's {@code Qqemu.PhyMemMode:1} chose another.
 */
final class MemoryCommands implements Command {
    private static final int MAX_READ = Session.PACKET_SIZE / 2 - 8;

    @Override
    public void handle(Session s, String p) {
        int comma = p.indexOf(',');
        int colon = p.indexOf(':');
        if (comma < 0) {
            s.reply("E01");
            return;
        }
        long addr = Hex.parseNumber(p.substring(1, comma));
        int len = (int) Math.min(Hex.parseNumber(colon < 0 ? p.substring(comma + 1) : p.substring(comma + 1, colon)),
                Integer.MAX_VALUE);
        int t = s.currentThread();
        try {
            switch (p.charAt(0)) {
                case 'm': {
                    byte[] data = s.target().readMemory(t, s.memorySpace(), addr, Math.min(len, MAX_READ));
                    s.reply(Hex.encode(data));
                    return;
                }
                case 'M': {
                    byte[] data = Hex.decode(p.substring(colon + 1));
                    if (data.length != len) {
                        s.reply("E01");
                        return;
                    }
                    s.target().writeMemory(t, s.memorySpace(), addr, data);
                    s.reply("OK");
                    return;
                }
                default: {   // X addr,len:binary
                    if (colon < 0) {
                        s.reply("E01");
                        return;
                    }
                    byte[] data = p.substring(colon + 1).getBytes(StandardCharsets.ISO_8859_1);
                    if (data.length != len) {
                        s.reply("E01");
                        return;
                    }
                    if (len > 0) {
                        s.target().writeMemory(t, s.memorySpace(), addr, data);
                    }
                    s.reply("OK");
                }
            }
        } catch (MemoryAccessException e) {
            s.reply("E14");
        }
    }
}
