package dev.hvscope.gdb.monitor;

import dev.hvscope.core.debug.AddressSpace;
import dev.hvscope.core.debug.Debuggee;
import dev.hvscope.core.debug.HypervisorViews;
import dev.hvscope.core.debug.MemoryAccessException;
import dev.hvscope.core.mmu.LeafRegions;
import dev.hvscope.core.mmu.PageTableLeaves;
import dev.hvscope.core.mmu.PagingMode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;

/**
 * Every leaf of one paging table (satp, vsatp or hgatp) at a stop and the leaves coalesced into
 * regions of one page size ({@link PageTableLeaves}, {@link LeafRegions}), so the IDE can page
 * through a quarter million PTEs without moving them all. Each table page is read with one memory
 * access; vsatp tables sit at guest-physical addresses and are read through the G-stage.
 */
public final class TableSnapshot {
    final HypervisorViews.Table table;
    final long atp;
    /** Null for a reserved mode. */
    final PagingMode mode;
    final long root;
    final PageTableLeaves leaves;
    final LeafRegions regions;

    private TableSnapshot(HypervisorViews.Table table, long atp, PageTableLeaves.TableReader reader) {
        this.table = table;
        this.atp = atp;
        boolean g = table == HypervisorViews.Table.HGATP;
        this.mode = g ? PagingMode.fromHgatp(atp) : PagingMode.fromSatp(atp);
        this.root = g ? PagingMode.hgatpRoot(atp, false) : PagingMode.satpRoot(atp);
        this.leaves = PageTableLeaves.scan(mode, root, reader);
        this.regions = LeafRegions.samePageSize(leaves);
    }

    /** Scans the table the thread's atp CSR names. */
    public static TableSnapshot scan(Debuggee d, int thread, HypervisorViews.Table table) {
        AddressSpace space = table == HypervisorViews.Table.VSATP ? AddressSpace.GUEST_PHYSICAL
                : AddressSpace.HOST_PHYSICAL;
        return new TableSnapshot(table, d.views().tableRoot(thread, table), (tableAddr, ptes, entries) -> {
            byte[] page;
            try {
                page = d.readMemory(thread, space, tableAddr, entries * PagingMode.PTE_SIZE);
            } catch (MemoryAccessException e) {
                return 0;
            }
            int readable = page.length / PagingMode.PTE_SIZE;
            LongBuffer words = ByteBuffer.wrap(page).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer();
            words.get(ptes, 0, readable);
            return readable;
        });
    }

    /** "bare", "reserved" or the mode's name in lower case (sv39, sv48x4, ...). */
    public String modeName() {
        return PagingMode.viewName(mode);
    }
}
