package dev.hvscope.gdb.monitor;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.hvscope.core.debug.AddressSpace;
import dev.hvscope.core.debug.HypervisorViews;
import dev.hvscope.core.debug.MappingRegion;
import dev.hvscope.core.debug.TranslationReport;
import dev.hvscope.core.debug.VmExitRecord;
import dev.hvscope.gdb.command.Session;

/**
 * The hypervisor views as JSON for the IDE plugin, read with {@code qXfer:hvscope-VIEW:read:ANNEX}:
 * {@code exits} (annex: how many), {@code gstage}/{@code vsstage}/{@code satp} (regions; with the
 * annex {@code page=RS,RC,LS,LC} a page of regions and of leaf PTEs, see {@link TablePages}), and
 * {@code translate} (annex: the guest-virtual address in hex).
 */
public final class JsonViews {
    private JsonViews() {
    }

    public static String render(Session s, String view, String annex) {
        HypervisorViews v = s.target().views();
        int t = s.currentThread();
        switch (view) {
            case "exits": {
                int n = annex.isEmpty() ? 100 : Integer.parseInt(annex);
                JsonObject o = new JsonObject();
                o.addProperty("total", v.exitLog().total());
                JsonArray a = new JsonArray();
                for (VmExitRecord r : v.exitLog().last(n)) {
                    JsonObject e = new JsonObject();
                    e.addProperty("seq", r.seq());
                    e.addProperty("hart", r.thread());
                    e.addProperty("kind", r.kind().shortName());
                    e.addProperty("cause", r.cause() < 0 ? "irq" + (r.cause() & 63) : Long.toString(r.cause()));
                    e.addProperty("from", r.fromMode());
                    e.addProperty("to", r.toMode());
                    e.addProperty("pc", hex(r.guestPc()));
                    e.addProperty("tval", hex(r.tval()));
                    if (r.gpa() != -1) {
                        e.addProperty("gpa", hex(r.gpa()));
                    }
                    e.addProperty("tinst", hex(r.tinst()));
                    a.add(e);
                }
                o.add("exits", a);
                return o.toString();
            }
            case "translate": {
                TranslationReport r = v.translate(t, AddressSpace.GUEST_VIRTUAL, Long.parseUnsignedLong(annex, 16));
                JsonObject o = new JsonObject();
                o.addProperty("address", hex(r.address()));
                o.addProperty("ok", r.ok());
                if (r.gpa() != -1) {
                    o.addProperty("gpa", hex(r.gpa()));
                }
                if (r.ok()) {
                    o.addProperty("pa", hex(r.pa()));
                } else {
                    o.addProperty("cause", r.cause());
                }
                o.addProperty("trace", r.trace());
                return o.toString();
            }
            default: {
                HypervisorViews.Table table = view.equals("gstage") ? HypervisorViews.Table.HGATP
                        : view.equals("vsstage") ? HypervisorViews.Table.VSATP : HypervisorViews.Table.SATP;
                if (annex.startsWith(TablePages.PREFIX)) {
                    return TablePages.render(s, table, annex);
                }
                JsonObject o = new JsonObject();
                o.addProperty("table", table.name().toLowerCase(java.util.Locale.ROOT));
                o.addProperty("atp", hex(v.tableRoot(t, table)));
                JsonArray a = new JsonArray();
                for (MappingRegion r : v.mappings(t, table)) {
                    JsonObject e = new JsonObject();
                    e.addProperty("va", hex(r.va()));
                    e.addProperty("pa", hex(r.pa()));
                    e.addProperty("size", hex(r.size()));
                    e.addProperty("attr", r.attributes());
                    a.add(e);
                }
                o.add("regions", a);
                return o.toString();
            }
        }
    }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }
}
