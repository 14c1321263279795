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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hvscope bench}: deterministic ELFs on hvscope and on QEMU, measured the way a user feels
 * them and the way the emulator core performs. Method:
 * <ul>
 * <li>Cold: a new process per run, timed from launch to exit: {@code ./hvscope} (JVM start-up,
 *     the launcher's class-data archive and heap included) and {@code qemu-system-riscv64}, each
 *     with {@code -machine virt -m 128M -nographic -bios none -kernel ELF}. Peak RSS comes from
 *     GNU time (the child's maximum resident set).</li>
 * <li>Start-up: the same for a trivial program (default {@value #DEFAULT_BASELINE}) at
 *     {@code -m 128M} and {@code -m 16G}.</li>
 * <li>Warm: hvscope in this process, the machine created outside the clock and only {@code run()}
 *     timed, until power-off; instructions = {@code instructionsRetired()}. QEMU's warm time is its
 *     cold time minus its start-up at 128M; the programs are deterministic, so QEMU retires the
 *     instructions hvscope counted.</li>
 * <li>Each figure is the best (smallest) of N runs; repeated warm runs also let the JIT warm up.</li>
 * </ul>
 */
@Command(name = "bench", sortOptions = false, separator = " ", usageHelpWidth = 100,
        subcommands = {DapGStageBenchCommand.class, BenchLinuxCommand.class},
        description = "Compare hvscope's speed, start-up and memory with QEMU's: cold (a new process per run)"
                + " and warm (in-process).")
public final class BenchCommand implements Callable<Integer> {
    static final List<String> DEFAULT_ELFS = List.of("examples/bench/bench_int.elf",
            "examples/bench/bench_int_2stage.elf", "examples/bench/bench_mix.elf",
            "examples/bench/bench_mix_2stage.elf");
    static final String DEFAULT_ELF = DEFAULT_ELFS.get(0);
    static final String DEFAULT_BASELINE = "examples/tests/test_rv64i_alu.elf";
    static final long QEMU_RAM = 128L << 20;
    static final List<String> STARTUP_RAM = List.of(BenchTable.QEMU_STARTUP_RAM, "16G");

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--elf", paramLabel = "FILE", description = "Program to run; repeatable (default: bench_int,"
            + " bench_int_2stage, bench_mix and bench_mix_2stage under examples/bench).")
    List<Path> elfs = new ArrayList<>();

    @Option(names = "--baseline-elf", paramLabel = "FILE",
            description = "Trivial program for the start-up figures (default " + DEFAULT_BASELINE + ").")
    Path baselineElf;

    @Option(names = "--no-qemu", description = "Run hvscope only.")
    boolean noQemu;

    @Option(names = "--no-cold", description = "Warm in-process figures only (no new processes).")
    boolean noCold;

    @Option(names = "--runs", paramLabel = "N", description = "Runs per figure; the best counts (default 3).")
    int runs = 3;

    @Option(names = "--qemu", paramLabel = "PROGRAM", description = "QEMU binary (default " + QemuRunner.DEFAULT_BINARY
            + " on PATH).")
    String qemuBinary = QemuRunner.DEFAULT_BINARY;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Give up on a run after this (default 600).")
    long timeoutSeconds = 600;

    private PrintWriter progress;
    private int done;
    private int total;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (runs < 1) {
            throw new MachineException("--runs must be at least 1");
        }
        List<Path> programs = new ArrayList<>();
        if (elfs.isEmpty()) {
            for (String d : DEFAULT_ELFS) {
                programs.add(existing(null, d, "--elf"));
            }
        } else {
            for (Path p : elfs) {
                programs.add(existing(p, null, "--elf"));
            }
        }
        Path trivial = existing(baselineElf, DEFAULT_BASELINE, "--baseline-elf");
        List<String> notes = new ArrayList<>();
        BenchQemu choice = BenchQemu.choose(noQemu, qemuBinary);
        QemuRunner qemu = noCold || choice.binary() == null ? null : new QemuRunner(choice.binary(), timeoutSeconds);
        HvscopeProcess cold = noCold ? null : HvscopeProcess.find(timeoutSeconds);
        if (choice.binary() == null) {
            notes.add("qemu: not run: " + choice.whyNot());
        }
        if (noCold) {
            notes.add("cold and start-up figures: not run: --no-cold");
        } else if (cold == null) {
            notes.add("hvscope cold: not run: no launcher (run the bench through ./hvscope)");
        }
        if (cold != null && !ProcessTimer.measuresRss()) {
            notes.add("peak RSS: not measured: " + ProcessTimer.GNU_TIME + " (GNU time) is not installed");
        }
        progress = spec.commandLine().getErr();
        int processes = (cold != null ? 1 : 0) + (qemu != null ? 1 : 0);
        total = runs * (STARTUP_RAM.size() * processes + programs.size() * (processes + 1));

        List<BenchTable.Startup> startups = new ArrayList<>();
        for (String ram : STARTUP_RAM) {
            startups.add(new BenchTable.Startup(ram,
                    cold == null ? null : best("start-up, hvscope -m " + ram, () -> cold.run(trivial, ram)),
                    qemu == null ? null : best("start-up, qemu -m " + ram, () -> qemu.run(trivial, ram))));
        }
        List<BenchTable.Workload> workloads = new ArrayList<>();
        for (Path program : programs) {
            String name = program.getFileName().toString();
            BenchTable.Cold h = cold == null ? null : best("cold, hvscope " + name, () -> cold.run(program, "128M"));
            BenchTable.Cold q = qemu == null ? null : best("cold, qemu " + name, () -> qemu.run(program, "128M"));
            workloads.add(new BenchTable.Workload(name, runHvscope(program), h, q));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(BenchTable.format(runs, startups, workloads, startups.get(0).qemu(), notes));
        out.flush();
        return 0;
    }

    private interface TimedRun {
        ProcessTimer.Timing run() throws IOException, InterruptedException;
    }

    /** The best time and the highest peak RSS over the runs; any failed run ends the bench. */
    private BenchTable.Cold best(String what, TimedRun timed) throws IOException, InterruptedException {
        double best = Double.MAX_VALUE;
        long peak = -1;
        for (int i = 0; i < runs; i++) {
            ProcessTimer.Timing t = timed.run();
            if (t.exitStatus() != 0) {
                throw new MachineException(what + " exited with status " + t.exitStatus());
            }
            best = Math.min(best, t.seconds());
            peak = Math.max(peak, t.peakRssKiB());
            progress(String.format(Locale.ROOT, "%s: %.3f s%s", what, t.seconds(),
                    t.peakRssKiB() < 0 ? "" : ", " + (t.peakRssKiB() >> 10) + " MiB"));
        }
        return new BenchTable.Cold(best, peak);
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
                progress(String.format(Locale.ROOT, "warm, hvscope %s: %.3f s", program.getFileName(), seconds));
            }
        }
        return new BenchResult("hvscope", instructions, best);
    }

    private void progress(String line) {
        done++;
        progress.printf("bench [%d/%d] %s%n", done, total, line);
        progress.flush();
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
