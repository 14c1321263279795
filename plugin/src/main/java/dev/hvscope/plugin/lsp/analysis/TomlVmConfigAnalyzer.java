package dev.hvscope.plugin.lsp.analysis;

import dev.hvscope.plugin.lsp.analysis.AxvisorShape.Key;
import dev.hvscope.plugin.lsp.analysis.AxvisorShape.Type;
import dev.hvscope.plugin.lsp.analysis.Finding.Severity;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * The first {@link VmConfigAnalyzer}: tomlj parses (its errors carry exact positions, and it keeps
 * what did parse), then the axvisor shape, the memory map and the referenced files are checked.
 */
public final class TomlVmConfigAnalyzer implements VmConfigAnalyzer {
    /** Larger documents get one diagnostic instead of an analysis: no config is this big. */
    public static final int MAX_CHARS = 1 << 20;

    @Override
    public ConfigAnalysis analyze(String text, Path document) {
        if (text.length() > MAX_CHARS) {
            return new ConfigAnalysis(List.of(new Finding(TextRange.START, Severity.ERROR, "too-large",
                    "document too large to analyze (" + text.length() + " characters, limit " + MAX_CHARS + ")")),
                    List.of(), List.of());
        }
        try {
            return new Pass(text, document).run();
        } catch (RuntimeException | StackOverflowError e) {
            // a parser bug on some input must not cost the user the server
            return new ConfigAnalysis(List.of(new Finding(TextRange.START, Severity.ERROR, "analyzer-failure",
                    "could not analyze this document: " + e)), List.of(), List.of());
        }
    }

    /** One analysis of one text. */
    private static final class Pass {
        private final SourceText src;
        private final Path dir;
        private final String text;
        private final List<Finding> findings = new ArrayList<>();
        private final List<ConfigItem> items = new ArrayList<>();
        private final List<PflashSite> pflash = new ArrayList<>();
        /** Every guest-physical range the config claims, for the overlap check. */
        private final List<Span> spans = new ArrayList<>();
        private TomlParseResult toml;

        private record Span(String what, long start, long end, TextRange range) {
        }

        Pass(String text, Path document) {
            this.text = text;
            this.src = new SourceText(text);
            this.dir = document == null ? null : document.toAbsolutePath().getParent();
        }

        ConfigAnalysis run() {
            toml = Toml.parse(text);
            for (TomlParseError e : toml.errors()) {
                findings.add(new Finding(errorRange(e.position()), Severity.ERROR, "toml-syntax", e.getMessage()));
            }
            tables();
            TomlTable kernel = table("kernel");
            TomlTable devices = table("devices");
            if (kernel != null) {
                regions(kernel.get("memory_regions") instanceof TomlArray a ? a : null);
                kernelFiles(kernel);
            }
            if (devices != null) {
                passthroughDevices(devices);
                emulatedDevices(devices);
                if (devices.get("pflash") instanceof TomlTable p) {
                    pflash(p);
                }
            }
            overlaps();
            if (kernel != null) {
                entryInsideRam(kernel, "entry_point");
                entryInsideRam(kernel, "kernel_load_addr");
            }
            return new ConfigAnalysis(findings, items, pflash);
        }

        // ---- shape: tables, keys, types ----

        private void tables() {
            for (String name : toml.keySet()) {
                TextRange at = keyRange(toml, name);
                Object value = toml.get(name);
                if (!AxvisorShape.TABLES.containsKey(name)) {
                    findings.add(new Finding(at, Severity.WARNING, "unknown-table",
                            "unknown table [" + name + "] (expected [base], [kernel] or [devices])"));
                    continue;
                }
                if (!(value instanceof TomlTable t)) {
                    findings.add(new Finding(at, Severity.ERROR, "wrong-type", name + " must be a table: [" + name + "]"));
                    continue;
                }
                checkKeys(name, t);
            }
            for (String required : List.of("base", "kernel")) {
                if (!toml.contains(required) && toml.errors().isEmpty()) {
                    findings.add(new Finding(src.lineRange(0), Severity.ERROR, "missing-table",
                            "missing table [" + required + "]"));
                }
            }
            for (SourceText.Header h : src.headers()) {
                int end = src.tableEndLine(h.line());
                items.add(new ConfigItem(ConfigItem.Kind.TABLE, h.name(), null, "[" + h.name() + "]",
                        new TextRange(h.line(), 0, end, src.line(end).length()), src.lineRange(h.line()),
                        "**[" + h.name() + "]**"));
            }
        }

