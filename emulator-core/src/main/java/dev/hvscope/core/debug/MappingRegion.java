package dev.hvscope.core.debug;

import dev.hvscope.core.mmu.LeafRegions;
import dev.hvscope.core.mmu.PteBits;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A run of pages mapped contiguously with the same permissions, as {@code info mem} prints them.
 *
 * @param va    input address of the table (virtual, guest-virtual or guest-physical)
 * @param pa    output address (physical, guest-physical or host-physical)
 * @param flags the leaf PTE's low 8 bits (V R W X U G A D)
 */
public record MappingRegion(long va, long pa, long size, int flags) {
    /**
     * The regions that map, from leaves coalesced {@link LeafRegions#acrossPageSizes across page
     * sizes}: reserved leaves (W without R) map nothing and are left out.
     */
    public static List<MappingRegion> of(LeafRegions regions) {
        List<MappingRegion> out = new ArrayList<>();
        for (int r = 0; r < regions.count(); r++) {
            long pte = regions.pte(r);
            if (!PteBits.isReserved(pte)) {
                out.add(new MappingRegion(regions.start(r), regions.output(r), regions.end(r) - regions.start(r),
                        (int) (pte & 0xff)));
            }
        }
        return out;
    }

    /** QEMU's attribute string: r w x u g a d, '-' where clear. */
    public String attributes() {
        return PteBits.letters(flags).toLowerCase(Locale.ROOT);
    }

    /** QEMU's {@code info mem} table. */
    public static String table(List<MappingRegion> regions) {
        StringBuilder sb = new StringBuilder();
        sb.append("vaddr            paddr            size             attr\n");
        sb.append("---------------- ---------------- ---------------- -------\n");
        for (MappingRegion r : regions) {
            sb.append(String.format("%016x %016x %016x %s%n", r.va(), r.pa(), r.size(), r.attributes()));
        }
        return sb.toString();
    }
}
