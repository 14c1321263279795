package dev.hvscope.gdb.monitor;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.hvscope.core.debug.AddressSpace;
import dev.hvscope.core.debug.HypervisorViews;
import dev.hvscope.core.debug.TranslationReport;
import dev.hvscope.core.mmu.PteBits;
import dev.hvscope.gdb.command.Session;

/**
 * The paged form of the table views: {@code qXfer:hvscope-gstage:read:page=RS,RC,LS,LC} (also
 * {@code -vsstage}, {@code -satp}) answers regions RS..RS+RC-1 and leaves LS..LS+LC-1 (decimal,
 * counts clamped), with the totals, from the table scanned once per stop ({@link TableCache}):
 * <pre>
 * {"table":"hgatp","atp":"0x..","mode":"sv39x4","root":"0x..","regionCount":1,"leafCount":262144,
 *  "unreadable":0,
 *  "regions":[{"index":0,"start":"0x0","end":"0x40000000","output":"0x100000000","pte":"0x..",
 *              "flags":"RWXU-AD","level":0,"pageSize":"0x1000","count":262144,"firstLeaf":0}],
 *  "leaves":[{"index":0,"input":"0x0","output":"0x100000000","pte":"0x..","pteAddr":"0x..","level":0}]}
 * </pre>
 * vsstage regions also carry {@code hpa}: their output GPA put through the G-stage (absent when
 * it does not translate).
 */
final class TablePages {
    static final String PREFIX = "page=";

    private TablePages() {
    }

    static String render(Session s, HypervisorViews.Table table, String annex) {
        String[] f = annex.substring(PREFIX.length()).split(",");
        if (f.length != 4) {
            throw new IllegalArgumentException("page=REGIONSTART,REGIONCOUNT,LEAFSTART,LEAFCOUNT");
        }
        int rs = Integer.parseInt(f[0]);
        int rc = Integer.parseInt(f[1]);
        int ls = Integer.parseInt(f[2]);
        int lc = Integer.parseInt(f[3]);
        int t = s.currentThread();
        TableSnapshot snap = s.tables().get(s.target(), t, table);
        JsonObject o = new JsonObject();
        o.addProperty("table", table.name().toLowerCase(java.util.Locale.ROOT));
        o.addProperty("atp", hex(snap.atp));
        o.addProperty("mode", snap.modeName());
        o.addProperty("root", hex(snap.root));
        o.addProperty("regionCount", snap.regions.count());
        o.addProperty("leafCount", snap.leaves.size());
        o.addProperty("unreadable", snap.leaves.unreadable());
        JsonArray regions = new JsonArray();
        for (int r = Math.max(0, rs); r < Math.min(snap.regions.count(), (long) rs + rc); r++) {
            int first = snap.regions.first(r);
            JsonObject e = new JsonObject();
            e.addProperty("index", r);
            e.addProperty("start", hex(snap.regions.start(r)));
            e.addProperty("end", hex(snap.regions.end(r)));
            e.addProperty("output", hex(snap.leaves.output(first)));
            if (table == HypervisorViews.Table.VSATP) {
                TranslationReport g = s.target().views().translate(t, AddressSpace.GUEST_PHYSICAL, snap.leaves.output(first));
                if (g.ok()) {
                    e.addProperty("hpa", hex(g.pa()));
                }
            }
            e.addProperty("pte", hex(snap.leaves.pte(first)));
            e.addProperty("flags", PteBits.letters(snap.leaves.pte(first)));
            e.addProperty("level", snap.leaves.level(first));
            e.addProperty("pageSize", hex(snap.leaves.pageSize(first)));
            e.addProperty("count", snap.regions.leafCount(r));
            e.addProperty("firstLeaf", first);
            regions.add(e);
        }
        o.add("regions", regions);
        JsonArray leaves = new JsonArray();
        for (int i = Math.max(0, ls); i < Math.min(snap.leaves.size(), (long) ls + lc); i++) {
            JsonObject e = new JsonObject();
            e.addProperty("index", i);
            e.addProperty("input", hex(snap.leaves.input(i)));
            e.addProperty("output", hex(snap.leaves.output(i)));
            e.addProperty("pte", hex(snap.leaves.pte(i)));
            e.addProperty("pteAddr", hex(snap.leaves.pteAddr(i)));
            e.addProperty("level", snap.leaves.level(i));
            leaves.add(e);
        }
        o.add("leaves", leaves);
        return o.toString();
    }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }
}
