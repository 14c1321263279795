package dev.hvscope.plugin.lsp;

import java.util.ArrayList;
import java.util.List;

/**
 * The Sv39x4 G-stage mappings a region produces, computed the way axaddrspace maps them:
 * {@code map_linear} uses the largest page (1 GiB, 2 MiB, 4 KiB) to which both GPA and HPA are
 * aligned and that still fits; {@code map_alloc} with populate maps 4 KiB frames one by one, at
 * host addresses chosen at run time. Also counts the table pages the mappings need on their own:
 * the 16 KiB root (four pages: Sv39x4 widens the root index by two bits), one level-1 table per
 * 1 GiB slot not mapped by a 1 GiB leaf, one level-0 table per 2 MiB slot mapped by 4 KiB leaves.
 *
 * @param runs       consecutive mappings of one page size
 * @param tablePages root (4) + level-1 tables + level-0 tables
 */
public record GStagePlan(List<Run> runs, int level1Tables, int level0Tables, int tablePages) {

    public static final long PAGE_4K = 1L << 12;
    public static final long PAGE_2M = 1L << 21;
    public static final long PAGE_1G = 1L << 30;
    /** Sv39x4: a 41-bit guest physical address space. */
    public static final long GPA_LIMIT = dev.hvscope.plugin.vmconfig.VmConfigChecks.GPA_LIMIT;
    static final int ROOT_PAGES = 4;

    /**
     * Pages of one size mapped back to back.
     *
     * @param hpa the first host physical address, or -1 when frames are allocated at run time
     */
    public record Run(long gpa, long hpa, long pageSize, long count) {
        public long size() {
            return pageSize * count;
        }
    }

    /** map_linear(gpa, hpa, size): huge pages wherever GPA and HPA are both aligned. */
    public static GStagePlan linear(long gpa, long hpa, long size) {
        return plan(gpa, hpa, size, true);
    }

    /** map_alloc(gpa, size, populate = true): 4 KiB frames anywhere in host RAM. */
    public static GStagePlan allocated(long gpa, long size) {
        return plan(gpa, -1, size, false);
    }

    private static GStagePlan plan(long gpa, long hpa, long size, boolean huge) {
        List<Run> runs = new ArrayList<>();
        long g = gpa & ~(PAGE_4K - 1);
        long h = hpa < 0 ? 0 : hpa & ~(PAGE_4K - 1);
        // Whole pages cover the region; a region past the Sv39x4 space is a diagnostic, so stop there.
        long end = Math.min(roundUp(gpa + size), GPA_LIMIT);
        long l1 = 0;
        long l0 = 0;
        long lastL1 = -1;
        long lastL0 = -1;
        while (g < end) {
            long page = pageFor(g, h, end - g, huge);
            long count = (end - g) / page;
            long bigger = page << 9;
            if (huge && page != PAGE_1G && (g - h) % bigger == 0) {
                // relatively aligned: small pages only up to the next boundary where a bigger one fits
                count = Math.min(count, (bigger - g % bigger) / page);
            }
            long last = g + count * page - 1;
            if (page != PAGE_1G) {
                long first = g / PAGE_1G;
                l1 += last / PAGE_1G - first + 1 - (first == lastL1 ? 1 : 0);
                lastL1 = last / PAGE_1G;
            }
            if (page == PAGE_4K) {
                long first = g / PAGE_2M;
                l0 += last / PAGE_2M - first + 1 - (first == lastL0 ? 1 : 0);
                lastL0 = last / PAGE_2M;
            }
            runs.add(new Run(g, hpa < 0 ? -1 : h, page, count));
            g += count * page;
            h += count * page;
        }
        return new GStagePlan(List.copyOf(runs), (int) l1, (int) l0, (int) (ROOT_PAGES + l1 + l0));
    }

    private static long roundUp(long address) {
        return (address + PAGE_4K - 1) & ~(PAGE_4K - 1);
    }

    private static long pageFor(long gpa, long hpa, long remaining, boolean huge) {
        if (huge) {
            for (long page : new long[] {PAGE_1G, PAGE_2M}) {
                if (gpa % page == 0 && hpa % page == 0 && remaining >= page) {
                    return page;
                }
            }
        }
        return PAGE_4K;
    }

    /** The leaf PTE axaddrspace writes for these MappingFlags: V, R/W/X/U from the flags, A, D. */
    public static long leafPte(long flags) {
        long pte = 1; // V
        if ((flags & 1) != 0) {
            pte |= 1 << 1; // R
        }
        if ((flags & 2) != 0) {
            pte |= 1 << 2; // W
        }
        if ((flags & 4) != 0) {
            pte |= 1 << 3; // X
        }
        if ((flags & 8) != 0) {
            pte |= 1 << 4; // U
        }
        return pte | 1 << 6 | 1 << 7; // A, D: set up front, so no A/D update is ever needed
    }

    /** "R|W|X|U" for MappingFlags bits READ=1, WRITE=2, EXECUTE=4, USER=8 (then DEVICE=16, UNCACHED=32). */
    public static String flagNames(long flags) {
        String[] names = {"READ", "WRITE", "EXECUTE", "USER", "DEVICE", "UNCACHED"};
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < names.length; i++) {
            if ((flags & (1L << i)) != 0) {
                sb.append(sb.length() == 0 ? "" : "|").append(names[i]);
            }
        }
        return sb.length() == 0 ? "none" : sb.toString();
    }

    /** A Markdown table of the runs plus the table-page count, for hovers. */
    public String toMarkdown() {
        StringBuilder sb = new StringBuilder("| GPA | HPA | page size | pages |\n|---|---|---|---|\n");
        for (Run r : runs) {
            sb.append("| ").append(Hex.of(r.gpa())).append("..").append(Hex.of(r.gpa() + r.size()))
                    .append(" | ").append(r.hpa() < 0 ? "allocated frames" : Hex.of(r.hpa()) + "..")
                    .append(r.hpa() < 0 ? "" : Hex.of(r.hpa() + r.size()))
                    .append(" | ").append(Hex.size(r.pageSize())).append(" | ").append(r.count()).append(" |\n");
        }
        sb.append("\nG-stage table pages: ").append(tablePages).append(" (root 4 (16 KiB, Sv39x4), ")
                .append(level1Tables).append(" level-1, ").append(level0Tables).append(" level-0)");
        return sb.toString();
    }
}
