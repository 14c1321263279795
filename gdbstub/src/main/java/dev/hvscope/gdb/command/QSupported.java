package dev.hvscope.gdb.command;

import dev.hvscope.core.debug.Debuggee;
import java.util.ArrayList;
import java.util.List;

/** qSupported: the features are computed from what the target offers, so announcement and support agree. */
final class QSupported implements Command {
    /** The JSON views of {@link XferCommands}, announced when the target has hypervisor views. */
    static final List<String> HVSCOPE_VIEWS = List.of("hvscope-exits", "hvscope-gstage", "hvscope-vsstage",
            "hvscope-satp", "hvscope-translate");

    @Override
    public void handle(Session s, String packet) {
        s.reply(String.join(";", features(s.target())));
    }

    static List<String> features(Debuggee d) {
        List<String> f = new ArrayList<>();
        f.add("PacketSize=" + Integer.toHexString(Session.PACKET_SIZE));
        f.add("qXfer:features:read+");
        f.add("qXfer:memory-map:read+");
        f.add("QStartNoAckMode+");
        f.add("multiprocess+");
        f.add("vContSupported+");
        if (d.breakpoints() != null) {
            f.add("swbreak+");
            f.add("hwbreak+");
        }
        if (d.views() != null) {
            for (String v : HVSCOPE_VIEWS) {
                f.add("qXfer:" + v + ":read+");
            }
        }
        return f;
    }
}
