package dev.hvscope.app;

import dev.hvscope.core.machine.Bios;
import dev.hvscope.core.machine.GdbEndpoint;
import dev.hvscope.core.machine.MachineConfig;
import dev.hvscope.core.machine.MachineException;
import dev.hvscope.core.machine.PflashDrive;
import dev.hvscope.core.machine.SerialMode;
import dev.hvscope.core.machine.TraceFlag;
import dev.hvscope.core.machine.VirtMachine;
import java.io.PrintWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The default command: QEMU's command line for {@code qemu-system-riscv64 -machine virt}, with
 * QEMU's single-dash option names, so an existing QEMU invocation runs on hvscope unchanged.
 * Other tools are subcommands ({@code hvscope bench ...}); a subcommand name never starts with
 * a dash, so the two cannot be confused.
 */
@Command(name = "hvscope",
        sortOptions = false,
        separator = " ",
        usageHelpWidth = 100,
        versionProvider = Version.class,
        subcommands = {BenchCommand.class, VmCommand.class, DapCommand.class, LspCommand.class},
        headerHeading = "",
        header = "riscv64 emulator with the H extension: QEMU virt board, GDB stub, IDE integration.",
        synopsisHeading = "%nUsage: ",
        customSynopsis = {
            "hvscope [QEMU options] -kernel FILE",
            "       hvscope bench [--elf FILE] [--no-qemu] [--runs N]",
            "       hvscope vm [CONFIG.toml] [--pflash emulate|passthrough] [--timeout S] [--max-insns N]"},
        optionListHeading = "%nQEMU-compatible options (the virt board, rv64 CPU):%n",
        commandListHeading = "%nCommands:%n",
        footerHeading = "%n",
        footer = {"Exit status: the guest's, written to the sifive_test device at 0x100000 (0x5555 -> 0,",
            "(code << 16) | 0x3333 -> code); 1 for a command-line or image error.",
            "Trace flags for -d: see 'hvscope -d help'."})
