package dev.hvscope.plugin.vmconfig;

import dev.hvscope.plugin.vmconfig.VmConfigSchema.Key;
import dev.hvscope.plugin.vmconfig.VmConfigSchema.Type;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * Reads an axvisor-shaped VM config with tomlj into a {@link VmConfig}. Reports TOML syntax errors,
 * unknown tables and keys, missing keys and wrong types (against {@link VmConfigSchema}), each with
 * the span it is about; the meaning of the values (overlaps, alignment, files) is
 * {@link VmConfigChecks}' business. Half-typed text still yields a model of what did parse, for
 * editors; after a syntax error, keys the error swallowed are not reported missing.
 */
public final class VmConfigParser {
    private static final List<String> OTHER_IMAGES = List.of("dtb_path", "bios_path", "ramdisk_path", "disk_path");

    /**
     * @param model       what was read (never null once the text was read): for editors
     * @param diagnostics every problem found on the way
     */
    public record Result(VmConfig model, List<Diagnostic> diagnostics) {
        public boolean hasErrors() {
            return diagnostics.stream().anyMatch(Diagnostic::isError);
        }

        /** The config to run: the model when its shape is right, else null. */
        public VmConfig config() {
            return hasErrors() ? null : model;
        }
    }

    /**
     * Larger configs are refused before parsing: no config is this big, and the TOML parser takes
     * seconds per megabyte.
     */
    public static final int MAX_CHARS = 256 << 10;
    /** Deeper nesting is refused before parsing: the TOML parser recurses once per level. */
    public static final int MAX_DEPTH = 64;

    private final Path file;
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final Map<String, Span> values = new HashMap<>();
    private final Map<String, Span> keys = new HashMap<>();
    private ConfigText src;
    /** A syntax error cut the document short: keys it swallowed are not reported missing. */
    private boolean truncated;

    private VmConfigParser(Path file) {
        this.file = file;
    }

