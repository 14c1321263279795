package dev.hvscope.gdb.command;

import dev.hvscope.gdb.rsp.Hex;
import java.nio.charset.StandardCharsets;

/** qRcmd: {@code monitor ...}; the output streams as O packets, and the command is always answered. */
final class MonitorCommand implements Command {
    @Override
    public void handle(Session s, String p) {
        String text;
        try {
            text = new String(Hex.decode(p.substring(6)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            s.reply("E01");
            return;
        }
        String out;
        try {
            out = s.monitor().run(text.trim());
        } catch (RuntimeException e) {
            out = "error: " + e.getMessage() + "\n";
        }
        if (!out.isEmpty()) {
            s.output(out.endsWith("\n") ? out : out + "\n");
        }
        s.reply("OK");
    }
}