public final class HvscopeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** What a hosted guest's console reads (SBI getchar, the emulated UART). */
    java.io.InputStream consoleIn = System.in;

    @Option(names = {"-h", "-help", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = {"-version", "--version"}, versionHelp = true, description = "Print the version and exit.")
    boolean version;

    @Option(names = {"-machine", "-M"}, paramLabel = "virt", converter = QemuSyntax.MachineConverter.class,
            description = "Board; only 'virt' (the default).")
    String machine = QemuSyntax.MACHINE;

    @Option(names = "-cpu", paramLabel = "rv64[,h=on|off]", converter = QemuSyntax.CpuConverter.class,
            description = "CPU: rv64 (RV64GC + H). h=off clears misa.H.")
    QemuSyntax.Cpu cpu = new QemuSyntax.Cpu(true);

    @Option(names = "-m", paramLabel = "SIZE", converter = QemuSyntax.MemoryConverter.class,
            description = "RAM at 0x80000000: 128M, 1G, 512K; a plain number is MiB. Default 128M.")
    Long ramSize;

    @Option(names = "-smp", paramLabel = "N", converter = QemuSyntax.SmpConverter.class,
            description = "Number of harts, 1..8 (also cpus=N). Default 1.")
    Integer smp;

    @Option(names = "-nographic", description = "Accepted for QEMU compatibility; hvscope never opens a window.")
    boolean nographic;

    @Option(names = "-bios", paramLabel = "none|default|FILE", converter = QemuSyntax.BiosConverter.class,
            description = "Firmware: none (start -kernel in M-mode at 0x80000000), default (the system's OpenSBI"
                    + " fw_dynamic.elf, the default), or an ELF/raw file.")
    Bios bios;

    @Option(names = "-kernel", paramLabel = "FILE",
            description = "Kernel ELF or raw image (raw: at 0x80000000 with -bios none, else 0x80200000).")
    Path kernel;

    @Option(names = "-append", paramLabel = "STR", description = "Kernel command line (/chosen/bootargs).")
    String append;

    @Option(names = "-initrd", paramLabel = "FILE", description = "Initial ram disk.")
    Path initrd;

    @Option(names = "-drive", paramLabel = "if=pflash,unit=N,format=raw,file=F[,readonly=on]",
            converter = QemuSyntax.DriveConverter.class,
            description = "Pflash bank image: unit 0 at 0x20000000, unit 1 at 0x22000000 (32 MiB each). Repeatable.")
    List<PflashDrive> drives = new ArrayList<>();

    @Option(names = "-serial", paramLabel = "mon:stdio|stdio|none", converter = QemuSyntax.SerialConverter.class,
            description = "UART back end. Default mon:stdio (Ctrl-A x quits).")
    SerialMode serial;

    @Option(names = "-s", description = "Shorthand for -gdb tcp::1234.")
    boolean gdbDefault;

    @Option(names = "-S", description = "Do not start the harts until the debugger continues.")
    boolean waitForGdb;

    @Option(names = "-gdb", paramLabel = "tcp:[HOST]:PORT|unix:PATH", converter = QemuSyntax.GdbConverter.class,
            description = "GDB stub address; an empty HOST means 127.0.0.1; unix:PATH is a socket only you can use.")
    GdbEndpoint gdb;

    @Option(names = "-d", paramLabel = "FLAG[,FLAG...]", converter = QemuSyntax.TraceConverter.class,
            description = "Trace: int, exec, cpu, in_asm, mmu, vmexit, guest_errors, unimp ('-d help' explains).")
    List<String> traceArgs = new ArrayList<>();

    @Option(names = "-D", paramLabel = "FILE", description = "Write trace output to FILE instead of stderr.")
    Path logFile;

    /** Builds the machine config from the parsed options; checks what spans several options. */
    MachineConfig toConfig() {
        MachineConfig.Builder b = MachineConfig.builder()
                .hExtension(cpu.hExtension())
                .bios(bios == null ? Bios.DEFAULT : bios)
                .kernel(kernel)
                .append(append)
                .initrd(initrd)
                .serial(serial == null ? SerialMode.MON_STDIO : serial)
                .gdb(gdb != null ? gdb : gdbDefault ? GdbEndpoint.defaultEndpoint() : null)
                .waitForGdb(waitForGdb)
                .logFile(logFile);
        if (ramSize != null) {
            b.ramSize(ramSize);
        }
        if (smp != null) {
            b.smp(smp);
        }
        for (PflashDrive d : drives) {
            b.pflash(d);
        }
        for (String arg : traceArgs) {
            for (String flag : QemuSyntax.traceFlags(arg)) {
                if (!flag.equals("help")) {
                    b.traceFlag(flag);
                }
            }
        }
        return b.build();
    }

    boolean wantsTraceHelp() {
        return traceArgs.stream().anyMatch(a -> QemuSyntax.traceFlags(a).contains("help"));
    }

    /** Fails before building anything when a named file is missing, naming the option as QEMU does. */
    static void checkFilesExist(MachineConfig config) {
        if (config.bios().kind() == Bios.Kind.FILE) {
            requireFile("-bios", config.bios().file());
        }
        requireFile("-kernel", config.kernel());
        requireFile("-initrd", config.initrd());
        for (PflashDrive d : config.pflash()) {
            requireFile("-drive", d.file());
        }
    }

    /** {@code -D FILE} must be writable before anything runs: the logger would only complain in a trace. */
    static void checkLogFileWritable(Path file) {
        if (file == null) {
            return;
        }
        try (OutputStream probe = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            probe.flush();
        } catch (IOException | SecurityException e) {
            throw new MachineException("-D " + file + ": cannot write (" + reason(e) + ")");
        }
    }

    private static String reason(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void requireFile(String option, Path file) {
        if (file != null && !Files.isRegularFile(file)) {
            throw new MachineException(option + " " + file + ": " + (Files.exists(file) ? "not a regular file" : "no such file"));
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (wantsTraceHelp()) {
            out.print(TraceFlag.helpText());
            out.flush();
            return 0;
        }
        if (kernel == null && bios == null) {
            throw new MachineException("nothing to run: give -kernel FILE and/or -bios FILE (see hvscope -h)");
        }
        MachineConfig config = toConfig();
        if (config.bios().kind() == Bios.Kind.DEFAULT) {
            config = config.toBuilder().bios(Bios.file(config.bios().resolve())).build();
        }
        checkFilesExist(config);
        checkLogFileWritable(config.logFile());
        LogSetup.apply(config);
        MachineConfig board = config;
        try (VirtMachine machine = MachineMemory.orOneLine(board.ramSize(), () -> VirtMachine.create(board))) {
            for (String note : machine.notes()) {
                System.err.println("hvscope: note: " + note);
            }
            try (TerminalMode terminal = config.serial() == SerialMode.NONE ? null : TerminalMode.raw()) {
                if (config.gdb() != null) {
                    return DebugRun.run(machine, config, spec.commandLine().getErr());
                }
                return machine.run();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
