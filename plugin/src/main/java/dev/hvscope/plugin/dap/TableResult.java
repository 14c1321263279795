package dev.hvscope.plugin.dap;

/**
 * Result of {@code hvscope/table}: the atp CSR ({@code csr}, {@code atp}), its {@code mode}
 * ({@code bare}, {@code reserved}, {@code sv39}, {@code sv39x4}, ...) and {@code root}; the
 * coalesced regions (a page of them, {@code regionTotal} in all) and the leaf PTEs asked for
 * ({@code leafTotal} in all); {@code unreadable} table pages; {@code source}: {@code stub} when
 * hvscope's stub scanned the table, {@code client} when the adapter walked it over physical reads.
 * Addresses are hex strings.
 */
public class TableResult {
    public String space;
    public String csr;
    public String atp;
    public String mode;
    public String root;
    public int regionTotal;
    public Region[] regions;
    public int leafTotal;
    public Leaf[] leaves;
    public int unreadable;
    public String source;

    /**
     * A run of leaves with one page size and flags: input range [start, end), {@code gpa} (vsstage
     * only: the guest-physical output) and {@code hpa} (host-physical; absent when the G-stage does
     * not map the GPA), {@code flags} as {@code RWXUGAD}, {@code pageSize} (4K, 2M, 1G, ...),
     * {@code count} leaves from leaf index {@code firstLeaf}.
     */
    public static class Region {
        public String start;
        public String end;
        public String gpa;
        public String hpa;
        public String flags;
        public String pageSize;
        public int count;
        public int firstLeaf;
    }

    /**
     * One leaf PTE: its {@code index}, the {@code input} address it maps, its {@code output}
     * (GPA for vsstage, else HPA), the PTE {@code value}, the PTE's own address
     * ({@code pteAddress}: a GPA for vsstage tables), the {@code level} (0 = 4 KiB leaf) and flags.
     */
    public static class Leaf {
        public int index;
        public String input;
        public String output;
        public String value;
        public String pteAddress;
        public int level;
        public String flags;
    }
}