    public static Result parse(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_CHARS) {
                return tooLarge(file, size + " bytes");
            }
            return parse(file, Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(null, List.of(Diagnostic.error(file, Span.START, "unreadable",
                    "cannot read the config: " + e.getMessage())));
        }
    }

    /** Parses text as though it were the content of file (editors hand over unsaved buffers; file may be null). */
    public static Result parse(Path file, String text) {
        if (text.length() > MAX_CHARS) {
            return tooLarge(file, text.length() + " characters");
        }
        if (TomlNesting.deeperThan(text, MAX_DEPTH)) {
            return new Result(null, List.of(Diagnostic.error(file, Span.START, "too-deep",
                    "arrays or tables nested deeper than " + MAX_DEPTH + " levels")));
        }
        try {
            return new VmConfigParser(file).run(text);
        } catch (RuntimeException | StackOverflowError e) {
            // a parser bug on some input (50,000 nested brackets) is a diagnostic, not a crash
            return new Result(null, List.of(Diagnostic.error(file, Span.START, "unparsable",
                    "cannot parse the config: " + e)));
        }
    }

    private static Result tooLarge(Path file, String size) {
        return new Result(null, List.of(Diagnostic.error(file, Span.START, "too-large",
                "config too large (" + size + ", limit " + MAX_CHARS + ")")));
    }

    private Result run(String text) {
        src = new ConfigText(text);
        TomlParseResult toml = Toml.parse(text);
        for (TomlParseError e : toml.errors()) {
            diagnostics.add(Diagnostic.error(file, src.errorAt(pos(e.position())), "toml-syntax",
                    "TOML syntax: " + stripPosition(e.getMessage())));
        }
        truncated = !toml.errors().isEmpty();
        for (String key : toml.keySet()) {
            if (!VmConfigSchema.TOP.contains(key)) {
                boolean table = toml.get(List.of(key)) instanceof TomlTable;
                diagnostics.add(Diagnostic.warning(file, keySpan(toml, key), table ? "unknown-table" : "unknown-key",
                        (table ? "unknown table [" + key + "]" : "unknown key '" + key + "' at the top level")
                                + " (expected [base], [kernel] or [devices])"));
            }
        }
        TomlTable baseT = table(toml, "base", "base", true);
        TomlTable kernelT = table(toml, "kernel", "kernel", true);
        TomlTable devicesT = table(toml, "devices", "devices", false);
        List<VmConfig.Table> tables = new ArrayList<>();
        for (ConfigText.Header h : src.headers()) {
            tables.add(new VmConfig.Table(h.name(), src.lineSpan(h.line()), src.tableSpan(h.line())));
        }
        VmConfig config = new VmConfig(file, base(baseT), kernel(kernelT), devices(devicesT), values, keys, tables);
        return new Result(config, List.copyOf(diagnostics));
    }

    // ---- the tables ----

    private VmConfig.Base base(TomlTable t) {
        return new VmConfig.Base(integer(t, "base.id", 0), string(t, "base.name", ""), integer(t, "base.cpu_num", 1));
    }

    private VmConfig.Kernel kernel(TomlTable t) {
        String location = string(t, "kernel.image_location", "fs");
        if (t != null && !truncated && !location.equals("memory") && t.get(List.of("kernel_path")) == null) {
            diagnostics.add(Diagnostic.error(file, values.get("kernel"), "missing-key", "missing key 'kernel_path' in [kernel]"));
        }
        Map<String, String> images = new HashMap<>();
        for (String key : OTHER_IMAGES) {
            String path = string(t, "kernel." + key, null);
            if (path != null) {
                images.put(key, path);
            }
        }
        List<VmConfig.MemoryRegion> regions = new ArrayList<>();
        TomlArray arr = has("kernel.memory_regions") ? (TomlArray) t.get(List.of("memory_regions")) : null;
        for (int i = 0; arr != null && i < arr.size(); i++) {
            String at = "kernel.memory_regions[" + i + "]";
            Span span = element(arr, i, at);
            long[] v = numbers(arr.get(i), at, span, 4, "[base_paddr, size, flags, map_type]");
            if (v != null) {
                values.put(at, span);
                regions.add(new VmConfig.MemoryRegion(v[0], v[1], v[2], v[3], span));
            }
        }
        return new VmConfig.Kernel(integer(t, "kernel.entry_point", 0), location, string(t, "kernel.kernel_path", ""),
                integer(t, "kernel.kernel_load_addr", 0), integer(t, "kernel.dtb_load_addr", 0), regions, images);
    }

    private VmConfig.Devices devices(TomlTable t) {
        List<VmConfig.PassthroughDevice> pass = new ArrayList<>();
        List<VmConfig.EmulatedDevice> emu = new ArrayList<>();
        if (t == null) {
            return new VmConfig.Devices(pass, emu, null);
        }
        TomlArray pt = has("devices.passthrough_devices") ? (TomlArray) t.get(List.of("passthrough_devices")) : null;
        for (int i = 0; pt != null && i < pt.size(); i++) {
            String at = "devices.passthrough_devices[" + i + "]";
            Span span = element(pt, i, at);
            Object[] v = tuple(pt.get(i), at, span, "[name, base_gpa, base_hpa, length, irq]",
                    String.class, Long.class, Long.class, Long.class, Long.class);
            if (v != null) {
                values.put(at, span);
                pass.add(new VmConfig.PassthroughDevice((String) v[0], (Long) v[1], (Long) v[2], (Long) v[3],
                        (Long) v[4], span));
            }
        }
        TomlArray et = has("devices.emu_devices") ? (TomlArray) t.get(List.of("emu_devices")) : null;
        for (int i = 0; et != null && i < et.size(); i++) {
            String at = "devices.emu_devices[" + i + "]";
            Span span = element(et, i, at);
            Object[] v = tuple(et.get(i), at, span, "[name, base_gpa, length, irq, emu_type, [config...]]",
                    String.class, Long.class, Long.class, Long.class, Long.class, TomlArray.class);
            long[] cfg = v == null ? null : numbers(v[5], at + "[5]", span, -1, "a list of integers");
            if (cfg != null) {
                List<Long> config = new ArrayList<>();
                for (long c : cfg) {
                    config.add(c);
                }
                values.put(at, span);
                emu.add(new VmConfig.EmulatedDevice((String) v[0], (Long) v[1], (Long) v[2], (Long) v[3], (Long) v[4],
                        config, span));
            }
        }
        return new VmConfig.Devices(pass, emu, pflash(table(t, "pflash", VmConfigSchema.PFLASH_TABLE, false)));
    }

    private VmConfig.Pflash pflash(TomlTable t) {
        if (t == null) {
            return null;
        }
        String p = VmConfigSchema.PFLASH_TABLE;
        ConfigText.Header h = src.header(p);
        Span header = h != null ? src.lineSpan(h.line()) : keys.getOrDefault(p, Span.START);
        // the mode's value even when mistyped: flipping it rewrites what is there
        Span modeValue = t.get(List.of("mode")) == null ? null : src.valueOfKeyAt(pos(t.inputPositionOf(List.of("mode"))));
        return new VmConfig.Pflash(integer(t, p + ".gpa", 0), integer(t, p + ".size", 0x1000),
                string(t, p + ".mode", VmConfig.Pflash.PASSTHROUGH), string(t, p + ".board_image", null),
                string(t, p + ".emulate_image", null), header, modeValue);
    }

    // ---- shape: tables, keys, types ----

    /** The table {@code key} of parent (dotted name {@code path}), its keys checked; null when absent or no table. */
    private TomlTable table(TomlTable parent, String key, String path, boolean required) {
        Object v = parent.get(List.of(key));
        if (v == null) {
            if (required && !truncated) {
                diagnostics.add(Diagnostic.error(file, src.lineSpan(0), "missing-table", "missing table [" + path + "]"));
            }
            return null;
        }
        Span at = keySpan(parent, key);
        keys.put(path, at);
        if (!(v instanceof TomlTable t)) {
            diagnostics.add(Diagnostic.error(file, valueSpan(parent, key), "wrong-type",
                    path + " must be a table, not " + typeName(v)));
            return null;
        }
        values.put(path, at);
        for (String k : t.keySet()) {
            keyOf(t, path, k);
        }
        if (!truncated) {
            for (Key k : VmConfigSchema.keysOf(path)) {
                if (k.required() && t.get(List.of(k.name())) == null) {
                    diagnostics.add(Diagnostic.error(file, at, "missing-key",
                            "missing key '" + k.name() + "' in [" + path + "]"));
                }
            }
        }
        return t;
    }

    /** One key of a table: known, of its type; records its spans. */
    private void keyOf(TomlTable t, String path, String name) {
        Key k = VmConfigSchema.key(path, name);
        Span keySpan = keySpan(t, name);
        if (k == null) {
            TreeSet<String> known = new TreeSet<>();
            VmConfigSchema.keysOf(path).forEach(x -> known.add(x.name()));
            diagnostics.add(Diagnostic.warning(file, keySpan, "unknown-key", "unknown key '" + name + "' in [" + path
                    + "] (known: " + String.join(", ", known) + ")"));
            return;
        }
        String full = path + "." + name;
        keys.put(full, keySpan);
        Object v = t.get(List.of(name));
        if (k.type() == Type.TABLE) {
            return; // checked as a table of its own
        }
        Span valueSpan = valueSpan(t, name);
        if (!typeName(v).equals(typeName(k.type()))) {
            diagnostics.add(Diagnostic.error(file, valueSpan, "wrong-type",
                    full + " must be " + typeName(k.type()) + ", not " + typeName(v)));
            return;
        }
        values.put(full, valueSpan);
    }

    private boolean has(String path) {
        return values.containsKey(path);
    }

    private long integer(TomlTable t, String path, long fallback) {
        return has(path) ? (Long) t.get(List.of(last(path))) : fallback;
    }

    private String string(TomlTable t, String path, String fallback) {
        return has(path) ? (String) t.get(List.of(last(path))) : fallback;
    }

    private static String last(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    private Span element(TomlArray a, int i, String at) {
        // tomlj's element position is where the element's leading blanks and comments begin
        Span span = src.tokenAt(pos(a.inputPositionOf(i)));
        keys.put(at, span);
        return span;
    }

    /** An array of integers; arity -1 = any length. */
    private long[] numbers(Object v, String at, Span span, int arity, String shape) {
        if (!(v instanceof TomlArray a) || (arity >= 0 && a.size() != arity)) {
            diagnostics.add(Diagnostic.error(file, span, "entry-shape", at + " must be " + shape + ", not " + describe(v)));
            return null;
        }
        long[] out = new long[a.size()];
        for (int i = 0; i < a.size(); i++) {
            if (!(a.get(i) instanceof Long n)) {
                diagnostics.add(Diagnostic.error(file, src.tokenAt(pos(a.inputPositionOf(i))), "wrong-type",
                        at + "[" + i + "] must be an integer, not " + typeName(a.get(i))));
                return null;
            }
            out[i] = n;
        }
        return out;
    }

    private Object[] tuple(Object v, String at, Span span, String shape, Class<?>... types) {
        if (!(v instanceof TomlArray a) || a.size() != types.length) {
            diagnostics.add(Diagnostic.error(file, span, "entry-shape", at + " must be " + shape + ", not " + describe(v)));
            return null;
        }
        Object[] out = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            if (!types[i].isInstance(a.get(i))) {
                diagnostics.add(Diagnostic.error(file, src.tokenAt(pos(a.inputPositionOf(i))), "wrong-type", at + "["
                        + i + "] must be " + typeName(types[i]) + ", not " + typeName(a.get(i)) + " (" + shape + ")"));
                return null;
            }
            out[i] = a.get(i);
        }
        return out;
    }

    private static String describe(Object v) {
        return v instanceof TomlArray a ? "an array of " + a.size() : typeName(v);
    }

    private static String typeName(Object v) {
        return v == null ? "nothing" : typeName(v.getClass());
    }

    private static String typeName(Type t) {
        return switch (t) {
            case INTEGER -> "an integer";
            case STRING -> "a string";
            case ARRAY -> "an array";
            case TABLE -> "a table";
        };
    }

    private static String typeName(Class<?> c) {
        if (Long.class.isAssignableFrom(c)) return "an integer";
        if (String.class.isAssignableFrom(c)) return "a string";
        if (Double.class.isAssignableFrom(c)) return "a float";
        if (Boolean.class.isAssignableFrom(c)) return "a boolean";
        if (TomlArray.class.isAssignableFrom(c)) return "an array";
        if (TomlTable.class.isAssignableFrom(c)) return "a table";
        return "a date/time";
    }

    // ---- positions ----

    private Span keySpan(TomlTable t, String key) {
        TomlPosition p = t.inputPositionOf(List.of(key));
        return p == null ? Span.START : src.keyAt(pos(p));
    }

    private Span valueSpan(TomlTable t, String key) {
        TomlPosition p = t.inputPositionOf(List.of(key));
        return p == null ? Span.START : src.valueOfKeyAt(pos(p));
    }

    /** tomlj counts lines from 1 and columns in code points from 1, as {@link Position} does. */
    private static Position pos(TomlPosition p) {
        return p == null ? Position.START : new Position(p.line(), p.column());
    }

    /** tomlj appends " (line L, column C)"; the diagnostic carries the position itself. */
    private static String stripPosition(String message) {
        return message == null ? "error" : message.replaceAll("\\s*\\(line \\d+, column \\d+\\)$", "");
    }
}
