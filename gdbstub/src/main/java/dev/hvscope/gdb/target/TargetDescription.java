package dev.hvscope.gdb.target;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * target.xml: the cpu, fpu, virtual and csr features GDB 13's riscv target knows, plus hvscope's
 * hypervisor feature with the readable {@code mode} register, and {@code <osabi>none</osabi>} so
 * gdb steps with {@code vCont;s} instead of planting breakpoints (which a trap would escape).
 */
public final class TargetDescription {
    private TargetDescription() {
    }

    public static String xml(RegisterMap map) {
        Map<String, StringBuilder> features = new LinkedHashMap<>();
        for (String f : List.of(RegisterMap.CPU, RegisterMap.FPU, RegisterMap.VIRTUAL, RegisterMap.CSR, RegisterMap.HV)) {
            features.put(f, new StringBuilder());
        }
        for (Register r : map.all()) {
            features.get(r.feature()).append("  <reg name=\"").append(r.name()).append("\" bitsize=\"")
                .append(r.bitsize()).append("\" regnum=\"").append(r.number()).append("\" type=\"").append(r.type())
                .append("\" group=\"").append(r.group()).append("\"/>\n");
        }
        StringBuilder sb = new StringBuilder(64 * 1024);
        sb.append("<?xml version=\"1.0\"?>\n<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n<target version=\"1.0\">\n");
        sb.append("<architecture>riscv:rv64</architecture>\n<osabi>none</osabi>\n");
        for (Map.Entry<String, StringBuilder> e : features.entrySet()) {
            sb.append("<feature name=\"").append(e.getKey()).append("\">\n");
            if (e.getKey().equals(RegisterMap.CSR)) {
                CsrTypes.appendTypes(sb);
            }
            if (e.getKey().equals(RegisterMap.HV)) {
                sb.append("  <enum id=\"hv_mode\" size=\"4\">\n")
                  .append("    <evalue name=\"U\" value=\"0\"/>\n")
                  .append("    <evalue name=\"HS\" value=\"1\"/>\n")
                  .append("    <evalue name=\"M\" value=\"3\"/>\n")
                  .append("    <evalue name=\"VU\" value=\"4\"/>\n")
                  .append("    <evalue name=\"VS\" value=\"5\"/>\n")
                  .append("  </enum>\n");
            }
            sb.append(e.getValue());
            sb.append("</feature>\n");
        }
        sb.append("</target>\n");
        return sb.toString();
    }

    /** Memory map: all 64-bit addresses are RAM to gdb (the stub itself says what is readable). */
    public static String memoryMap() {
        return "<?xml version=\"1.0\"?>\n"
            + "<!DOCTYPE memory-map PUBLIC \"+//IDN gnu.org//DTD GDB Memory Map V1.0//EN\" "
            + "\"http://sourceware.org/gdb/gdb-memory-map.dtd\">\n"
            + "<memory-map>\n"
            + "  <memory type=\"ram\" start=\"0x0\" length=\"0x8000000000000000\"/>\n"
            + "  <memory type=\"ram\" start=\"0x8000000000000000\" length=\"0x7fffffffffffffff\"/>\n"
            + "</memory-map>\n";
    }
}
