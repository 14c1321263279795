package dev.hvscope.plugin.vmconfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * Reads an axvisor-shaped VM config with tomlj into a {@link VmConfig}. Reports TOML syntax errors,
 * unknown keys, missing keys and wrong types, each at its line and column; the meaning of the values
 * (overlaps, alignment, files) is {@link VmConfigChecks}' business.
 */
public final class VmConfigParser {
    private static final Set<String> TOP = Set.of("base", "kernel", "devices");
    private static final Set<String> BASE = Set.of("id", "name", "vm_type", "cpu_num", "phys_cpu_ids", "phys_cpu_sets");
    private static final Set<String> KERNEL = Set.of("entry_point", "image_location", "kernel_path", "kernel_load_addr",
            "dtb_path", "dtb_load_addr", "ramdisk_path", "ramdisk_load_addr", "disk_path", "memory_regions");
    private static final Set<String> DEVICES = Set.of("passthrough_devices", "passthrough_addresses", "excluded_devices",
            "emu_devices", "interrupt_mode", "pflash");
    private static final Set<String> PFLASH = Set.of("gpa", "size", "mode", "board_image", "emulate_image");

    /** The parsed config (null when it could not be built) and every problem found on the way. */
    public record Result(VmConfig config, List<Diagnostic> diagnostics) {
        public boolean hasErrors() {
            return diagnostics.stream().anyMatch(Diagnostic::isError);
        }
    }

    private final Path file;
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final Map<String, Position> positions = new HashMap<>();
    private String[] lines = new String[0];

    private VmConfigParser(Path file) {
        this.file = file;
    }

