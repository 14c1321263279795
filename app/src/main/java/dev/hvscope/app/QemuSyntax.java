package dev.hvscope.app;

import dev.hvscope.core.machine.Bios;
import dev.hvscope.core.machine.GdbEndpoint;
import dev.hvscope.core.machine.MachineConfig;
import dev.hvscope.core.machine.PflashDrive;
import dev.hvscope.core.machine.SerialMode;
import dev.hvscope.core.machine.TraceFlag;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The value syntax of QEMU's options, as far as hvscope accepts them. Each parser throws a
 * {@link TypeConversionException} whose message says what is wrong; the command line prefixes it
 * with the option and value ({@code hvscope: -m 12X: ...}).
 */
final class QemuSyntax {
    private QemuSyntax() {
    }

    /** The only board. */
    static final String MACHINE = "virt";
    /** The only CPU model: RV64GC, H on unless {@code h=off}. */
    static final String CPU_MODEL = "rv64";

    /** {@code -machine virt} (also {@code type=virt}); no board properties. */
    static String machine(String value) {
        List<String> parts = splitOptions(value);
        String type = parts.get(0).startsWith("type=") ? parts.get(0).substring(5) : parts.get(0);
        if (!type.equals(MACHINE)) {
            throw new TypeConversionException("unsupported machine '" + type + "' (hvscope emulates only 'virt')");
        }
        if (parts.size() > 1) {
            throw new TypeConversionException("unsupported machine property '" + parts.get(1)
                    + "' (hvscope's virt takes no properties)");
        }
        return type;
    }

    /** The CPU choice: {@code -cpu rv64[,h=on|off]}. */
    record Cpu(boolean hExtension) {
    }

    static Cpu cpu(String value) {
        List<String> parts = splitOptions(value);
        if (!parts.get(0).equals(CPU_MODEL)) {
            throw new TypeConversionException("unsupported CPU model '" + parts.get(0)
                    + "' (hvscope models 'rv64', optionally with h=on|off)");
        }
        boolean h = true;
        for (String p : parts.subList(1, parts.size())) {
            int eq = p.indexOf('=');
            String key = eq < 0 ? p : p.substring(0, eq);
            if (!key.equals("h")) {
                throw new TypeConversionException("unsupported CPU property '" + key + "' (hvscope accepts h=on|off)");
            }
            h = eq < 0 || bool(p.substring(eq + 1), "h");
        }
        return new Cpu(h);
    }

    private static final Pattern SIZE = Pattern.compile("([0-9]+(?:\\.[0-9]*)?)([bBkKmMgGtT]?)");

