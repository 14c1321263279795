package dev.hvscope.app;

import dev.hvscope.core.machine.MachineException;
import dev.hvscope.core.machine.VirtMachine;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hvscope bench linux}: boots the Linux workload ({@link LinuxWorkload}) to power-off as a
 * user does, a whole process each time, on hvscope (a fresh JVM running this jar) and on QEMU,
 * alternating, and prints the minimum and median wall times and their ratio per {@code -smp}.
 * The instruction count comes from one more hvscope boot inside this process.
 */
@Command(name = "linux", sortOptions = false, separator = " ", usageHelpWidth = 100,
        description = {"Boot Linux 6.1 (examples/linux) to power-off on hvscope and on QEMU, whole process each,",
            "and compare the wall times. Build the workload first: examples/linux/build.sh"})
public final class BenchLinuxCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--runs", paramLabel = "N", description = "Boots per emulator and -smp (default 3).")
    int runs = 3;

    @Option(names = "--smp", paramLabel = "N[,N...]", split = ",", hideParamSyntax = true, description = "Hart counts to boot with (default 1,2).")
    List<Integer> smps = new ArrayList<>(List.of(1, 2));

    @Option(names = "--dir", paramLabel = "DIR",
            description = "The workload's directory (Image, initramfs.cpio); default $" + LinuxWorkload.ENV
                    + ", else the one examples/linux/build.sh built.")
    Path dir;

    @Option(names = "--java-opt", paramLabel = "OPT",
            description = "A JVM option for the hvscope runs, e.g. --java-opt -Dhvscope.jit=false. Repeatable.")
    List<String> javaOpts = new ArrayList<>();

    @Option(names = "--no-qemu", description = "Boot on hvscope only.")
    boolean noQemu;

    @Option(names = "--no-count", description = "Skip the in-process boot that counts instructions.")
    boolean noCount;

    @Option(names = "--qemu", paramLabel = "PROGRAM",
            description = "QEMU binary (default " + QemuRunner.DEFAULT_BINARY + " on PATH).")
    String qemuBinary = QemuRunner.DEFAULT_BINARY;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Give up on a boot after this (default 600).")
    long timeoutSeconds = 600;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (runs < 1) {
            throw new MachineException("--runs must be at least 1");
        }
        for (int n : smps) {
            if (n < 1 || n > 8) {
                throw new MachineException("--smp " + n + ": must be 1..8");
            }
        }
        LinuxWorkload workload = dir != null ? new LinuxWorkload(dir) : LinuxWorkload.locate(HvscopeHome.resolve("examples"));
        if (dir != null) {
            BenchCommand.existing(workload.image(), null, "--dir");
            BenchCommand.existing(workload.initramfs(), null, "--dir");
        }
        BenchQemu qemu = BenchQemu.choose(noQemu, qemuBinary);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String load = loadAverage();
        List<BenchLinuxTable.Row> rows = new ArrayList<>();
        for (int smp : smps) {
            List<String> hv = hvscopeCommand(workload, smp);
            List<String> q = qemu.binary() == null ? null : qemuCommand(qemu.binary(), workload, smp);
            List<Double> hvTimes = new ArrayList<>();
            List<Double> qemuTimes = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                err.printf("bench linux: -smp %d, run %d of %d%n", smp, i + 1, runs);
                err.flush();
                hvTimes.add(boot("hvscope", hv, err));
                if (q != null) {
                    qemuTimes.add(boot("qemu", q, err));
                }
            }
            long instructions = noCount ? -1 : countInstructions(workload, smp);
            rows.add(new BenchLinuxTable.Row(smp, hvTimes, qemuTimes, instructions, launcherCommand(workload, smp), q));
        }
        out.print(BenchLinuxTable.format(workload.dir().toString(), runs, rows, qemu.whyNot(), load));
        out.flush();
        return 0;
    }

    /**
     * The boot as a user runs it: through the launcher next to the jar (its JVM flags, class-data
     * archive and heap), or, run without it, a fresh JVM on this program's class path.
     */
    private List<String> hvscopeCommand(LinuxWorkload workload, int smp) {
        List<String> cmd = new ArrayList<>();
        if (HvscopeProcess.find(timeoutSeconds) != null) {
            cmd.add(HvscopeHome.resolve("hvscope").toString());
        } else {
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(javaOpts);
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        }
        cmd.addAll(workload.qemuOptions(smp));
        return cmd;
    }

    /** What a user types for the same boot: the launcher, with the JVM options in its variable. */
    private List<String> launcherCommand(LinuxWorkload workload, int smp) {
        List<String> cmd = new ArrayList<>();
        if (!javaOpts.isEmpty()) {
            cmd.add("HVSCOPE_JAVA_OPTS=" + String.join(" ", javaOpts));
        }
        cmd.add(HvscopeHome.resolve("hvscope").toString());
        cmd.addAll(workload.qemuOptions(smp));
        return cmd;
    }

    private static List<String> qemuCommand(Path binary, LinuxWorkload workload, int smp) {
        List<String> cmd = new ArrayList<>();
        cmd.add(binary.toString());
        cmd.addAll(workload.qemuOptions(smp));
        return cmd;
    }

    /** Seconds of one boot to power-off; fails, showing the console's end, if it did not get there. */
    private double boot(String emulator, List<String> command, PrintWriter err) throws IOException, InterruptedException {
        Map<String, String> env = javaOpts.isEmpty() ? Map.of() : Map.of("HVSCOPE_JAVA_OPTS", String.join(" ", javaOpts));
        ProcessTimer.Timing r = ProcessTimer.run(command, env, timeoutSeconds);
        if (r.exitStatus() != 0 || !LinuxWorkload.bootedToPowerOff(r.output())) {
            err.println(ProcessTimer.tail(r.output()));
            throw new MachineException("Linux did not boot to power-off on " + emulator + " (exit status "
                    + r.exitStatus() + "): " + String.join(" ", command));
        }
        return r.seconds();
    }

    /** The first three fields of /proc/loadavg, or "" where there is none. */
    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f.length >= 3 ? f[0] + " " + f[1] + " " + f[2] : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** Instructions retired by all harts in one in-process boot (with -smp > 1 it varies a little). */
    private static long countInstructions(LinuxWorkload workload, int smp) {
        try (VirtMachine m = VirtMachine.create(workload.config(smp), null, OutputStream.nullOutputStream())) {
            m.run();
            return m.instructionsRetired();
        }
    }
}
