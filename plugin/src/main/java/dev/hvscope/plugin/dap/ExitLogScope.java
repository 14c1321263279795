package dev.hvscope.plugin.dap;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.debug.Variable;

/**
 * The VM exit log, latest first, from hvscope's {@code qXfer:hvscope-exits:read} view (offered only
 * by stubs that announce it): one variable per exit with its kind, cause, guest pc, tval and GPA.
 */
final class ExitLogScope extends LazyScope {
    static final String FEATURE = "qXfer:hvscope-exits:read";
    private static final int LAST = 256;

    private final DebugSession session;

    ExitLogScope(DebugSession session) {
        this.session = session;
    }

    static boolean available(DebugSession session) {
        return session.rsp().supports(FEATURE);
    }

    @Override
    List<Variable> read() {
        JsonObject log = JsonParser.parseString(session.rsp().readXfer("hvscope-exits", Integer.toString(LAST)))
                .getAsJsonObject();
        List<Variable> out = new ArrayList<>();
        out.add(Vars.of("total", log.get("total").getAsString()));
        List<JsonElement> exits = new ArrayList<>();
        log.getAsJsonArray("exits").forEach(exits::add);
        for (int i = exits.size() - 1; i >= 0; i--) {
            JsonObject e = exits.get(i).getAsJsonObject();
            StringBuilder v = new StringBuilder(e.get("kind").getAsString())
                    .append(" cause ").append(e.get("cause").getAsString())
                    .append(' ').append(e.get("from").getAsString()).append("->").append(e.get("to").getAsString())
                    .append(" pc ").append(e.get("pc").getAsString())
                    .append(" tval ").append(e.get("tval").getAsString());
            if (e.has("gpa")) {
                v.append(" gpa ").append(e.get("gpa").getAsString());
            }
            out.add(Vars.of("#" + e.get("seq").getAsString(), v.toString()));
        }
        return out;
    }

}