    /**
     * {@code -m [size=]N[B|K|M|G|T]}: QEMU's size syntax, suffix case-insensitive, a plain number is
     * MiB, fractions allowed ({@code 1.5G}); rounded up to whole 4 KiB pages.
     */
    static long memorySize(String value) {
        String v = value.startsWith("size=") ? value.substring(5) : value;
        if (v.contains(",")) {
            throw new TypeConversionException("only -m SIZE is supported (no slots= or maxmem=)");
        }
        Matcher m = SIZE.matcher(v);
        if (!m.matches()) {
            throw new TypeConversionException("invalid size '" + v + "' (use e.g. 128M, 1G or a number of MiB)");
        }
        int shift;
        switch (m.group(2).toUpperCase(Locale.ROOT)) {
            case "B": shift = 0; break;
            case "K": shift = 10; break;
            case "G": shift = 30; break;
            case "T": shift = 40; break;
            default: shift = 20; break; // "M" or no suffix: QEMU's -m counts in MiB
        }
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(1L << shift));
        if (bytes.signum() == 0) {
            throw new TypeConversionException("RAM size must be greater than zero");
        }
        if (bytes.compareTo(BigDecimal.valueOf(MachineConfig.MAX_RAM_SIZE)) > 0) {
            throw new TypeConversionException("RAM size exceeds hvscope's limit of "
                    + (MachineConfig.MAX_RAM_SIZE >> 30) + "G");
        }
        long n = bytes.setScale(0, java.math.RoundingMode.UP).longValueExact();
        return (n + 0xfff) & ~0xfffL;
    }

    /** {@code -smp N} or {@code -smp cpus=N}, 1..8. */
    static int smp(String value) {
        int cpus = -1;
        for (String p : splitOptions(value)) {
            String num;
            if (p.startsWith("cpus=")) {
                num = p.substring(5);
            } else if (p.indexOf('=') < 0 && cpus < 0) {
                num = p;
            } else {
                throw new TypeConversionException("unsupported -smp property '" + p + "' (hvscope accepts N or cpus=N)");
            }
            cpus = integer(num, "CPU count");
        }
        if (cpus < 1 || cpus > MachineConfig.MAX_SMP) {
            throw new TypeConversionException("hvscope supports 1 to " + MachineConfig.MAX_SMP + " harts");
        }
        return cpus;
    }

    /** {@code -bios none|default|FILE}. */
    static Bios bios(String value) {
        switch (value) {
            case "none": return Bios.NONE;
            case "default": return Bios.DEFAULT;
            default:
                if (value.isEmpty()) {
                    throw new TypeConversionException("empty file name");
                }
                return Bios.file(Path.of(value));
        }
    }

    /** {@code -drive if=pflash,unit=N,format=raw,file=F[,readonly=on]}. */
    static PflashDrive drive(String value) {
        Map<String, String> kv = keyValues(value);
        String iface = kv.remove("if");
        if (!"pflash".equals(iface)) {
            throw new TypeConversionException(iface == null ? "if=pflash is required (hvscope has no other drives)"
                    : "unsupported interface if=" + iface + " (hvscope supports if=pflash only)");
        }
        String format = kv.remove("format");
        if (format != null && !format.equals("raw")) {
            throw new TypeConversionException("unsupported format=" + format + " (pflash images are raw)");
        }
        String file = kv.remove("file");
        if (file == null || file.isEmpty()) {
            throw new TypeConversionException("file= is required");
        }
        String unitText = kv.remove("unit");
        int unit = unitText == null ? 0 : integer(unitText, "unit");
        if (unit < 0 || unit >= PflashDrive.UNITS) {
            throw new TypeConversionException("pflash unit " + unit + " does not exist (the virt board has units 0 and 1)");
        }
        String ro = kv.remove("readonly");
        boolean readOnly = ro != null && bool(ro, "readonly");
        if (!kv.isEmpty()) {
            throw new TypeConversionException("unsupported drive property '" + kv.keySet().iterator().next()
                    + "' (hvscope accepts if, unit, format, file, readonly)");
        }
        return new PflashDrive(unit, Path.of(file), readOnly);
    }

    /** {@code -serial mon:stdio|stdio|none}. */
    static SerialMode serial(String value) {
        SerialMode m = SerialMode.fromQemuName(value);
        if (m == null) {
            throw new TypeConversionException("unsupported serial back end '" + value
                    + "' (hvscope accepts mon:stdio, stdio, none)");
        }
        return m;
    }

    /**
     * {@code -gdb tcp:[HOST]:PORT}; an empty host means 127.0.0.1 (never all interfaces by default).
     * {@code -gdb unix:PATH}: a socket file only this user can connect to.
     */
    static GdbEndpoint gdb(String value) {
        if (value.startsWith("unix:")) {
            return unixGdb(value.substring(5));
        }
        if (!value.startsWith("tcp:")) {
            throw new TypeConversionException("unsupported gdb device (hvscope accepts tcp:[HOST]:PORT or unix:PATH)");
        }
        String rest = value.substring(4);
        int colon = rest.lastIndexOf(':');
        if (colon < 0) {
            throw new TypeConversionException("missing port (use tcp::1234 or tcp:HOST:PORT)");
        }
        String host = rest.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = integer(rest.substring(colon + 1), "port");
        if (port < 0 || port > 65535) {   // 0: any free port (the stub prints the one it took)
            throw new TypeConversionException("port " + port + " is not in 0..65535");
        }
        return new GdbEndpoint(host.isEmpty() ? GdbEndpoint.DEFAULT_HOST : host, port);
    }

    /** {@code PATH[,server[=on]][,wait=off|,nowait]}: QEMU's chardev flags, which are what the stub does anyway. */
    private static GdbEndpoint unixGdb(String value) {
        String[] parts = value.split(",", -1);
        if (parts[0].isEmpty()) {
            throw new TypeConversionException("missing socket path (use unix:PATH)");
        }
        for (int i = 1; i < parts.length; i++) {
            if (!List.of("server", "server=on", "wait=off", "nowait").contains(parts[i])) {
                throw new TypeConversionException("unsupported option '" + parts[i]
                        + "' (hvscope accepts unix:PATH[,server=on][,wait=off])");
            }
        }
        try {
            return GdbEndpoint.unix(Path.of(parts[0]));
        } catch (java.nio.file.InvalidPathException e) {
            throw new TypeConversionException("bad socket path: " + e.getMessage());
        }
    }

    /** {@code -d flag[,flag...]}; {@code help} is kept so the command can print the list. */
    static List<String> traceFlags(String value) {
        List<String> out = new ArrayList<>();
        for (String f : value.split(",", -1)) {
            if (!f.equals("help") && TraceFlag.fromName(f) == null) {
                throw new TypeConversionException("unknown trace flag '" + f + "' (see -d help)");
            }
            out.add(f);
        }
        return out;
    }

    /** QEMU's booleans. */
    static boolean bool(String v, String what) {
        switch (v) {
            case "on": case "true": case "yes": return true;
            case "off": case "false": case "no": return false;
            default:
                throw new TypeConversionException("invalid value '" + v + "' for " + what + " (use on or off)");
        }
    }

    private static int integer(String v, String what) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("invalid " + what + " '" + v + "'");
        }
    }

    /** Splits QEMU's comma list; ",," stands for a literal comma (file names). */
    static List<String> splitOptions(String value) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' && i + 1 < value.length() && value.charAt(i + 1) == ',') {
                cur.append(',');
                i++;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    private static Map<String, String> keyValues(String value) {
        Map<String, String> kv = new LinkedHashMap<>();
        for (String p : splitOptions(value)) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new TypeConversionException("expected key=value, got '" + p + "'");
            }
            if (kv.put(p.substring(0, eq), p.substring(eq + 1)) != null) {
                throw new TypeConversionException("'" + p.substring(0, eq) + "' is given twice");
            }
        }
        return kv;
    }

    static final class MachineConverter implements ITypeConverter<String> {
        public String convert(String v) {
            return machine(v);
        }
    }

    static final class CpuConverter implements ITypeConverter<Cpu> {
        public Cpu convert(String v) {
            return cpu(v);
        }
    }

    static final class MemoryConverter implements ITypeConverter<Long> {
        public Long convert(String v) {
            return memorySize(v);
        }
    }

    static final class SmpConverter implements ITypeConverter<Integer> {
        public Integer convert(String v) {
            return smp(v);
        }
    }

    static final class BiosConverter implements ITypeConverter<Bios> {
        public Bios convert(String v) {
            return bios(v);
        }
    }

    static final class DriveConverter implements ITypeConverter<PflashDrive> {
        public PflashDrive convert(String v) {
            return drive(v);
        }
    }

    static final class SerialConverter implements ITypeConverter<SerialMode> {
        public SerialMode convert(String v) {
            return serial(v);
        }
    }

    static final class GdbConverter implements ITypeConverter<GdbEndpoint> {
        public GdbEndpoint convert(String v) {
            return gdb(v);
        }
    }

    /** Checks one {@code -d} value; the command splits it again when building the config. */
    static final class TraceConverter implements ITypeConverter<String> {
        public String convert(String v) {
            traceFlags(v);
            return v;
        }
    }
}
