package dev.hvscope.plugin.dap;

import java.util.List;

/**
 * One paging table (satp, vsatp or hgatp) at a stop, as coalesced regions and leaf PTEs, both
 * paged: the mapping scopes and {@code hvscope/table} read it the same way whether it comes from
 * hvscope's stub (its paged JSON view: the stub scans, only the asked page crosses the wire) or
 * from a walk on the client over physical reads (any stub).
 */
interface PageTableView {
    /** Which table: the satp-family CSR that roots it. */
    enum Space {
        GSTAGE("hgatp"), VSSTAGE("vsatp"), SATP("satp");

        final String csr;

        Space(String csr) {
            this.csr = csr;
        }

        /** By the request's name (gstage, vsstage, satp); null when unknown. */
        static Space byName(String name) {
            for (Space s : values()) {
                if (s.name().equalsIgnoreCase(name)) {
                    return s;
                }
            }
            return null;
        }
    }

    /**
     * A run of leaves with the same page size and flags, contiguous in input and output.
     *
     * @param output GPA for vsstage, else HPA
     * @param hpa    vsstage: output put through the G-stage, -1 when unmapped; else equal to output
     */
    record Region(int index, long start, long end, long output, long hpa, long pte, int shift, int count,
                  int firstLeaf) {
    }

    /** One leaf PTE: where it sits (pteAddr: a GPA for vsstage tables) and what it maps. */
    record Leaf(int index, long input, long output, long pte, long pteAddr, int level, int shift) {
    }

    Space space();

    /** The atp CSR's value. */
    long atp();

    /** "bare", "reserved" or the mode (sv39, sv39x4, ...). */
    String mode();

    long root();

    int regionCount();

    List<Region> regions(int start, int count);

    int leafCount();

    List<Leaf> leaves(int start, int count);

    /** Table pages that could not be read. */
    int unreadable();

    /** "stub" (hvscope's JSON view) or "client" (walked here). */
    String source();
}
