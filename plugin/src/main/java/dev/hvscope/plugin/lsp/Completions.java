package dev.hvscope.plugin.lsp;

import dev.hvscope.plugin.vmconfig.ConfigText;
import dev.hvscope.plugin.vmconfig.VmConfig;
import dev.hvscope.plugin.vmconfig.VmConfigSchema;
import dev.hvscope.plugin.vmconfig.VmConfigSchema.Key;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What may be typed at a cursor in a VM config: table names after '[', the keys of the table the
 * cursor is in (those not written yet), values of enumerated keys, device entries and names in
 * device lists, flags and map types in memory regions. Works on half-typed text: it reads lines
 * and brackets, not a parse tree.
 */
final class Completions {
    private static final Pattern KEY = Pattern.compile("^\\s*([A-Za-z0-9_\\-]+)\\s*=");

    private Completions() {
    }

    /** A device name offered in device lists, with the QEMU virt window it occupies. */
    record DeviceName(String name, long gpa, long size, long irq, String doc) {
    }

    static final List<DeviceName> DEVICES = List.of(
            new DeviceName("pflash", 0x2200_0000L, 0x200_0000L, 0, "CFI pflash#1, the h_2_0 tour's flash bank"),
            new DeviceName("uart", 0x1000_0000L, 0x1000L, 10, "NS16550A UART"),
            new DeviceName("plic", 0x0c00_0000L, 0x60_0000L, 0, "PLIC"),
            new DeviceName("clint", 0x0200_0000L, 0x1_0000L, 0, "ACLINT (CLINT)"),
            new DeviceName("sifive_test", 0x10_0000L, 0x1000L, 0, "sifive_test finisher"),
            new DeviceName("virtio-mmio", 0x1000_1000L, 0x1000L, 1, "virtio-mmio slot 0"));

    /** MappingFlags values offered in memory regions. */
    static final List<Map.Entry<String, String>> FLAGS = List.of(
            Map.entry("0xf", "READ|WRITE|EXECUTE|USER (G-stage leaves need USER)"),
            Map.entry("0x7", "READ|WRITE|EXECUTE"),
            Map.entry("0xb", "READ|WRITE|USER"),
            Map.entry("0x1", "READ"),
            Map.entry("0x2", "WRITE"),
            Map.entry("0x4", "EXECUTE"),
            Map.entry("0x8", "USER"),
            Map.entry("0x10", "DEVICE"),
            Map.entry("0x20", "UNCACHED"));

    enum Kind { TABLE, KEY, VALUE, DEVICE, FLAG }

    /** @param insert the text to insert (may span lines) */
    record Candidate(String label, String insert, String detail, Kind kind) {
    }

    /** @param column a string index into the line */
    static List<Candidate> at(ConfigText src, int line, int column) {
        String lineText = src.line(line);
        String before = lineText.substring(0, Math.min(Math.max(column, 0), lineText.length()));
        String table = src.tableAt(line);
        int headerLine = headerLineOf(src, line);
        ArrayContext array = arrayContext(src, headerLine, line, before);
        if (array != null) {
            return inArray(array);
        }
        if (before.trim().startsWith("[")) {
            List<Candidate> out = new ArrayList<>();
            for (String name : VmConfigSchema.TABLES.keySet()) {
                out.add(new Candidate(name, name, "table [" + name + "]", Kind.TABLE));
            }
            return out;
        }
        int eq = before.indexOf('=');
        if (eq >= 0) {
            return values(table, before.substring(0, eq).trim());
        }
        Set<String> present = keysPresent(src, headerLine);
        List<Candidate> out = new ArrayList<>();
        for (Key k : VmConfigSchema.keysOf(table)) {
            if (k.type() != VmConfigSchema.Type.TABLE && !present.contains(k.name())) {
                out.add(new Candidate(k.name(), k.name() + " = " + k.example(), k.doc(), Kind.KEY));
            }
        }
        return out;
    }

    private static List<Candidate> values(String table, String key) {
        List<Candidate> out = new ArrayList<>();
        List<String> choices = switch (key) {
            case "mode" -> VmConfigSchema.PFLASH_MODES;
            case "image_location" -> VmConfigSchema.IMAGE_LOCATIONS;
            case "interrupt_mode" -> List.of("passthrough", "emulated");
            default -> List.of();
        };
        for (String c : choices) {
            out.add(new Candidate(c, "\"" + c + "\"", key + " value", Kind.VALUE));
        }
        Key k = VmConfigSchema.key(table, key);
        if (out.isEmpty() && k != null && !k.example().isEmpty()) {
            out.add(new Candidate(k.example(), k.example(), k.doc(), Kind.VALUE));
        }
        return out;
    }

