package dev.hvscope.core.debug;

import java.util.List;

/**
 * A run of pages mapped contiguously with the same permissions, as {@code info mem} prints them.
 *
 * @param va    input address of the table (virtual, guest-virtual or guest-physical)
 * @param pa    output address (physical, guest-physical or host-physical)
 * @param flags the leaf PTE's low 8 bits (V R W X U G A D)
 */
public record MappingRegion(long va, long pa, long size, int flags) {
    /** QEMU's attribute string: r w x u g a d, '-' where clear. */
    public String attributes() {
        String names = "rwxugad";
        StringBuilder sb = new StringBuilder(7);
        for (int i = 0; i < 7; i++) {
            sb.append((flags & (2 << i)) != 0 ? names.charAt(i) : '-');
        }
        return sb.toString();
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
