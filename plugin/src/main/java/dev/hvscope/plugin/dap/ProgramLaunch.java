package dev.hvscope.plugin.dap;

import dev.hvscope.core.machine.ElfLoader;
import dev.hvscope.plugin.vmconfig.VmConfig;
import dev.hvscope.plugin.vmconfig.VmConfigParser;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * launch without {@code command}: the adapter writes the hvscope command line itself, so an IDE's
 * launch configuration names only what to run (the attributes VS Code's and Eclipse's schemas offer).
 * <ul>
 * <li>{@code vmConfig} (or {@code vm: true}): the hosted hypervisor,
 * {@code hvscope vm CONFIG [--pflash MODE] -S -gdb unix:${socket} ARGS}; an empty
 * {@code vmConfig} or {@code vm: true} alone runs the embedded pflash demo. {@code elf} defaults to
 * the config's guest image ({@code kernel_path}).</li>
 * <li>{@code program}: full-system on the virt board, {@code hvscope -machine virt -nographic
 * -bios BIOS -kernel PROGRAM -S -gdb unix:${socket} ARGS}; {@code bios} defaults to
 * {@code none} for an ELF whose entry is 0x8000_0000 (the bare-metal examples: M-mode from the
 * DRAM base), else to {@code default} (OpenSBI boots it in S-mode). ARGS come last, so a
 * {@code -bios} there wins. {@code elf} defaults to the program.</li>
 * </ul>
 * The executable is {@code hvscope} when given (a program the adapter was told to allow, see
 * {@link LaunchPolicy}); else this JVM running hvscope's main class from the adapter's own class
 * path (the fat jar when the adapter runs as {@code hvscope dap}).
 */
final class ProgramLaunch {
    /** hvscope's command-line entry point (app module). */
    static final String MAIN_CLASS = "dev.hvscope.app.Main";
    /** Where the app module packages the pflash demo's guest (the embedded default of {@code hvscope vm}). */
    private static final String DEMO_GUEST = "/dev/hvscope/app/demo/pflash-guest/pflash-guest.elf";
    /** The stub on a socket in the adapter's private runtime directory: no other local user can drive it. */
    private static final String GDB = "unix:${socket}";
    private static final long DRAM_BASE = 0x8000_0000L;

    private ProgramLaunch() {
    }

    /** Whether {@code args} asks for a built command line (no {@code command}, but program/vmConfig/vm). */
    static boolean applies(Map<String, Object> args) {
        return args.get("command") == null
                && (args.get("program") != null || args.get("vmConfig") != null || Args.bool(args, "vm", false));
    }

    /** A copy of {@code args} with {@code command} (and {@code elf} unless given) filled in. */
    static Map<String, Object> expand(Map<String, Object> args) {
        Map<String, Object> out = new LinkedHashMap<>(args);
        String cwd = Args.string(args, "cwd", null);
        boolean hosted = args.get("vmConfig") != null || Args.bool(args, "vm", false);
        List<String> cmd = new ArrayList<>(executable(args));
        Path defaultElf;
        if (hosted) {
            String config = Args.string(args, "vmConfig", "");
            cmd.add("vm");
            if (config.isBlank()) {
                defaultElf = demoGuest();
            } else {
                Path file = resolve(cwd, config);
                cmd.add(file.toString());
                defaultElf = guestImage(file);
            }
            String mode = pflashMode(args);
            if (mode != null) {
                cmd.add("--pflash");
                cmd.add(mode);
            }
        } else {
            if (pflashMode(args) != null) {
                throw DapError.badArgs("'pflashMode' needs 'vmConfig' (the hosted hypervisor); a full-system"
                        + " hypervisor chooses its own (examples/hv-baremetal: hv-passthrough.elf, hv-emulate.elf)");
            }
            Path program = resolve(cwd, Args.string(args, "program", null));
            cmd.addAll(List.of("-machine", "virt", "-nographic", "-bios", Args.string(args, "bios", firmwareFor(program)),
                    "-kernel", program.toString()));
            defaultElf = program;
        }
        cmd.addAll(List.of("-S", "-gdb", GDB));
        cmd.addAll(Args.strings(args, "args"));
        out.put("command", cmd);
        if (args.get("elf") == null) {
            String program = Args.string(args, "program", null);
            Path elf = program != null ? resolve(cwd, program) : defaultElf;
            if (elf != null) {
                out.put("elf", List.of(elf.toString()));
            }
        }
        return out;
    }

