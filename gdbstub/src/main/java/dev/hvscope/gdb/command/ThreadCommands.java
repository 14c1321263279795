package dev.hvscope.gdb.command;

import dev.hvscope.core.debug.ThreadState;
import dev.hvscope.gdb.rsp.Hex;

/** Threads (one per hart): qC, qfThreadInfo/qsThreadInfo, qThreadExtraInfo, qAttached, H, T. */
final class ThreadCommands implements Command {
    @Override
    public void handle(Session s, String p) {
        int n = s.target().threadCount();
        if (p.equals("qC")) {
            s.reply("QC" + Session.threadId(s.currentThread()));
        } else if (p.equals("qfThreadInfo")) {
            StringBuilder sb = new StringBuilder("m");
            for (int i = 0; i < n; i++) {
                sb.append(i == 0 ? "" : ",").append(Session.threadId(i));
            }
            s.reply(sb.toString());
        } else if (p.equals("qsThreadInfo")) {
            s.reply("l");
        } else if (p.startsWith("qThreadExtraInfo,")) {
            int t = Session.parseThread(p.substring(17));
            if (t < 0 || t >= n) {
                s.reply("E02");
                return;
            }
            ThreadState st = s.target().threadState(t);
            String text = "hart " + st.id() + ", " + st.modeName() + "-mode, V=" + (st.virtualized() ? 1 : 0) + ", "
                    + (st.running() ? "running" : st.waiting() ? "halted (wfi)" : "halted");
            s.reply(Hex.encode(text));
        } else if (p.startsWith("qAttached")) {
            s.reply("1");
        } else if (p.startsWith("H")) {
            if (p.length() < 3) {
                s.reply("E01");
                return;
            }
            int t = Session.parseThread(p.substring(2));
            if (t >= n) {
                s.reply("E02");
                return;
            }
            if (p.charAt(1) == 'g') {
                s.setGeneralThread(t);
            } else {
                s.setContinueThread(t);
            }
            s.reply("OK");
        } else {   // T thread-id: alive?
            int t = Session.parseThread(p.substring(1));
            s.reply(t >= 0 && t < n ? "OK" : "E01");
        }
    }
}