    /** The key whose array value holds the cursor, the bracket depth and the slot in the entry. */
    private record ArrayContext(String key, int depth, int slot) {
    }

    private static ArrayContext arrayContext(ConfigText src, int headerLine, int line, String before) {
        String key = null;
        int[] depthSlot = {0, 0};
        for (int l = Math.max(headerLine + 1, 0); l <= line; l++) {
            String s = l == line ? before : src.line(l);
            if (depthSlot[0] == 0) {
                Matcher m = KEY.matcher(s);
                if (m.find()) {
                    key = m.group(1);
                }
            }
            ConfigText.scan(s, 0, c -> {
                switch (s.charAt(c)) {
                    case '[' -> {
                        depthSlot[0]++;
                        depthSlot[1] = 0;
                    }
                    case ']' -> depthSlot[0] = Math.max(0, depthSlot[0] - 1);
                    case ',' -> depthSlot[1]++;
                    default -> { }
                }
                return true;
            });
        }
        return depthSlot[0] > 0 && key != null ? new ArrayContext(key, depthSlot[0], depthSlot[1]) : null;
    }

    private static List<Candidate> inArray(ArrayContext a) {
        List<Candidate> out = new ArrayList<>();
        switch (a.key()) {
            case "memory_regions" -> {
                if (a.depth() == 1) {
                    out.add(new Candidate("RAM region (MAP_ALLOC)", "[0x8000_0000, 0x100_0000, 0xf, 0],",
                            "[base_gpa, size, flags, map_type]", Kind.VALUE));
                    out.add(new Candidate("identity region (MAP_IDENTICAL)", "[0x9000_0000, 0x100_0000, 0xf, 1],",
                            "[base_gpa, size, flags, map_type]", Kind.VALUE));
                } else if (a.slot() == 3) {
                    out.add(new Candidate("0", "0", "MAP_ALLOC: frames from host RAM", Kind.FLAG));
                    out.add(new Candidate("1", "1", "MAP_IDENTICAL: GPA = HPA", Kind.FLAG));
                } else {
                    for (Map.Entry<String, String> f : FLAGS) {
                        out.add(new Candidate(f.getKey(), f.getKey(), f.getValue(), Kind.FLAG));
                    }
                }
            }
            case "passthrough_devices", "emu_devices" -> {
                boolean emu = a.key().equals("emu_devices");
                for (DeviceName d : DEVICES) {
                    if (a.depth() == 1) {
                        // the UART gets emu_type 2 (Console), which hvscope answers with its NS16550A model
                        long emuType = d.name().equals("uart") ? VmConfig.EmulatedDevice.EMU_CONSOLE
                                : VmConfig.EmulatedDevice.EMU_DUMMY;
                        String entry = emu
                                ? "[\"" + d.name() + "\", " + Hex.of(d.gpa()) + ", " + Hex.of(d.size()) + ", " + d.irq()
                                        + ", " + emuType + ", []],"
                                : "[\"" + d.name() + "\", " + Hex.of(d.gpa()) + ", " + Hex.of(d.gpa()) + ", "
                                        + Hex.of(d.size()) + ", " + d.irq() + "],";
                        out.add(new Candidate(d.name(), entry, d.doc(), Kind.DEVICE));
                    } else if (a.slot() == 0) {
                        out.add(new Candidate(d.name(), "\"" + d.name() + "\"", d.doc(), Kind.DEVICE));
                    }
                }
                if (emu && a.depth() == 2 && a.slot() == 4) {
                    out.add(new Candidate("0", "0", "Dummy: reads give 0, writes are ignored", Kind.FLAG));
                    out.add(new Candidate("2", "2", "Console: hvscope's emulated NS16550A UART", Kind.FLAG));
                }
            }
            default -> {
            }
        }
        return out;
    }

    private static int headerLineOf(ConfigText src, int line) {
        int found = -1;
        for (ConfigText.Header h : src.headers()) {
            if (h.line() > line) {
                break;
            }
            found = h.line();
        }
        return found;
    }

    private static Set<String> keysPresent(ConfigText src, int headerLine) {
        Set<String> keys = new HashSet<>();
        int end = headerLine < 0 ? firstHeader(src) : src.tableEndLine(headerLine);
        for (int l = headerLine + 1; l <= end && l < src.lineCount(); l++) {
            Matcher m = KEY.matcher(src.line(l));
            if (m.find()) {
                keys.add(m.group(1));
            }
        }
        return keys;
    }

    private static int firstHeader(ConfigText src) {
        return src.headers().isEmpty() ? src.lineCount() - 1 : src.headers().get(0).line() - 1;
    }
}