    /** {@code hvscope} (a path, or an array: the command and its first arguments), else this JVM with hvscope's main class. */
    static List<String> executable(Map<String, Object> args) {
        List<String> given = Args.strings(args, "hvscope");
        if (!given.isEmpty()) {
            return given;
        }
        List<String> self = self();
        if (self == null) {
            throw DapError.badArgs("give 'hvscope' (the path of the hvscope launcher): this adapter does not run"
                    + " inside hvscope's jar, so it cannot start hvscope itself");
        }
        return new ArrayList<>(self);
    }

    /** This JVM running hvscope's main class from the adapter's class path, or null outside hvscope's jar. */
    static List<String> self() {
        Optional<String> java = ProcessHandle.current().info().command();
        if (java.isEmpty() || !mainClassVisible()) {
            return null;
        }
        List<String> cmd = new ArrayList<>(List.of(java.get(), "-cp", classPath()));
        String home = System.getProperty("hvscope.home");
        if (home != null && !home.isEmpty()) {
            cmd.add("-Dhvscope.home=" + home);
        }
        cmd.add(MAIN_CLASS);
        return cmd;
    }

    private static boolean mainClassVisible() {
        try {
            Class.forName(MAIN_CLASS, false, ProgramLaunch.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The JVM's class path, plus the adapter's own code source when it is not on it (an embedding host). */
    private static String classPath() {
        String cp = System.getProperty("java.class.path", "");
        try {
            String own = Path.of(ProgramLaunch.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
            if (!List.of(cp.split(File.pathSeparator)).contains(own)) {
                cp = cp.isEmpty() ? own : own + File.pathSeparator + cp;
            }
        } catch (URISyntaxException | RuntimeException e) {
            // no readable code source: the class path alone
        }
        return cp;
    }

    /**
     * {@code none} for a bare-metal ELF that starts at the DRAM base (the harts' first instruction
     * after the reset vector, in M-mode), else {@code default}: OpenSBI, which boots an S-mode
     * kernel at its entry (0x8020_0000 and up).
     */
    static String firmwareFor(Path program) {
        try {
            return ElfLoader.read(program).entry() == DRAM_BASE ? "none" : "default";
        } catch (RuntimeException e) {
            return "none";   // not readable here: hvscope reports it
        }
    }

    private static String pflashMode(Map<String, Object> args) {
        String mode = Args.string(args, "pflashMode", null);
        if (mode != null && !mode.equals("passthrough") && !mode.equals("emulate")) {
            throw DapError.badArgs("'pflashMode' must be passthrough or emulate, not '" + mode + "'");
        }
        return mode;
    }

    private static Path resolve(String cwd, String path) {
        Path p = Path.of(path);
        return cwd == null || p.isAbsolute() ? p : Path.of(cwd).resolve(p).normalize();
    }

    /** The guest ELF a VM config loads, or null (a raw image, or a config too broken to say). */
    private static Path guestImage(Path config) {
        VmConfig vm = VmConfigParser.parse(config).config();
        if (vm == null || vm.kernel() == null || vm.kernel().kernelPath() == null
                || "memory".equals(vm.kernel().imageLocation())) {
            return null;
        }
        Path image = vm.resolve(vm.kernel().kernelPath()).normalize();
        return Files.isRegularFile(image) && isElf(image) ? image : null;
    }

    private static boolean isElf(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 0x7f && magic[1] == 'E' && magic[2] == 'L' && magic[3] == 'F';
        } catch (IOException e) {
            return false;
        }
    }

    /** The embedded demo's guest, copied out of the jar for its symbols; null outside hvscope's jar. */
    private static Path demoGuest() {
        try (InputStream in = ProgramLaunch.class.getResourceAsStream(DEMO_GUEST)) {
            if (in == null) {
                return null;
            }
            Path f = Files.createTempFile("hvscope-demo-guest", ".elf");
            f.toFile().deleteOnExit();
            Files.copy(in, f, StandardCopyOption.REPLACE_EXISTING);
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
