package dev.hvscope.app;

import dev.hvscope.core.machine.MachineException;
import dev.hvscope.plugin.dap.GStageScopeBench;
import java.nio.file.Path;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hvscope bench dap-gstage}: how long the debug adapter takes, from a stop to the reply,
 * to show the G-stage scope of a guest with 1 GiB mapped in 4 KiB pages (262,144 PTEs), over
 * hvscope's stub and, when installed, QEMU's (see {@link GStageScopeBench} for the method).
 */
@Command(name = "dap-gstage", sortOptions = false, separator = " ", usageHelpWidth = 100,
        description = "Time the debug adapter's G-stage scope (262,144 PTEs) over hvscope's and QEMU's stubs.")
public final class DapGStageBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--elf", paramLabel = "FILE",
            description = "Program the machine is stopped in (default " + BenchCommand.DEFAULT_BASELINE + ").")
    Path elf;

    @Option(names = "--runs", paramLabel = "N", description = "Timed stops per stub (default 7).")
    int runs = 7;

    @Option(names = "--no-qemu", description = "hvscope's stub only.")
    boolean noQemu;

    @Option(names = "--qemu", paramLabel = "PROGRAM", description = "QEMU binary (default " + QemuRunner.DEFAULT_BINARY
            + " on PATH).")
    String qemuBinary = QemuRunner.DEFAULT_BINARY;

    @Override
    public Integer call() throws Exception {
        if (runs < 1) {
            throw new MachineException("--runs must be at least 1");
        }
        Path program = BenchCommand.existing(elf, BenchCommand.DEFAULT_BASELINE, "--elf");
        GStageScopeBench.Result hv = GStageScopeBench.hvscope(program.toAbsolutePath(), runs);
        GStageScopeBench.Result qemu = null;
        BenchQemu choice = BenchQemu.choose(noQemu, qemuBinary);
        if (choice.binary() != null) {
            qemu = GStageScopeBench.qemu(choice.binary().toString(), program.toAbsolutePath(), runs);
        }
        PrintWriter out = spec.commandLine().getOut();
        GStageScopeBench.print(out, hv, qemu, choice.whyNot(), runs);
        return 0;
    }
}
