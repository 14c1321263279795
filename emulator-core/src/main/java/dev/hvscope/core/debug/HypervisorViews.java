package dev.hvscope.core.debug;

import java.util.List;
import java.util.Set;

/**
 * The hypervisor views: translations with their traces, mapping snapshots of the three tables,
 * the exit log and exit catching.
 */
public interface HypervisorViews {
    /** The paging tables a view can show. */
    enum Table {
        /** satp (V=0 first stage), as QEMU's info mem. */
        SATP,
        /** vsatp: guest-virtual to guest-physical. */
        VSATP,
        /** hgatp: guest-physical to host-physical. */
        HGATP
    }

    /**
     * A translation with each level of each walk (debug walk: no A/D writes, no traps).
     *
     * @param from GUEST_VIRTUAL (both stages), GUEST_PHYSICAL (G-stage only) or CURRENT (as the hart would)
     */
    TranslationReport translate(int thread, AddressSpace from, long address);

    /** The table's mapping as coalesced regions; empty when the table is Bare. */
    List<MappingRegion> mappings(int thread, Table table);

    /** The raw atp value of the table (satp, vsatp or hgatp). */
    long tableRoot(int thread, Table table);

    ExitLog exitLog();

    /** Stops the target when a VM exit of one of these kinds happens (empty: never). */
    void catchExits(Set<VmExitKind> kinds);

    Set<VmExitKind> caughtExits();
}