    public static Result parse(Path file) {
        try {
            return parse(file, Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(null, List.of(Diagnostic.error(file, Position.START,
                    "cannot read the config: " + e.getMessage())));
        }
    }

    /** Parses text as though it were the content of file (editors hand over unsaved buffers). */
    public static Result parse(Path file, String text) {
        return new VmConfigParser(file).run(text);
    }

    private Result run(String text) {
        lines = text.split("\n", -1);
        TomlParseResult toml = Toml.parse(text);
        for (TomlParseError e : toml.errors()) {
            diagnostics.add(Diagnostic.error(file, pos(e.position()), "TOML syntax: " + stripPosition(e.getMessage())));
        }
        if (!toml.errors().isEmpty()) {
            return new Result(null, List.copyOf(diagnostics));
        }
        unknownKeys(toml, "", TOP);
        TomlTable baseT = table(toml, "base", true);
        TomlTable kernelT = table(toml, "kernel", true);
        TomlTable devicesT = table(toml, "devices", false);
        if (baseT == null || kernelT == null) {
            return new Result(null, List.copyOf(diagnostics));
        }
        VmConfig.Base base = base(baseT);
        VmConfig.Kernel kernel = kernel(kernelT);
        VmConfig.Devices devices = devices(devicesT);
        VmConfig config = null;
        if (diagnostics.stream().noneMatch(Diagnostic::isError)) {
            config = new VmConfig(file, base, kernel, devices, positions);
        }
        return new Result(config, List.copyOf(diagnostics));
    }

    private VmConfig.Base base(TomlTable t) {
        unknownKeys(t, "base", BASE);
        return new VmConfig.Base(integer(t, "base", "id", true, 0), string(t, "base", "name", true, ""),
                integer(t, "base", "cpu_num", true, 1));
    }

    private VmConfig.Kernel kernel(TomlTable t) {
        unknownKeys(t, "kernel", KERNEL);
        long entry = integer(t, "kernel", "entry_point", true, 0);
        String location = string(t, "kernel", "image_location", false, "fs");
        String path = string(t, "kernel", "kernel_path", true, "");
        long load = integer(t, "kernel", "kernel_load_addr", true, 0);
        long dtb = integer(t, "kernel", "dtb_load_addr", false, 0);
        List<VmConfig.MemoryRegion> regions = new ArrayList<>();
        TomlArray arr = array(t, "kernel", "memory_regions", true);
        if (arr != null) {
            for (int i = 0; i < arr.size(); i++) {
                String at = "kernel.memory_regions[" + i + "]";
                Position p = skipBlank(pos(arr.inputPositionOf(i)));
                positions.put(at, p);
                long[] v = numbers(arr.get(i), at, p, 4, "[base_paddr, size, flags, map_type]");
                if (v != null) {
                    regions.add(new VmConfig.MemoryRegion(v[0], v[1], v[2], v[3], p));
                }
            }
        }
        return new VmConfig.Kernel(entry, location, path, load, dtb, regions);
    }

    private VmConfig.Devices devices(TomlTable t) {
        List<VmConfig.PassthroughDevice> pass = new ArrayList<>();
        List<VmConfig.EmulatedDevice> emu = new ArrayList<>();
        VmConfig.Pflash pflash = null;
        if (t == null) {
            return new VmConfig.Devices(pass, emu, null);
        }
        unknownKeys(t, "devices", DEVICES);
        TomlArray pt = array(t, "devices", "passthrough_devices", false);
        for (int i = 0; pt != null && i < pt.size(); i++) {
            String at = "devices.passthrough_devices[" + i + "]";
            Position p = skipBlank(pos(pt.inputPositionOf(i)));
            positions.put(at, p);
            Object[] v = tuple(pt.get(i), at, p, "[name, base_gpa, base_hpa, length, irq]",
                    String.class, Long.class, Long.class, Long.class, Long.class);
            if (v != null) {
                pass.add(new VmConfig.PassthroughDevice((String) v[0], (Long) v[1], (Long) v[2], (Long) v[3],
                        (Long) v[4], p));
            }
        }
        TomlArray et = array(t, "devices", "emu_devices", false);
        for (int i = 0; et != null && i < et.size(); i++) {
            String at = "devices.emu_devices[" + i + "]";
            Position p = skipBlank(pos(et.inputPositionOf(i)));
            positions.put(at, p);
            Object[] v = tuple(et.get(i), at, p, "[name, base_gpa, length, irq, emu_type, [config...]]",
                    String.class, Long.class, Long.class, Long.class, Long.class, TomlArray.class);
            if (v != null) {
                long[] cfg = numbers(v[5], at + "[5]", p, -1, "a list of integers");
                List<Long> config = new ArrayList<>();
                for (long c : cfg == null ? new long[0] : cfg) {
                    config.add(c);
                }
                emu.add(new VmConfig.EmulatedDevice((String) v[0], (Long) v[1], (Long) v[2], (Long) v[3], (Long) v[4],
                        config, p));
            }
        }
        TomlTable pf = table(t, "pflash", false, "devices");
        if (pf != null) {
            unknownKeys(pf, "devices.pflash", PFLASH);
            String ctx = "devices.pflash";
            pflash = new VmConfig.Pflash(integer(pf, ctx, "gpa", true, 0), integer(pf, ctx, "size", false, 0x1000),
                    string(pf, ctx, "mode", false, "passthrough"), string(pf, ctx, "board_image", false, null),
                    string(pf, ctx, "emulate_image", false, null), positions.getOrDefault("devices.pflash", Position.START));
        }
        return new VmConfig.Devices(pass, emu, pflash);
    }

    // ---- typed access that records what is wrong where ----

    private void unknownKeys(TomlTable t, String context, Set<String> known) {
        for (String key : t.keySet()) {
            if (!known.contains(key)) {
                String where = context.isEmpty() ? "top level" : "[" + context + "]";
                diagnostics.add(Diagnostic.error(file, pos(t.inputPositionOf(List.of(key))),
                        "unknown key '" + key + "' in " + where + " (known: " + String.join(", ", new java.util.TreeSet<>(known))
                                + ")"));
            }
        }
    }

    private TomlTable table(TomlTable parent, String key, boolean required) {
        return table(parent, key, required, "");
    }

    private TomlTable table(TomlTable parent, String key, boolean required, String context) {
        String path = context.isEmpty() ? key : context + "." + key;
        Object v = parent.get(List.of(key));
        if (v == null) {
            if (required) {
                diagnostics.add(Diagnostic.error(file, Position.START, "missing table [" + path + "]"));
            }
            return null;
        }
        Position p = pos(parent.inputPositionOf(List.of(key)));
        positions.put(path, p);
        if (!(v instanceof TomlTable)) {
            diagnostics.add(Diagnostic.error(file, p, path + " must be a table, not " + typeName(v)));
            return null;
        }
        return (TomlTable) v;
    }

    private long integer(TomlTable t, String context, String key, boolean required, long fallback) {
        Object v = value(t, context, key, required);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Long)) {
            diagnostics.add(Diagnostic.error(file, positions.get(context + "." + key),
                    context + "." + key + " must be an integer, not " + typeName(v)));
            return fallback;
        }
        return (Long) v;
    }

    private String string(TomlTable t, String context, String key, boolean required, String fallback) {
        Object v = value(t, context, key, required);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof String)) {
            diagnostics.add(Diagnostic.error(file, positions.get(context + "." + key),
                    context + "." + key + " must be a string, not " + typeName(v)));
            return fallback;
        }
        return (String) v;
    }

    private TomlArray array(TomlTable t, String context, String key, boolean required) {
        Object v = value(t, context, key, required);
        if (v == null) {
            return null;
        }
        if (!(v instanceof TomlArray)) {
            diagnostics.add(Diagnostic.error(file, positions.get(context + "." + key),
                    context + "." + key + " must be an array, not " + typeName(v)));
            return null;
        }
        return (TomlArray) v;
    }

    private Object value(TomlTable t, String context, String key, boolean required) {
        Object v = t.get(List.of(key));
        if (v == null) {
            if (required) {
                diagnostics.add(Diagnostic.error(file, positions.getOrDefault(context, Position.START),
                        "missing key '" + key + "' in [" + context + "]"));
            }
            return null;
        }
        positions.put(context + "." + key, valuePos(pos(t.inputPositionOf(List.of(key)))));
        return v;
    }

    /** An array of integers; arity -1 = any length. */
    private long[] numbers(Object v, String at, Position p, int arity, String shape) {
        if (!(v instanceof TomlArray) || (arity >= 0 && ((TomlArray) v).size() != arity)) {
            diagnostics.add(Diagnostic.error(file, p, at + " must be " + shape + ", not " + describe(v)));
            return null;
        }
        TomlArray a = (TomlArray) v;
        long[] out = new long[a.size()];
        for (int i = 0; i < a.size(); i++) {
            if (!(a.get(i) instanceof Long)) {
                diagnostics.add(Diagnostic.error(file, skipBlank(pos(a.inputPositionOf(i))),
                        at + "[" + i + "] must be an integer, not " + typeName(a.get(i))));
                return null;
            }
            out[i] = (Long) a.get(i);
        }
        return out;
    }

    private Object[] tuple(Object v, String at, Position p, String shape, Class<?>... types) {
        if (!(v instanceof TomlArray) || ((TomlArray) v).size() != types.length) {
            diagnostics.add(Diagnostic.error(file, p, at + " must be " + shape + ", not " + describe(v)));
            return null;
        }
        TomlArray a = (TomlArray) v;
        Object[] out = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            if (!types[i].isInstance(a.get(i))) {
                diagnostics.add(Diagnostic.error(file, skipBlank(pos(a.inputPositionOf(i))), at + "[" + i + "] must be "
                        + typeName(types[i]) + ", not " + typeName(a.get(i)) + " (" + shape + ")"));
                return null;
            }
            out[i] = a.get(i);
        }
        return out;
    }

    private static String describe(Object v) {
        return v instanceof TomlArray ? "an array of " + ((TomlArray) v).size() : typeName(v);
    }

    private static String typeName(Object v) {
        return v == null ? "nothing" : typeName(v.getClass());
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

    /** tomlj places a key's position on the key; values are reported where the value starts. */
    private Position valuePos(Position key) {
        if (key.line() > lines.length) {
            return key;
        }
        String line = lines[key.line() - 1];
        int eq = line.indexOf('=', key.column() - 1);
        return eq < 0 ? key : skipBlank(new Position(key.line(), eq + 2));
    }

    /** tomlj places array elements after the previous separator: move over blanks and comments. */
    private Position skipBlank(Position p) {
        int line = p.line();
        int col = p.column();
        while (line <= lines.length) {
            String text = lines[line - 1];
            while (col <= text.length() && (text.charAt(col - 1) == ' ' || text.charAt(col - 1) == '\t'
                    || text.charAt(col - 1) == '\r')) {
                col++;
            }
            if (col <= text.length() && text.charAt(col - 1) != '#') {
                return new Position(line, col);
            }
            line++;
            col = 1;
        }
        return p;
    }

    private static Position pos(TomlPosition p) {
        return p == null ? Position.START : new Position(p.line(), p.column());
    }

    /** tomlj appends " (line L, column C)"; the diagnostic carries the position itself. */
    private static String stripPosition(String message) {
        return message == null ? "error" : message.replaceAll("\\s*\\(line \\d+, column \\d+\\)$", "");
    }
}
