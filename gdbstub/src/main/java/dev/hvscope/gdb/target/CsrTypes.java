package dev.hvscope.gdb.target;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * target.xml types for CSRs: every CSR is unsigned (untyped, gdb prints hgatp as a negative
 * number), and the status, address-translation and cause registers are flags with named fields, so
 * gdb prints them decoded ({@code [ SIE SPP MPP=3 ... ]}) and still accepts integer writes.
 */
final class CsrTypes {
    private CsrTypes() {
    }

    /** A field: name, first bit, last bit. */
    private record Field(String name, int start, int end) {
    }

    private static final Map<String, Field[]> FLAGS = new LinkedHashMap<>();

    static {
        FLAGS.put("mstatus_flags", new Field[] {f("SIE", 1), f("MIE", 3), f("SPIE", 5), f("UBE", 6), f("MPIE", 7),
            f("SPP", 8), f("VS", 9, 10), f("MPP", 11, 12), f("FS", 13, 14), f("XS", 15, 16), f("MPRV", 17),
            f("SUM", 18), f("MXR", 19), f("TVM", 20), f("TW", 21), f("TSR", 22), f("UXL", 32, 33), f("SXL", 34, 35),
            f("SBE", 36), f("MBE", 37), f("GVA", 38), f("MPV", 39), f("SD", 63)});
        FLAGS.put("sstatus_flags", new Field[] {f("SIE", 1), f("SPIE", 5), f("UBE", 6), f("SPP", 8), f("VS", 9, 10),
            f("FS", 13, 14), f("XS", 15, 16), f("SUM", 18), f("MXR", 19), f("UXL", 32, 33), f("SD", 63)});
        FLAGS.put("hstatus_flags", new Field[] {f("VSBE", 5), f("GVA", 6), f("SPV", 7), f("SPVP", 8), f("HU", 9),
            f("VGEIN", 12, 17), f("VTVM", 20), f("VTW", 21), f("VTSR", 22), f("VSXL", 32, 33)});
        FLAGS.put("satp_flags", new Field[] {f("PPN", 0, 43), f("ASID", 44, 59), f("MODE", 60, 63)});
        FLAGS.put("hgatp_flags", new Field[] {f("PPN", 0, 43), f("VMID", 44, 57), f("MODE", 60, 63)});
        FLAGS.put("cause_flags", new Field[] {f("CODE", 0, 62), f("INTERRUPT", 63)});
    }

    private static Field f(String name, int bit) {
        return new Field(name, bit, bit);
    }

    private static Field f(String name, int start, int end) {
        return new Field(name, start, end);
    }

    static String typeOf(String csr) {
        switch (csr) {
            case "mstatus": return "mstatus_flags";
            case "sstatus":
            case "vsstatus": return "sstatus_flags";
            case "hstatus": return "hstatus_flags";
            case "satp":
            case "vsatp": return "satp_flags";
            case "hgatp": return "hgatp_flags";
            case "mcause":
            case "scause":
            case "vscause": return "cause_flags";
            default: return "uint64";
        }
    }

    /** The flags type definitions for the csr feature. */
    static void appendTypes(StringBuilder sb) {
        for (Map.Entry<String, Field[]> e : FLAGS.entrySet()) {
            sb.append("  <flags id=\"").append(e.getKey()).append("\" size=\"8\">\n");
            for (Field f : e.getValue()) {
                sb.append("    <field name=\"").append(f.name()).append("\" start=\"").append(f.start())
                  .append("\" end=\"").append(f.end()).append('"');
                if (f.end() != f.start()) {
                    sb.append(" type=\"uint64\"");
                }
                sb.append("/>\n");
            }
            sb.append("  </flags>\n");
        }
    }
}