        private void checkKeys(String tableName, TomlTable table) {
            for (String key : table.keySet()) {
                Key k = AxvisorShape.key(tableName, key);
                TextRange at = keyRange(table, key);
                if (k == null) {
                    findings.add(new Finding(at, Severity.WARNING, "unknown-key",
                            "unknown key '" + key + "' in [" + tableName + "]"));
                    continue;
                }
                Object v = table.get(key);
                if (!matches(k.type(), v)) {
                    findings.add(new Finding(valueRange(table, key), Severity.ERROR, "wrong-type",
                            tableName + "." + key + " must be " + article(k.type()) + ", not " + describe(v)));
                } else if (k.type() == Type.TABLE) {
                    checkKeys(tableName + "." + key, (TomlTable) v);
                }
            }
            if (toml.errors().isEmpty()) {
                for (Key k : AxvisorShape.keysOf(tableName)) {
                    if (k.required() && !table.contains(k.name())) {
                        findings.add(new Finding(headerRange(tableName), Severity.ERROR, "missing-key",
                                "[" + tableName + "] needs '" + k.name() + "' (" + k.doc() + ")"));
                    }
                }
            }
        }

        private static boolean matches(Type type, Object v) {
            return switch (type) {
                case INTEGER -> v instanceof Long;
                case STRING -> v instanceof String;
                case ARRAY -> v instanceof TomlArray;
                case TABLE -> v instanceof TomlTable;
            };
        }

        private static String article(Type type) {
            return switch (type) {
                case INTEGER -> "an integer";
                case STRING -> "a string";
                case ARRAY -> "an array";
                case TABLE -> "a table";
            };
        }

        private static String describe(Object v) {
            if (v instanceof Long) {
                return "an integer";
            }
            if (v instanceof String) {
                return "a string";
            }
            if (v instanceof TomlArray) {
                return "an array";
            }
            if (v instanceof TomlTable) {
                return "a table";
            }
            if (v instanceof Boolean) {
                return "a boolean";
            }
            if (v instanceof Double) {
                return "a float";
            }
            return v == null ? "nothing" : "a date/time";
        }

        // ---- memory regions ----

        private void regions(TomlArray regions) {
            if (regions == null) {
                return;
            }
            for (int i = 0; i < regions.size(); i++) {
                TextRange at = elementRange(regions, i);
                String name = "memory region " + i;
                long[] v = integers(regions.get(i), 4, 4, 0, at, name, "[base_gpa, size, flags, map_type]");
                if (v == null) {
                    continue;
                }
                long gpa = v[0];
                long size = v[1];
                long flags = v[2];
                long mapType = v[3];
                boolean ok = checkRange(name, gpa, size, at);
                if ((flags & 8) == 0) {
                    findings.add(new Finding(at, Severity.WARNING, "flags-no-user", name
                            + ": flags " + Hex.of(flags) + " lack USER (0x8); G-stage leaves need U=1 or every guest"
                            + " access faults"));
                }
                if (mapType != 0 && mapType != 1) {
                    findings.add(new Finding(at, Severity.ERROR, "map-type",
                            name + ": map_type " + mapType + " is neither 0 (MAP_ALLOC) nor 1 (MAP_IDENTICAL)"));
                }
                StringBuilder hover = new StringBuilder("**" + name + "** " + Hex.of(gpa) + "..")
                        .append(Hex.of(gpa + size)).append(" (").append(Hex.size(size)).append(")\n\n")
                        .append(mapType == 1 ? "MAP_IDENTICAL: map_linear(GPA = HPA)" : "MAP_ALLOC: map_alloc(populate)")
                        .append(", flags ").append(GStagePlan.flagNames(flags)).append(" → leaf PTE ")
                        .append(Hex.of(GStagePlan.leafPte(flags))).append("\n\n");
                if (ok) {
                    GStagePlan plan = mapType == 1 ? GStagePlan.linear(gpa, gpa, size) : GStagePlan.allocated(gpa, size);
                    hover.append(plan.toMarkdown());
                    spans.add(new Span(name, gpa, gpa + size, at));
                }
                items.add(new ConfigItem(ConfigItem.Kind.MEMORY_REGION, name, "kernel",
                        Hex.of(gpa) + " " + Hex.size(size) + (mapType == 1 ? " identical" : " alloc"), at, at,
                        hover.toString()));
            }
        }

