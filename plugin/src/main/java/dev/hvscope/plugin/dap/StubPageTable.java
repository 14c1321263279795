package dev.hvscope.plugin.dap;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.hvscope.plugin.rspclient.RspClient;
import java.util.ArrayList;
import java.util.List;

/**
 * A table from hvscope's stub: {@code qXfer:hvscope-gstage:read:page=RS,RC,LS,LC} (and
 * {@code -vsstage}, {@code -satp}). The stub scans the table once per stop in its own memory;
 * each page asked for is one small JSON document, so a quarter million PTEs cost only the page
 * the client shows. The header (mode, root, counts) comes with the first page asked.
 */
final class StubPageTable implements PageTableView {
    private final DebugSession session;
    private final long tid;
    private final Space space;
    private JsonObject header;

    StubPageTable(DebugSession session, long tid, Space space) {
        this.session = session;
        this.tid = tid;
        this.space = space;
    }

    /** Whether the stub offers the view of this table. */
    static boolean available(RspClient rsp, Space space) {
        return rsp.supports("qXfer:" + object(space) + ":read");
    }

    private static String object(Space space) {
        return "hvscope-" + space.name().toLowerCase(java.util.Locale.ROOT);
    }

    private JsonObject page(int regionStart, int regionCount, int leafStart, int leafCount) {
        String annex = "page=" + regionStart + "," + regionCount + "," + leafStart + "," + leafCount;
        session.select(tid);   // the stub reads the table of its current thread
        JsonObject o = JsonParser.parseString(session.rsp().readXfer(object(space), annex)).getAsJsonObject();
        if (!o.has("leafCount")) {
            throw DapError.failed("the stub's " + object(space) + " view has no paged form");
        }
        if (header == null) {
            header = o;
        }
        return o;
    }

    private JsonObject header() {
        return header != null ? header : page(0, 0, 0, 0);
    }

    @Override
    public Space space() {
        return space;
    }

    @Override
    public long atp() {
        return hex(header(), "atp");
    }

    @Override
    public String mode() {
        return header().get("mode").getAsString();
    }

    @Override
    public long root() {
        return hex(header(), "root");
    }

    @Override
    public int regionCount() {
        return header().get("regionCount").getAsInt();
    }

    @Override
    public List<Region> regions(int start, int count) {
        List<Region> out = new ArrayList<>();
        if (count <= 0) {
            return out;
        }
        for (JsonElement el : page(start, count, 0, 0).getAsJsonArray("regions")) {
            JsonObject r = el.getAsJsonObject();
            long output = hex(r, "output");
            long hpa = space != Space.VSSTAGE ? output : r.has("hpa") ? hex(r, "hpa") : -1;
            out.add(new Region(r.get("index").getAsInt(), hex(r, "start"), hex(r, "end"), output, hpa, hex(r, "pte"),
                    Long.numberOfTrailingZeros(hex(r, "pageSize")), r.get("count").getAsInt(),
                    r.get("firstLeaf").getAsInt()));
        }
        return out;
    }

    @Override
    public int leafCount() {
        return header().get("leafCount").getAsInt();
    }

    @Override
    public List<Leaf> leaves(int start, int count) {
        List<Leaf> out = new ArrayList<>();
        if (count <= 0) {
            return out;
        }
        for (JsonElement el : page(0, 0, start, count).getAsJsonArray("leaves")) {
            JsonObject l = el.getAsJsonObject();
            int level = l.get("level").getAsInt();
            out.add(new Leaf(l.get("index").getAsInt(), hex(l, "input"), hex(l, "output"), hex(l, "pte"),
                    hex(l, "pteAddr"), level, 12 + 9 * level));
        }
        return out;
    }

    @Override
    public int unreadable() {
        return header().get("unreadable").getAsInt();
    }

    @Override
    public String source() {
        return "stub";
    }

    private static long hex(JsonObject o, String key) {
        return Long.parseUnsignedLong(o.get(key).getAsString().substring(2), 16);
    }
}
