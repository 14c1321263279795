package dev.hvscope.gdb.command;

import dev.hvscope.gdb.monitor.JsonViews;
import dev.hvscope.gdb.rsp.Hex;
import dev.hvscope.gdb.target.TargetDescription;
import java.nio.charset.StandardCharsets;

/**
 * qXfer:OBJECT:read:ANNEX:OFFSET,LENGTH for target.xml, the memory map and hvscope's JSON views
 * ({@code hvscope-exits}, {@code -gstage}, {@code -vsstage}, {@code -satp}, {@code -translate}).
 */
final class XferCommands implements Command {
    @Override
    public void handle(Session s, String p) {
        String[] f = p.split(":", 5);
        if (f.length < 5 || !f[2].equals("read")) {
            s.reply("");
            return;
        }
        String object = f[1];
        String annex = f[3];
        int comma = f[4].indexOf(',');
        if (comma < 0) {
            s.reply("E00");
            return;
        }
        long offset = Hex.parseNumber(f[4].substring(0, comma));
        long length = Hex.parseNumber(f[4].substring(comma + 1));
        String doc;
        if (object.equals("features")) {
            if (!annex.equals("target.xml")) {
                s.reply("E00");
                return;
            }
            doc = s.targetXml();
        } else if (object.equals("memory-map")) {
            doc = TargetDescription.memoryMap();
        } else if (object.startsWith("hvscope-") && s.target().views() != null
                && QSupported.HVSCOPE_VIEWS.contains(object)) {
            doc = JsonViews.render(s, object.substring(8), annex);
        } else {
            s.reply("");
            return;
        }
        byte[] bytes = doc.getBytes(StandardCharsets.UTF_8);
        if (offset >= bytes.length) {
            s.reply("l");
            return;
        }
        int end = (int) Math.min(bytes.length, offset + Math.min(length, Session.PACKET_SIZE / 2));
        byte[] out = new byte[1 + end - (int) offset];
        out[0] = (byte) (end == bytes.length ? 'l' : 'm');
        System.arraycopy(bytes, (int) offset, out, 1, end - (int) offset);
        s.reply(out);
    }
}