        /** Alignment and the 41-bit Sv39x4 limit; true when the range can be mapped at all. */
        private boolean checkRange(String name, long gpa, long size, TextRange at) {
            if (size <= 0) {
                findings.add(new Finding(at, Severity.ERROR, "region-empty", name + ": size must be positive"));
                return false;
            }
            if (gpa < 0 || gpa + size > GStagePlan.GPA_LIMIT || gpa + size < gpa) {
                findings.add(new Finding(at, Severity.ERROR, "gpa-range", name + ": " + Hex.of(gpa) + ".."
                        + Hex.of(gpa + size) + " exceeds the 41-bit Sv39x4 guest physical space (ends at "
                        + Hex.of(GStagePlan.GPA_LIMIT) + ")"));
                return false;
            }
            if (gpa % GStagePlan.PAGE_4K != 0 || size % GStagePlan.PAGE_4K != 0) {
                findings.add(new Finding(at, Severity.ERROR, "region-misaligned", name + ": base " + Hex.of(gpa)
                        + " and size " + Hex.of(size) + " must be multiples of 4 KiB (G-stage pages)"));
            }
            return true;
        }

        /**
         * The integers of an array entry of {@code min..max} elements, after the first {@code skip}
         * (a device's name); a trailing array (emu_devices' config list) is allowed and read as 0.
         */
        private long[] integers(Object entry, int min, int max, int skip, TextRange at, String name, String shape) {
            if (!(entry instanceof TomlArray a) || a.size() < min || a.size() > max) {
                findings.add(new Finding(at, Severity.ERROR, "entry-shape", name + " must be " + shape));
                return null;
            }
            long[] v = new long[a.size() - skip];
            for (int i = skip; i < a.size(); i++) {
                Object o = a.get(i);
                if (o instanceof Long l) {
                    v[i - skip] = l;
                } else if (!(o instanceof TomlArray && i == 5)) {
                    findings.add(new Finding(elementRange(a, i), Severity.ERROR, "wrong-type",
                            name + ": element " + i + " of " + shape + " must be an integer, not " + describe(o)));
                    return null;
                }
            }
            return v;
        }

        // ---- devices ----

        private void passthroughDevices(TomlTable devices) {
            if (!(devices.get("passthrough_devices") instanceof TomlArray list)) {
                return;
            }
            for (int i = 0; i < list.size(); i++) {
                TextRange at = elementRange(list, i);
                String shape = "[name, base_gpa, base_hpa, length, irq]";
                String name = deviceName(list.get(i), at, "passthrough device " + i, shape);
                if (name == null) {
                    continue;
                }
                long[] v = integers(list.get(i), 4, 5, 1, at, name, shape);
                if (v == null) {
                    continue;
                }
                long gpa = v[0];
                long hpa = v[1];
                long size = v[2];
                if (!checkRange(name, gpa, size, at)) {
                    continue;
                }
                GStagePlan plan = GStagePlan.linear(gpa, hpa, size);
                spans.add(new Span(name, gpa, gpa + size, at));
                pflashWindow(name, gpa, size, at);
                items.add(new ConfigItem(ConfigItem.Kind.PASSTHROUGH_DEVICE, name, "devices",
                        "passthrough " + Hex.of(gpa) + " → " + Hex.of(hpa), at, at,
                        "**" + name + "** (passthrough): map_linear " + Hex.of(gpa) + " → " + Hex.of(hpa) + ", "
                                + Hex.size(size) + "\n\n" + plan.toMarkdown()));
            }
        }

