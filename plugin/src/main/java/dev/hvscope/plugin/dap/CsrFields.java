package dev.hvscope.plugin.dap;

import java.util.List;
import java.util.Map;

/** The fields of the CSRs the views decode, as (name, low bit, width), from the privileged spec's figures. */
final class CsrFields {
    record Field(String name, int lo, int width) {
        long of(long value) {
            return width == 64 ? value : (value >>> lo) & ((1L << width) - 1);
        }
    }

    private static final List<Field> STATUS = List.of(new Field("SIE", 1, 1), new Field("MIE", 3, 1),
            new Field("SPIE", 5, 1), new Field("UBE", 6, 1), new Field("MPIE", 7, 1), new Field("SPP", 8, 1),
            new Field("VS", 9, 2), new Field("MPP", 11, 2), new Field("FS", 13, 2), new Field("XS", 15, 2),
            new Field("MPRV", 17, 1), new Field("SUM", 18, 1), new Field("MXR", 19, 1), new Field("TVM", 20, 1),
            new Field("TW", 21, 1), new Field("TSR", 22, 1), new Field("UXL", 32, 2), new Field("SXL", 34, 2),
            new Field("SBE", 36, 1), new Field("MBE", 37, 1), new Field("GVA", 38, 1), new Field("MPV", 39, 1),
            new Field("SD", 63, 1));
    private static final List<Field> SSTATUS = List.of(new Field("SIE", 1, 1), new Field("SPIE", 5, 1),
            new Field("UBE", 6, 1), new Field("SPP", 8, 1), new Field("VS", 9, 2), new Field("FS", 13, 2),
            new Field("XS", 15, 2), new Field("SUM", 18, 1), new Field("MXR", 19, 1), new Field("UXL", 32, 2),
            new Field("SD", 63, 1));
    private static final List<Field> HSTATUS = List.of(new Field("VSBE", 5, 1), new Field("GVA", 6, 1),
            new Field("SPV", 7, 1), new Field("SPVP", 8, 1), new Field("HU", 9, 1), new Field("VGEIN", 12, 6),
            new Field("VTVM", 20, 1), new Field("VTW", 21, 1), new Field("VTSR", 22, 1), new Field("VSXL", 32, 2));
    private static final List<Field> ATP = List.of(new Field("PPN", 0, 44), new Field("ASID", 44, 16),
            new Field("MODE", 60, 4));
    private static final List<Field> HGATP = List.of(new Field("PPN", 0, 44), new Field("VMID", 44, 14),
            new Field("MODE", 60, 4));
    private static final List<Field> CAUSE = List.of(new Field("Exception Code", 0, 63), new Field("Interrupt", 63, 1));
    private static final List<Field> TVEC = List.of(new Field("MODE", 0, 2), new Field("BASE", 2, 62));

    private static final Map<String, List<Field>> BY_NAME = Map.ofEntries(
            Map.entry("mstatus", STATUS), Map.entry("sstatus", SSTATUS), Map.entry("vsstatus", SSTATUS),
            Map.entry("hstatus", HSTATUS), Map.entry("satp", ATP), Map.entry("vsatp", ATP), Map.entry("hgatp", HGATP),
            Map.entry("mcause", CAUSE), Map.entry("scause", CAUSE), Map.entry("vscause", CAUSE),
            Map.entry("mtvec", TVEC), Map.entry("stvec", TVEC), Map.entry("vstvec", TVEC));

    private CsrFields() {
    }

    /** The decoded fields of a CSR, or an empty list when it has none worth decoding. */
    static List<Field> of(String csr) {
        return BY_NAME.getOrDefault(csr, List.of());
    }
}
