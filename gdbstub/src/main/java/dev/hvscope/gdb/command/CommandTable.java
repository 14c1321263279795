package dev.hvscope.gdb.command;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every packet the stub understands, by name: exact names first, then the longest registered prefix.
 * Anything else gets the empty reply, which tells gdb the packet is not supported.
 */
public final class CommandTable {
    private final Map<String, Command> exact = new HashMap<>();
    private final TreeMap<String, Command> prefixes = new TreeMap<>();

    public CommandTable exact(String name, Command c) {
        exact.put(name, c);
        return this;
    }

    public CommandTable prefix(String prefix, Command c) {
        prefixes.put(prefix, c);
        return this;
    }

    /** The command for a packet, or null. */
    public Command lookup(String packet) {
        Command c = exact.get(packet);
        if (c != null) {
            return c;
        }
        for (int len = Math.min(packet.length(), 40); len >= 1; len--) {
            c = prefixes.get(packet.substring(0, len));
            if (c != null) {
                return c;
            }
        }
        return null;
    }

    /** The standard table: one line per packet family. */
    public static CommandTable standard() {
        ThreadCommands threads = new ThreadCommands();
        RegisterCommands registers = new RegisterCommands();
        MemoryCommands memory = new MemoryCommands();
        ExecutionCommands execution = new ExecutionCommands();
        QemuCommands qemu = new QemuCommands();
        DetachKill detachKill = new DetachKill();
        return new CommandTable()
            .prefix("qSupported", new QSupported())
            .exact("QStartNoAckMode", (s, p) -> {
                s.reply("OK");
                s.startNoAck();
            })
            .exact("?", (s, p) -> s.reply(s.stopReply(s.target().lastStop())))
            .exact("qC", threads)
            .exact("qfThreadInfo", threads)
            .exact("qsThreadInfo", threads)
            .prefix("qThreadExtraInfo,", threads)
            .prefix("qAttached", threads)
            .prefix("H", threads)
            .prefix("T", threads)
            .exact("g", registers)
            .prefix("G", registers)
            .prefix("p", registers)
            .prefix("P", registers)
            .prefix("m", memory)
            .prefix("M", memory)
            .prefix("X", memory)
            .prefix("c", execution)
            .prefix("s", execution)
            .prefix("C", execution)
            .prefix("S", execution)
            .exact("vCont?", (s, p) -> s.reply("vCont;c;C;s;S"))
            .prefix("vCont;", execution)
            .prefix("Z", new BreakpointCommands())
            .prefix("z", new BreakpointCommands())
            .prefix("qRcmd,", new MonitorCommand())
            .prefix("qXfer:", new XferCommands())
            .exact("qqemu.Supported", qemu)
            .prefix("Qqemu.PhyMemMode:", qemu)
            .exact("qqemu.sstepbits", qemu)
            .exact("qqemu.sstep", qemu)
            .prefix("Qqemu.sstep=", qemu)
            .prefix("D", detachKill)
            .exact("k", detachKill)
            .prefix("vKill", detachKill);
    }
}