        private void emulatedDevices(TomlTable devices) {
            if (!(devices.get("emu_devices") instanceof TomlArray list)) {
                return;
            }
            for (int i = 0; i < list.size(); i++) {
                TextRange at = elementRange(list, i);
                String shape = "[name, base_gpa, length, irq, emu_type, [config...]]";
                String name = deviceName(list.get(i), at, "emulated device " + i, shape);
                if (name == null) {
                    continue;
                }
                long[] v = integers(list.get(i), 3, 6, 1, at, name, shape);
                if (v == null) {
                    continue;
                }
                long gpa = v[0];
                long size = v[1];
                if (!checkRange(name, gpa, size, at)) {
                    continue;
                }
                spans.add(new Span(name, gpa, gpa + size, at));
                pflashWindow(name, gpa, size, at);
                items.add(new ConfigItem(ConfigItem.Kind.EMULATED_DEVICE, name, "devices",
                        "emulated " + Hex.of(gpa) + " " + Hex.size(size), at, at,
                        "**" + name + "** (emulated): " + Hex.of(gpa) + ".." + Hex.of(gpa + size)
                                + "\n\nNo G-stage mapping: every access is a guest-page fault the hypervisor turns"
                                + " into an MMIO exit.\n\nG-stage table pages: 0"));
            }
        }

        private String deviceName(Object entry, TextRange at, String fallback, String shape) {
            if (entry instanceof TomlArray a && a.size() > 0 && a.get(0) instanceof String s) {
                return s;
            }
            findings.add(new Finding(at, Severity.ERROR, "entry-shape", fallback + " must be " + shape));
            return null;
        }

        /** A device named pflash must sit in the board's pflash banks. */
        private void pflashWindow(String name, long gpa, long size, TextRange at) {
            if (name.toLowerCase().contains("pflash")
                    && (gpa < AxvisorShape.PFLASH_WINDOW_START || gpa + size > AxvisorShape.PFLASH_WINDOW_END)) {
                findings.add(new Finding(at, Severity.ERROR, "pflash-window", name + " at " + Hex.of(gpa) + ".."
                        + Hex.of(gpa + size) + " lies outside the board's pflash window "
                        + Hex.of(AxvisorShape.PFLASH_WINDOW_START) + ".." + Hex.of(AxvisorShape.PFLASH_WINDOW_END)));
            }
        }

        private void pflash(TomlTable p) {
            TextRange header = headerRange(AxvisorShape.PFLASH_TABLE);
            String mode = p.get("mode") instanceof String s ? s : null;
            TextRange modeValue = p.contains("mode") ? valueRange(p, "mode") : null;
            if (mode != null && !AxvisorShape.PFLASH_MODES.contains(mode)) {
                findings.add(new Finding(modeValue, Severity.ERROR, "pflash-mode",
                        "pflash mode '" + mode + "' is neither \"passthrough\" nor \"emulate\""));
            }
            pflash.add(new PflashSite(header, mode == null ? "passthrough" : mode, modeValue));
            for (String file : List.of("board_image", "emulate_image")) {
                fileExists(p, file);
            }
            if (!(p.get("gpa") instanceof Long gpa)) {
                return;
            }
            long size = p.get("size") instanceof Long s ? s : 0x200_0000L;
            TextRange at = valueRange(p, "gpa");
            if (!checkRange("pflash", gpa, size, at)) {
                return;
            }
            pflashWindow("pflash", gpa, size, at);
            spans.add(new Span("pflash", gpa, gpa + size, at));
            boolean emulate = "emulate".equals(mode);
            GStagePlan plan = emulate ? GStagePlan.allocated(gpa, size) : GStagePlan.linear(gpa, gpa, size);
            String how = emulate
                    ? "emulate: map_alloc a frame for the faulting page and fill it from emulate_image"
                    : "passthrough: map_linear the faulting page onto the board's pflash#1 (GPA = HPA)";
            TextRange range = tableRange(header);
            items.add(new ConfigItem(ConfigItem.Kind.PFLASH, "pflash", "devices",
                    (emulate ? "emulate " : "passthrough ") + Hex.of(gpa), range, header,
                    "**pflash** " + Hex.of(gpa) + ".." + Hex.of(gpa + size) + ", mode " + (mode == null
                            ? "passthrough (default)" : mode) + "\n\nMapped on the first access (a nested page fault), "
                            + how + ". Once every page was touched:\n\n" + plan.toMarkdown()));
        }

        private void kernelFiles(TomlTable kernel) {
            boolean fromFs = !"memory".equals(kernel.get("image_location"));
            if (fromFs) {
                fileExists(kernel, "kernel_path");
            }
            for (String key : List.of("dtb_path", "bios_path", "ramdisk_path", "disk_path")) {
                fileExists(kernel, key);
            }
            if (kernel.get("image_location") instanceof String loc && !AxvisorShape.IMAGE_LOCATIONS.contains(loc)) {
                findings.add(new Finding(valueRange(kernel, "image_location"), Severity.ERROR, "image-location",
                        "image_location '" + loc + "' is neither \"fs\" nor \"memory\""));
            }
        }

