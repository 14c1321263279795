package dev.hvscope.app;

import dev.hvscope.core.machine.Bios;
import dev.hvscope.core.machine.MachineConfig;
import dev.hvscope.core.machine.MachineException;
import dev.hvscope.core.machine.SerialMode;
import dev.hvscope.core.machine.VirtMachine;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hvscope bench}: the same deterministic ELF on hvscope (in-process) and on QEMU (a
 * subprocess). Method:
 * <ul>
 * <li>hvscope: the machine is created (images loaded) outside the clock; only {@code run()} is
 *     timed, until the guest powers off. Instructions = {@code instructionsRetired()}.</li>
 * <li>QEMU: the whole process is timed, and so is a run of a trivial baseline ELF; the baseline's
 *     time (QEMU start-up, board creation, loading, exit) is subtracted. The program is
 *     deterministic, so QEMU retires the instruction count hvscope counted.</li>
 * <li>Each side runs N times; the best (smallest) time counts, which also lets the JIT warm up.</li>
 * </ul>
 */
@Command(name = "bench", sortOptions = false, separator = " ", usageHelpWidth = 100,
        subcommands = {DapGStageBenchCommand.class, BenchLinuxCommand.class},
        description = "Compare hvscope's speed with QEMU's on a compute-heavy ELF.")
public final class BenchCommand implements Callable<Integer> {
    static final String DEFAULT_ELF = "examples/bench/bench_int.elf";
    static final String DEFAULT_BASELINE = "examples/tests/test_rv64i_alu.elf";
    static final long QEMU_RAM = 128L << 20;

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--elf", paramLabel = "FILE", description = "Program to run (default " + DEFAULT_ELF + ").")
    Path elf;

    @Option(names = "--baseline-elf", paramLabel = "FILE",
            description = "Trivial program timing QEMU's start-up (default " + DEFAULT_BASELINE + ").")
    Path baselineElf;

    @Option(names = "--no-qemu", description = "Run hvscope only.")
    boolean noQemu;

    @Option(names = "--runs", paramLabel = "N", description = "Runs per emulator; the best counts (default 3).")
    int runs = 3;

    @Option(names = "--qemu", paramLabel = "PROGRAM", description = "QEMU binary (default " + QemuRunner.DEFAULT_BINARY
            + " on PATH).")
    String qemuBinary = QemuRunner.DEFAULT_BINARY;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Give up on a QEMU run after this (default 600).")
    long timeoutSeconds = 600;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (runs < 1) {
            throw new MachineException("--runs must be at least 1");
        }
        Path program = existing(elf, DEFAULT_ELF, "--elf");
        BenchResult hv = runHvscope(program);
        BenchResult qemu = null;
        double startup = 0;
        BenchQemu choice = BenchQemu.choose(noQemu, qemuBinary);
        if (choice.binary() != null) {
            QemuRunner runner = new QemuRunner(choice.binary(), timeoutSeconds);
            Path baseline = existing(baselineElf, DEFAULT_BASELINE, "--baseline-elf");
            double total = bestQemu(runner, program);
            startup = bestQemu(runner, baseline);
            qemu = new BenchResult("qemu", hv.instructions(), total - startup);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(BenchTable.format(program.toString(), runs, hv, qemu, startup, choice.whyNot()));
        out.flush();
        return 0;
    }

    private BenchResult runHvscope(Path program) {
        MachineConfig config = MachineConfig.builder()
                .bios(Bios.NONE)
                .kernel(program)
                .ramSize(QEMU_RAM)
                .serial(SerialMode.NONE)
                .build();
        double best = Double.MAX_VALUE;
        long instructions = 0;
        for (int i = 0; i < runs; i++) {
            try (VirtMachine machine = VirtMachine.create(config)) {
                long t0 = System.nanoTime();
                int status = machine.run();
                double seconds = (System.nanoTime() - t0) / 1e9;
                if (status != 0) {
                    throw new MachineException(program + " exited with status " + status + " on hvscope");
                }
                best = Math.min(best, seconds);
                instructions = machine.instructionsRetired();
            }
        }
        return new BenchResult("hvscope", instructions, best);
    }

    private double bestQemu(QemuRunner runner, Path program) throws IOException, InterruptedException {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < runs; i++) {
            QemuRunner.Timing t = runner.run(program);
            if (t.exitStatus() != 0) {
                throw new MachineException(program + " exited with status " + t.exitStatus() + " on qemu");
            }
            best = Math.min(best, t.seconds());
        }
        return best;
    }

    /** The given file, or the default under the repository root; it must exist. */
    static Path existing(Path given, String defaultRelative, String option) {
        Path p = given != null ? given : HvscopeHome.resolve(defaultRelative);
        if (!Files.isRegularFile(p)) {
            throw new MachineException(option + " " + p + ": no such file"
                    + (given == null ? " (build the examples: make -C examples)" : ""));
        }
        return p;
    }
}
