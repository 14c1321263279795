package dev.hvscope.core.debug;

import dev.hvscope.core.bus.Bus;
import dev.hvscope.core.hart.Csr;
import dev.hvscope.core.hart.CsrTable;
import dev.hvscope.core.hart.Hart;
import dev.hvscope.core.mmu.LeafRegions;
import dev.hvscope.core.mmu.PageTableLeaves;
import dev.hvscope.core.mmu.PagingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongUnaryOperator;

/**
 * What every Debuggee built on real harts shares: CSRs by number, memory and translations through
 * {@link DebugMemory}, and the paging-table views. Full-system harts and the hosted hypervisor's
 * vCPU (which is a hart too) both use it, so the two targets read state the same way.
 */
final class HartViews {
    private final DebugMemory memory;

    HartViews(Bus bus) {
        this.memory = new DebugMemory(bus);
    }

    static List<CsrDescriptor> csrs(Hart h) {
        List<CsrDescriptor> out = new ArrayList<>();
        for (CsrTable.Entry e : CsrTable.entries(h.hasHypervisor())) {
            out.add(new CsrDescriptor(e.number(), e.name(), e.hypervisor()));
        }
        return out;
    }

    static Long csr(Hart h, int number) {
        try {
            return CsrTable.peek(h, number);
        } catch (RuntimeException e) {
            return null;
        }
    }

    static boolean setCsr(Hart h, int number, long value) {
        try {
            return CsrTable.poke(h, number, value);
        } catch (RuntimeException e) {
            return false;
        }
    }

    byte[] read(Hart h, AddressSpace space, long address, int length) {
        return memory.read(h, space, address, length);
    }

    void write(Hart h, AddressSpace space, long address, byte[] data) {
        memory.write(h, space, address, data);
    }

    TranslationReport translate(Hart h, AddressSpace from, long address) {
        return memory.trace(h, from, address);
    }

    List<MappingRegion> mappings(Hart h, HypervisorViews.Table table) {
        long atp = tableRoot(h, table);
        PagingMode mode;
        long root;
        LongUnaryOperator toHpa = LongUnaryOperator.identity();
        switch (table) {
            case HGATP:
                mode = PagingMode.fromHgatp(atp);
                root = PagingMode.hgatpRoot(atp, false);
                break;
            case VSATP:
                mode = PagingMode.fromSatp(atp);
                root = PagingMode.satpRoot(atp);
                toHpa = gpa -> memory.gpaToHpa(h, gpa);
                break;
            default:
                mode = PagingMode.fromSatp(atp);
                root = PagingMode.satpRoot(atp);
                break;
        }
        return MappingRegion.of(LeafRegions.acrossPageSizes(PageTableLeaves.scan(mode, root, memory.physical(), toHpa)));
    }

    static long tableRoot(Hart h, HypervisorViews.Table table) {
        int csr = table == HypervisorViews.Table.HGATP ? Csr.HGATP
                : table == HypervisorViews.Table.VSATP ? Csr.VSATP : Csr.SATP;
        Long v = CsrTable.peek(h, csr);
        return v == null ? 0 : v;
    }
}
