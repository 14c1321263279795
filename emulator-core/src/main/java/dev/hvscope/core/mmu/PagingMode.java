package dev.hvscope.core.mmu;

import java.util.Locale;

/**
 * The translation schemes of the privileged spec, as data: number of levels, bits of each VPN
 * field, extra root-index bits of the x4 (G-stage) modes, and the resulting address width.
 * Decoded from the MODE field (bits 63:60) of satp/vsatp or hgatp.
 *
 * <p>Sv39x4 is Sv39 with two more root-index bits [Spike vm_info]: its root table has 2048 entries
 * (16 KiB) and guest-physical addresses are 41 bits wide.
 */
public enum PagingMode {
    BARE(0, 0, 0, 0, false),
    SV39(8, 3, 9, 0, false),
    SV48(9, 4, 9, 0, false),
    SV57(10, 5, 9, 0, false),
    SV39X4(8, 3, 9, 2, true),
    SV48X4(9, 4, 9, 2, true),
    SV57X4(10, 5, 9, 2, true);

    public static final int PAGE_SHIFT = 12;
    public static final int PTE_SIZE = 8;

    /** satp.MODE/hgatp.MODE encoding. */
    public final int encoding;
    /** Number of page-table levels (0 for Bare). */
    public final int levels;
    /** Bits of each VPN field (9 for the 64-bit-PTE schemes). */
    public final int vpnBits;
    /** Extra index bits of the root table (2 for the x4 G-stage modes). */
    public final int widenBits;
    /** True for the hgatp (G-stage) schemes. */
    public final boolean gStage;
    /** Width of the translated address: 39/48/57, or 41/50/59 for x4 (0 for Bare). */
    public final int addressBits;

    PagingMode(int encoding, int levels, int vpnBits, int widenBits, boolean gStage) {
        this.encoding = encoding;
        this.levels = levels;
        this.vpnBits = vpnBits;
        this.widenBits = widenBits;
        this.gStage = gStage;
        this.addressBits = levels == 0 ? 0 : PAGE_SHIFT + levels * vpnBits + widenBits;
    }

    public boolean isBare() {
        return levels == 0;
    }

    /** Index bits used at {@code level} (the root, level levels-1, is widened). */
    public int indexBits(int level) {
        return level == levels - 1 ? vpnBits + widenBits : vpnBits;
    }

    /** The VPN[level] (or GPA index) of {@code addr} for this scheme. */
    public long index(long addr, int level) {
        return (addr >>> (PAGE_SHIFT + level * vpnBits)) & ((1L << indexBits(level)) - 1);
    }

    /** log2 of the size of a leaf found at {@code level}: 12, 21, 30, 39, 48. */
    public int leafShift(int level) {
        return PAGE_SHIFT + level * vpnBits;
    }

    /** The table views' name of a mode: sv39, sv48x4, ..., "bare", or "reserved" for null. */
    public static String viewName(PagingMode mode) {
        return mode == null ? "reserved" : mode.isBare() ? "bare" : mode.name().toLowerCase(Locale.ROOT);
    }

    /** A page size as text: 4K, 2M, 1G, 512G, ... for a leaf of {@code 1 << shift} bytes. */
    public static String pageSizeName(int shift) {
        if (shift >= 30) {
            return (1L << (shift - 30)) + "G";
        }
        return shift >= 20 ? (1L << (shift - 20)) + "M" : (1L << (shift - 10)) + "K";
    }

    /**
     * Whether {@code addr} is a legal input: first-stage VAs must be sign-extended from bit
     * addressBits-1; G-stage GPAs must have every bit from addressBits up equal to zero.
     */
    public boolean addressInRange(long addr) {
        if (levels == 0) {
            return true;
        }
        if (gStage) {
            return (addr >>> addressBits) == 0;
        }
        int shift = 64 - addressBits;
        return ((addr << shift) >> shift) == addr;
    }

    // ---- atp decoding ----

    /** MODE field (63:60) of satp, vsatp or hgatp. */
    public static int modeField(long atp) {
        return (int) (atp >>> 60);
    }

    /** PPN field (43:0) of satp, vsatp or hgatp. */
    public static long ppn(long atp) {
        return atp & ((1L << 44) - 1);
    }

    /** ASID field (59:44) of satp/vsatp. */
    public static int asid(long satp) {
        return (int) ((satp >>> 44) & 0xFFFF);
    }

    /** VMID field (57:44) of hgatp. */
    public static int vmid(long hgatp) {
        return (int) ((hgatp >>> 44) & 0x3FFF);
    }

    /** The scheme selected by satp/vsatp, or null when MODE is reserved/unsupported. */
    public static PagingMode fromSatp(long satp) {
        switch (modeField(satp)) {
            case 0: return BARE;
            case 8: return SV39;
            case 9: return SV48;
            case 10: return SV57;
            default: return null;
        }
    }

    /** The scheme selected by hgatp, or null when MODE is reserved/unsupported. */
    public static PagingMode fromHgatp(long hgatp) {
        switch (modeField(hgatp)) {
            case 0: return BARE;
            case 8: return SV39X4;
            case 9: return SV48X4;
            case 10: return SV57X4;
            default: return null;
        }
    }

    /** Root table address of satp/vsatp: PPN &lt;&lt; 12. */
    public static long satpRoot(long satp) {
        return ppn(satp) << PAGE_SHIFT;
    }

    /**
     * Root table address of hgatp. QEMU (the default) walks from PPN &lt;&lt; 12 as written; the
     * spec letter ({@code strict}) makes the root 16 KiB aligned, PPN[1:0] reading as zero.
     */
    public static long hgatpRoot(long hgatp, boolean strict) {
        long ppn = ppn(hgatp);
        if (strict) {
            ppn &= ~3L;
        }
        return ppn << PAGE_SHIFT;
    }
}
