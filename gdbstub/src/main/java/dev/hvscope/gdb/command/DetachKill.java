package dev.hvscope.gdb.command;

/** D (detach: breakpoints go, the machine runs on) and k/vKill (the debugger ends the machine). */
final class DetachKill implements Command {
    @Override
    public void handle(Session s, String p) {
        if (p.startsWith("D")) {
            s.reply("OK");
            s.close(false);
        } else if (p.startsWith("vKill")) {
            s.reply("OK");
            s.close(true);
        } else {
            s.close(true);   // k has no reply
        }
    }
}
