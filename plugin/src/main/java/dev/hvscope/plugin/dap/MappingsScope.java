package dev.hvscope.plugin.dap;

import dev.hvscope.core.mmu.AccessType;
import dev.hvscope.core.mmu.PagingMode;
import dev.hvscope.core.mmu.PageWalker;
import dev.hvscope.core.mmu.Translation;
import dev.hvscope.core.mmu.TranslationRequest;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.debug.Variable;

/**
 * The G-stage mappings scope (hgatp: GPA to HPA) and the Guest mappings scope (vsatp: GVA to GPA,
 * each region's GPA put through the G-stage to its HPA), computed on the client from physical
 * reads over RSP. Regions are coalesced runs of leaves; the scope is paged (indexed), and each
 * region expands to its leaves, also paged, so a table of 262,144 PTEs costs only the page the
 * client shows. The table is scanned once per stop, when the scope is first expanded.
 */
final class MappingsScope implements VariableContainer {
    enum Kind { G_STAGE, GUEST }

    private final DebugSession session;
    private final long tid;
    private final Kind kind;
    private MappingRegions regions;
    private List<Variable> info;
    private long hgatp;
    private PageWalker walker;

    MappingsScope(DebugSession session, long tid, Kind kind) {
        this.session = session;
        this.tid = tid;
        this.kind = kind;
    }

    private void scan() {
        if (regions != null || info != null) {
            return;
        }
        session.select(tid);
        Long hg = HypervisorScope.csr(session, "hgatp");
        if (hg == null) {
            info = List.of(Vars.of("hgatp", "<the target has no H extension CSRs>"));
            return;
        }
        hgatp = hg;
        RemotePhysicalMemory mem = session.physical();
        walker = new PageWalker(mem);
        PagingMode gMode = PagingMode.fromHgatp(hgatp);
        if (kind == Kind.G_STAGE) {
            if (gMode == null || gMode.isBare()) {
                info = List.of(Vars.of("hgatp", Addresses.hex64(hgatp) + (gMode == null ? " (reserved mode)" : " (Bare: GPA = HPA)")));
                return;
            }
            regions = new MappingRegions(PageTableLeaves.scan(gMode, PagingMode.hgatpRoot(hgatp, false), mem, a -> a));
            return;
        }
        Long vs = HypervisorScope.csr(session, "vsatp");
        PagingMode vsMode = vs == null ? null : PagingMode.fromSatp(vs);
        if (vsMode == null || vsMode.isBare()) {
            info = List.of(Vars.of("vsatp", vs == null ? "<absent>" : Addresses.hex64(vs) + (vsMode == null ? " (reserved mode)" : " (Bare: GVA = GPA)")));
            return;
        }
        regions = new MappingRegions(PageTableLeaves.scan(vsMode, PagingMode.satpRoot(vs), mem, this::gpaToHpa));
    }

    /** GPA to HPA through the G-stage (a debug walk: no A/D writes), or -1 when unmapped. */
    long gpaToHpa(long gpa) {
        TranslationRequest req = new TranslationRequest();
        req.twoStage = true;
        req.atp = 0;
        req.hgatp = hgatp;
        req.debug = true;
        Translation t = new Translation();
        return walker.translate(gpa, AccessType.LOAD, req, t, null) ? t.pa : -1;
    }

    @Override
    public int size() {
        scan();
        return info != null ? info.size() : regions.count;
    }

    @Override
    public boolean indexed() {
        return true;
    }

    @Override
    public List<Variable> variables(int start, int count) {
        scan();
        if (info != null) {
            return info.subList(Math.min(start, info.size()), Math.min(info.size(), start + count));
        }
        List<Variable> out = new ArrayList<>();
        for (int r = start; r < Math.min(regions.count, start + count); r++) {
            out.add(region(r));
        }
        return out;
    }

    private Variable region(int r) {
        String range = Addresses.hex(regions.start(r)) + ".." + Addresses.hex(regions.end(r));
        String size = PageTableLeaves.pageSize(regions.shift(r)) + " x " + regions.leafCount(r);
        String flags = PageTableLeaves.flags(regions.pte(r));
        String target = kind == Kind.G_STAGE
                ? "HPA " + Addresses.hex(regions.outputStart(r))
                : "GPA " + Addresses.hex(regions.outputStart(r)) + " -> " + hpaText(regions.outputStart(r));
        Variable v = Vars.expandable(session.variables(), range, target + " " + flags + " " + size, new Leaves(r));
        return v;
    }

    private String hpaText(long gpa) {
        long hpa = gpaToHpa(gpa);
        return hpa == -1 ? "HPA <G-stage unmapped>" : "HPA " + Addresses.hex(hpa);
    }

    /** The leaves of one region. */
    private final class Leaves implements VariableContainer {
        private final int region;

        Leaves(int region) {
            this.region = region;
        }

        @Override
        public int size() {
            return regions.leafCount(region);
        }

        @Override
        public boolean indexed() {
            return true;
        }

        @Override
        public List<Variable> variables(int start, int count) {
            PageTableLeaves t = regions.leaves;
            List<Variable> out = new ArrayList<>();
            int from = regions.first[region] + start;
            int to = Math.min(regions.first[region + 1], from + count);
            for (int i = from; i < to; i++) {
                out.add(Vars.of(Addresses.hex(t.input[i]),
                        (kind == Kind.G_STAGE ? "HPA " : "GPA ") + Addresses.hex(t.output[i]) + " pte " + Addresses.hex64(t.pte[i])
                                + " @" + Addresses.hex(t.pteAddr[i]) + " " + PageTableLeaves.flags(t.pte[i])
                                + " " + PageTableLeaves.pageSize(t.shift[i])));
            }
            return out;
        }
    }
}
