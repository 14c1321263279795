package dev.hvscope.core.mmu;

/** Fields of a 64-bit (Sv39/Sv48/Sv57 and x4) page-table entry. */
public final class PteBits {
    public static final long V = 1L << 0;
    public static final long R = 1L << 1;
    public static final long W = 1L << 2;
    public static final long X = 1L << 3;
    public static final long U = 1L << 4;
    public static final long G = 1L << 5;
    public static final long A = 1L << 6;
    public static final long D = 1L << 7;
    /** Bits 63:54: N (Svnapot), PBMT (Svpbmt) and reserved; hvscope implements none of them. */
    public static final long RESERVED = 0xFFC0_0000_0000_0000L;
    public static final int PPN_SHIFT = 10;
    public static final long PPN_MASK = (1L << 44) - 1;

    private PteBits() {
    }

    /** PPN field (53:10). */
    public static long ppn(long pte) {
        return (pte >>> PPN_SHIFT) & PPN_MASK;
    }

    /** A leaf has R or X set; a pointer has neither. */
    public static boolean isLeaf(long pte) {
        return (pte & (R | X)) != 0;
    }

    /** A valid PTE with W but not R is reserved (spec 4.3.1): it maps nothing. */
    public static boolean isReserved(long pte) {
        return (pte & (R | W)) == W;
    }

    /** Flags R W X U G A D as letters, '-' where clear: {@code RWXU-AD}. */
    public static String letters(long pte) {
        String names = "RWXUGAD";
        StringBuilder sb = new StringBuilder(7);
        for (int i = 0; i < 7; i++) {
            sb.append((pte & (R << i)) != 0 ? names.charAt(i) : '-');
        }
        return sb.toString();
    }

    /** Builds a PTE from a physical address and flag bits (for tests and hypervisor page tables). */
    public static long make(long pa, long flags) {
        return ((pa >>> PagingMode.PAGE_SHIFT) << PPN_SHIFT) | flags;
    }
}