        private void fileExists(TomlTable table, String key) {
            if (dir == null || !(table.get(key) instanceof String path) || path.isEmpty()) {
                return;
            }
            try {
                if (!Files.exists(dir.resolve(path))) {
                    findings.add(new Finding(valueRange(table, key), Severity.ERROR, "missing-file",
                            key + ": no file " + dir.resolve(path).normalize()));
                }
            } catch (InvalidPathException e) {
                findings.add(new Finding(valueRange(table, key), Severity.ERROR, "missing-file",
                        key + ": not a path: " + e.getMessage()));
            }
        }

        // ---- the memory map as a whole ----

        private void overlaps() {
            List<Span> sorted = new ArrayList<>(spans);
            sorted.sort(Comparator.comparingLong(Span::start));
            Span reach = null;
            for (Span s : sorted) {
                if (reach != null && s.start() < reach.end()) {
                    findings.add(new Finding(s.range(), Severity.ERROR, "region-overlap", s.what() + " "
                            + Hex.of(s.start()) + ".." + Hex.of(s.end()) + " overlaps " + reach.what() + " "
                            + Hex.of(reach.start()) + ".." + Hex.of(reach.end())));
                }
                if (reach == null || s.end() > reach.end()) {
                    reach = s;
                }
            }
        }

        private void entryInsideRam(TomlTable kernel, String key) {
            if (!(kernel.get(key) instanceof Long addr)) {
                return;
            }
            for (Span s : spans) {
                if (s.what().startsWith("memory region") && addr >= s.start() && addr < s.end()) {
                    return;
                }
            }
            if (spans.stream().anyMatch(s -> s.what().startsWith("memory region"))) {
                findings.add(new Finding(valueRange(kernel, key), Severity.WARNING, "outside-ram",
                        key + " " + Hex.of(addr) + " is in no memory region"));
            }
        }

        // ---- positions ----

        private TomlTable table(String name) {
            return toml.get(name) instanceof TomlTable t ? t : null;
        }

        private TextRange errorRange(TomlPosition p) {
            int line = Math.max(0, p.line() - 1);
            int col = Math.max(0, p.column() - 1);
            String s = src.line(line);
            if (col >= s.length()) {
                // "unexpected end of line": mark the line's last character
                return TextRange.line(line, Math.max(0, s.length() - 1), s.length());
            }
            TextRange t = src.tokenAt(line, col);
            return t.startLine() == line ? TextRange.line(line, col, t.endLine() == line ? t.endColumn() : s.length())
                    : TextRange.line(line, col, s.length());
        }

        private TextRange keyRange(TomlTable table, String key) {
            TomlPosition p = table.inputPositionOf(List.of(key));
            if (p == null) {
                return TextRange.START;
            }
            int line = p.line() - 1;
            String s = src.line(line).trim();
            if (s.startsWith("[")) {
                return src.lineRange(line);
            }
            return src.keyAt(line, p.column() - 1);
        }

        private TextRange valueRange(TomlTable table, String key) {
            TomlPosition p = table.inputPositionOf(List.of(key));
            if (p == null) {
                return TextRange.START;
            }
            if (src.line(p.line() - 1).trim().startsWith("[")) {
                return src.lineRange(p.line() - 1);
            }
            return src.valueOfKeyAt(p.line() - 1, p.column() - 1);
        }

        private TextRange elementRange(TomlArray array, int index) {
            TomlPosition p = array.inputPositionOf(index);
            if (p == null) {
                return TextRange.START;
            }
            // tomlj's element position is where the element's leading blanks and comments begin
            return src.tokenAt(p.line() - 1, p.column() - 1);
        }

        private int headerLine(String name) {
            for (SourceText.Header h : src.headers()) {
                if (h.name().equals(name)) {
                    return h.line();
                }
            }
            return -1;
        }

        private TextRange headerRange(String name) {
            int line = headerLine(name);
            return line < 0 ? TextRange.START : src.lineRange(line);
        }

        private TextRange tableRange(TextRange header) {
            int end = src.tableEndLine(header.startLine());
            return new TextRange(header.startLine(), 0, end, src.line(end).length());
        }
    }
}
