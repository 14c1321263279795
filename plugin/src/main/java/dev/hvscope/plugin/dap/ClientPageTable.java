package dev.hvscope.plugin.dap;

import dev.hvscope.core.mmu.AccessType;
import dev.hvscope.core.mmu.LeafRegions;
import dev.hvscope.core.mmu.PageTableLeaves;
import dev.hvscope.core.mmu.PageWalker;
import dev.hvscope.core.mmu.PagingMode;
import dev.hvscope.core.mmu.Translation;
import dev.hvscope.core.mmu.TranslationRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * A table walked on the client from physical reads over RSP (any stub; QEMU's with
 * {@code Qqemu.PhyMemMode:1}): the whole table is scanned once, when first asked, into
 * {@link PageTableLeaves} (one PTE read at a time from {@link RemotePhysicalMemory}'s cached 4 KiB
 * pages) and coalesced into {@link LeafRegions} of one page size; vsatp tables and region outputs go through the G-stage (debug walks).
 */
final class ClientPageTable implements PageTableView {
    private final Space space;
    private final long atp;
    private final long hgatp;
    private final PagingMode mode;
    private final RemotePhysicalMemory memory;
    private final PageWalker walker;
    private LeafRegions regions;

    ClientPageTable(Space space, long atp, long hgatp, RemotePhysicalMemory memory) {
        this.space = space;
        this.atp = atp;
        this.hgatp = hgatp;
        this.mode = space == Space.GSTAGE ? PagingMode.fromHgatp(atp) : PagingMode.fromSatp(atp);
        this.memory = memory;
        this.walker = new PageWalker(memory);
    }

    private LeafRegions scanned() {
        if (regions == null) {
            regions = LeafRegions.samePageSize(PageTableLeaves.scan(mode, root(), memory,
                    space == Space.VSSTAGE ? this::gpaToHpa : a -> a));
        }
        return regions;
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
    public Space space() {
        return space;
    }

    @Override
    public long atp() {
        return atp;
    }

    @Override
    public String mode() {
        return PagingMode.viewName(mode);
    }

    @Override
    public long root() {
        return space == Space.GSTAGE ? PagingMode.hgatpRoot(atp, false) : PagingMode.satpRoot(atp);
    }

    @Override
    public int regionCount() {
        return scanned().count();
    }

    @Override
    public List<Region> regions(int start, int count) {
        LeafRegions r = scanned();
        List<Region> out = new ArrayList<>();
        for (int i = Math.max(0, start); i < Math.min(r.count(), (long) start + count); i++) {
            long output = r.output(i);
            long hpa = space == Space.VSSTAGE ? gpaToHpa(output) : output;
            out.add(new Region(i, r.start(i), r.end(i), output, hpa, r.pte(i), r.shift(i), r.leafCount(i), r.first(i)));
        }
        return out;
    }

    @Override
    public int leafCount() {
        return scanned().leaves().size();
    }

    @Override
    public List<Leaf> leaves(int start, int count) {
        PageTableLeaves t = scanned().leaves();
        List<Leaf> out = new ArrayList<>();
        for (int i = Math.max(0, start); i < Math.min(t.size(), (long) start + count); i++) {
            out.add(new Leaf(i, t.input(i), t.output(i), t.pte(i), t.pteAddr(i), t.level(i), t.shift(i)));
        }
        return out;
    }

    @Override
    public int unreadable() {
        return scanned().leaves().unreadable();
    }

    @Override
    public String source() {
        return "client";
    }
}
