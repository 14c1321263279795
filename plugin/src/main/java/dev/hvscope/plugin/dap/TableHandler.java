package dev.hvscope.plugin.dap;

import dev.hvscope.core.mmu.PagingMode;
import dev.hvscope.core.mmu.PteBits;
import java.util.List;

/**
 * {@code hvscope/table}: the table behind hgatp, vsatp or satp as regions and (paged) leaf PTEs,
 * from hvscope's paged view or, against other stubs, the walk the mapping scopes use.
 */
final class TableHandler implements RequestHandler<TableArguments, TableResult> {
    static final int DEFAULT_REGIONS = 1000;

    @Override
    public TableResult handle(TableArguments args, DebugSession session) {
        Args.require(args, "hvscope/table");
        PageTableView.Space space = args.space == null ? null : PageTableView.Space.byName(args.space);
        if (space == null) {
            throw DapError.badArgs("space must be gstage, vsstage or satp");
        }
        int start = nonNegative(args.start, 0, "start");
        int count = nonNegative(args.count, 0, "count");
        int regionStart = nonNegative(args.regionStart, 0, "regionStart");
        int regionCount = nonNegative(args.regionCount, DEFAULT_REGIONS, "regionCount");
        session.rsp();
        long tid = args.threadId == null ? session.currentThread() : Frames.thread(session, args.threadId);
        PageTableView t = PageTableViews.open(session, tid, space);
        if (t == null) {
            throw DapError.failed("the target has no " + space.csr + " CSR");
        }
        TableResult r = new TableResult();
        r.space = space.name().toLowerCase(java.util.Locale.ROOT);
        r.csr = space.csr;
        r.atp = Addresses.hex64(t.atp());
        r.mode = t.mode();
        r.root = Addresses.hex(t.root());
        r.source = t.source();
        boolean mapped = !r.mode.equals("bare") && !r.mode.equals("reserved");
        r.regionTotal = mapped ? t.regionCount() : 0;
        r.leafTotal = mapped ? t.leafCount() : 0;
        r.unreadable = mapped ? t.unreadable() : 0;
        List<PageTableView.Region> regions = mapped ? t.regions(regionStart, regionCount) : List.of();
        r.regions = new TableResult.Region[regions.size()];
        for (int i = 0; i < r.regions.length; i++) {
            r.regions[i] = region(space, regions.get(i));
        }
        List<PageTableView.Leaf> leaves = mapped ? t.leaves(start, count) : List.of();
        r.leaves = new TableResult.Leaf[leaves.size()];
        for (int i = 0; i < r.leaves.length; i++) {
            PageTableView.Leaf l = leaves.get(i);
            TableResult.Leaf o = new TableResult.Leaf();
            o.index = l.index();
            o.input = Addresses.hex(l.input());
            o.output = Addresses.hex(l.output());
            o.value = Addresses.hex64(l.pte());
            o.pteAddress = Addresses.hex(l.pteAddr());
            o.level = l.level();
            o.flags = PteBits.letters(l.pte());
            r.leaves[i] = o;
        }
        return r;
    }

    private static TableResult.Region region(PageTableView.Space space, PageTableView.Region g) {
        TableResult.Region o = new TableResult.Region();
        o.start = Addresses.hex(g.start());
        o.end = Addresses.hex(g.end());
        if (space == PageTableView.Space.VSSTAGE) {
            o.gpa = Addresses.hex(g.output());
        }
        o.hpa = g.hpa() == -1 ? null : Addresses.hex(g.hpa());
        o.flags = PteBits.letters(g.pte());
        o.pageSize = PagingMode.pageSizeName(g.shift());
        o.count = g.count();
        o.firstLeaf = g.firstLeaf();
        return o;
    }

    private static int nonNegative(Integer v, int dflt, String name) {
        if (v == null) {
            return dflt;
        }
        if (v < 0) {
            throw DapError.badArgs(name + " must not be negative");
        }
        return v;
    }
}
