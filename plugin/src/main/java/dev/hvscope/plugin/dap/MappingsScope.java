package dev.hvscope.plugin.dap;

import dev.hvscope.core.mmu.PagingMode;
import dev.hvscope.core.mmu.PteBits;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.debug.Variable;

/**
 * The G-stage mappings scope (hgatp: GPA to HPA) and the Guest mappings scope (vsatp: GVA to GPA,
 * each region's GPA put through the G-stage to its HPA), from a {@link PageTableView}: hvscope's
 * paged JSON view, or a walk on the client over physical reads against other stubs. Regions are
 * coalesced runs of leaves; the scope is paged (indexed), and each region expands to its leaves,
 * also paged, so a table of 262,144 PTEs costs only the page the client shows.
 */
final class MappingsScope implements VariableContainer {
    enum Kind { G_STAGE, GUEST }

    private final DebugSession session;
    private final long tid;
    private final Kind kind;
    private PageTableView table;
    private List<Variable> info;

    MappingsScope(DebugSession session, long tid, Kind kind) {
        this.session = session;
        this.tid = tid;
        this.kind = kind;
    }

    private void open() {
        if (table != null || info != null) {
            return;
        }
        PageTableView.Space space = kind == Kind.G_STAGE ? PageTableView.Space.GSTAGE : PageTableView.Space.VSSTAGE;
        session.select(tid);
        if (HypervisorScope.csr(session, "hgatp") == null) {
            info = List.of(Vars.of("hgatp", "<the target has no H extension CSRs>"));
            return;
        }
        PageTableView t = PageTableViews.open(session, tid, space);
        if (t == null || t.mode().equals("bare") || t.mode().equals("reserved")) {
            String what = kind == Kind.G_STAGE ? "Bare: GPA = HPA" : "Bare: GVA = GPA";
            info = List.of(Vars.of(space.csr, t == null ? "<absent>"
                    : Addresses.hex64(t.atp()) + (t.mode().equals("bare") ? " (" + what + ")" : " (reserved mode)")));
            return;
        }
        table = t;
    }

    @Override
    public int size() {
        open();
        return info != null ? info.size() : table.regionCount();
    }

    @Override
    public boolean indexed() {
        return true;
    }

    @Override
    public List<Variable> variables(int start, int count) {
        open();
        if (info != null) {
            return info.subList(Math.min(start, info.size()), Math.min(info.size(), start + count));
        }
        List<Variable> out = new ArrayList<>();
        for (PageTableView.Region r : table.regions(start, Math.min(count, table.regionCount()))) {
            out.add(region(r));
        }
        return out;
    }

    private Variable region(PageTableView.Region r) {
        String range = Addresses.hex(r.start()) + ".." + Addresses.hex(r.end());
        String size = PagingMode.pageSizeName(r.shift()) + " x " + r.count();
        String flags = PteBits.letters(r.pte());
        String target = kind == Kind.G_STAGE
                ? "HPA " + Addresses.hex(r.output())
                : "GPA " + Addresses.hex(r.output()) + " -> "
                        + (r.hpa() == -1 ? "HPA <G-stage unmapped>" : "HPA " + Addresses.hex(r.hpa()));
        return Vars.expandable(session.variables(), range, target + " " + flags + " " + size, new Leaves(r));
    }

    /** The leaves of one region. */
    private final class Leaves implements VariableContainer {
        private final PageTableView.Region region;

        Leaves(PageTableView.Region region) {
            this.region = region;
        }

        @Override
        public int size() {
            return region.count();
        }

        @Override
        public boolean indexed() {
            return true;
        }

        @Override
        public List<Variable> variables(int start, int count) {
            List<Variable> out = new ArrayList<>();
            int from = region.firstLeaf() + Math.max(0, start);
            int n = (int) Math.min(count, (long) region.firstLeaf() + region.count() - from);
            for (PageTableView.Leaf l : table.leaves(from, n)) {
                out.add(Vars.of(Addresses.hex(l.input()),
                        (kind == Kind.G_STAGE ? "HPA " : "GPA ") + Addresses.hex(l.output()) + " pte " + Addresses.hex64(l.pte())
                                + " @" + Addresses.hex(l.pteAddr()) + " " + PteBits.letters(l.pte())
                                + " " + PagingMode.pageSizeName(l.shift())));
            }
            return out;
        }
    }
}
