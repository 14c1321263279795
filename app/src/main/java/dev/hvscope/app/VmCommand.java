package dev.hvscope.app;

import dev.hvscope.core.debug.HostedDebuggee;
import dev.hvscope.core.hv.ExitLog;
import dev.hvscope.core.hv.HostedMachine;
import dev.hvscope.core.hv.PflashMode;
import dev.hvscope.core.hv.VmResult;
import dev.hvscope.core.hv.VmSpec;
import dev.hvscope.core.machine.GdbEndpoint;
import dev.hvscope.core.machine.MachineException;
import dev.hvscope.plugin.vmconfig.Diagnostic;
import dev.hvscope.plugin.vmconfig.VmConfigChecks;
import dev.hvscope.plugin.vmconfig.VmConfigParser;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hvscope vm [CONFIG.toml]}: the hosted hypervisor. hvscope itself plays the hypervisor of
 * the ArceOS h_2_0 tour: the guest runs in VS-mode on the emulated hart, and every exit to HS is
 * handled in Java. The guest's console goes to stdout, then one summary line.
 */
@Command(name = "vm", sortOptions = false, separator = " ", usageHelpWidth = 100,
        description = {"Run a guest on hvscope's hosted hypervisor (the h_2_0 tour's loop in Java).",
            "Without CONFIG it runs the embedded pflash demo (examples/pflash/vm.toml)."},
        footerHeading = "%n",
        footer = {"Exit status: 0 guest shut down cleanly; 1 bad config, guest failure or unhandled guest fault;",
            "3 --max-insns or --timeout reached; 4 guest halted for good."})
public final class VmCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Parameters(index = "0", arity = "0..1", paramLabel = "CONFIG.toml",
            description = "VM config in the axvisor shape (default: the embedded pflash demo).")
    Path config;

    @Option(names = "--pflash", paramLabel = "emulate|passthrough",
            description = "How pflash#1 faults are served (default: the config's mode; the demo's is passthrough).")
    String pflash;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "End the run after this wall time.")
    double timeoutSeconds;

    @Option(names = "--max-insns", paramLabel = "N", description = "End the run after N guest instructions.")
    long maxInsns;

    @Option(names = "--exit-log", description = "Print every VM exit (kind, pc, address, handling) to stderr.")
    boolean exitLog;

    @Option(names = "-s", description = "Shorthand for -gdb tcp::1234.")
    boolean gdbDefault;

    @Option(names = "-S", description = "Do not start the guest until gdb continues.")
    boolean waitForGdb;

    @Option(names = "-gdb", paramLabel = "tcp:[HOST]:PORT|unix:PATH", converter = QemuSyntax.GdbConverter.class,
            description = "GDB stub on this address (port 0: a free port, printed; unix:PATH: a socket only you can use).")
    GdbEndpoint gdb;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PflashMode mode = null;
        if (pflash != null) {
            mode = PflashMode.fromLabel(pflash);
            if (mode == null) {
                err.println("hvscope: --pflash " + pflash + ": expected emulate or passthrough");
                return 1;
            }
        }
        if (waitForGdb && !gdbDefault && gdb == null) {
            err.println("hvscope: -S needs a GDB stub to wait for (add -s or -gdb tcp::PORT)");
            return 1;
        }
        if (timeoutSeconds < 0 || maxInsns < 0) {
            err.println("hvscope: --timeout and --max-insns must not be negative");
            return 1;
        }
        Path file = config != null ? config : DemoFiles.extract();
        VmConfigParser.Result parsed = VmConfigParser.parse(file);
        List<Diagnostic> problems = new ArrayList<>(parsed.diagnostics());
        if (parsed.config() != null) {
            problems.addAll(VmConfigChecks.check(parsed.config()));
        }
        boolean failed = false;
        for (Diagnostic d : problems) {
            err.println("hvscope: " + d.format());
            failed |= d.isError();
        }
        if (failed) {
            return 1;
        }
        VmSpec vmSpec;
        try {
            vmSpec = VmSpecs.from(parsed.config(), mode);
        } catch (MachineException e) {
            err.println("hvscope: " + e.getMessage());
            return 1;
        }
        OutputStream console = new OutputStream() {
            @Override
            public void write(int b) {
                out.print((char) (b & 0xff));
            }

            @Override
            public void flush() {
                out.flush();
            }
        };
        java.io.InputStream consoleIn = ((HvscopeCommand) spec.commandLine().getParent().getCommand()).consoleIn;
        try (HostedMachine host = MachineMemory.orOneLine(vmSpec.hostRamSize(), () -> HostedMachine.create(vmSpec, console, consoleIn))) {
            if (gdbDefault || gdb != null) {
                return debug(host, out, err);
            }
            VmResult result = host.vm().run(maxInsns, (long) (timeoutSeconds * 1e9));
            out.flush();
            if (exitLog) {
                for (ExitLog.Entry e : result.log().entries()) {
                    err.println(e);
                }
                err.flush();
            }
            out.println(result.summaryLine());
            out.flush();
            return result.exitStatus();
        } catch (MachineException | IllegalArgumentException | java.io.UncheckedIOException e) {
            err.println("hvscope: vm: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** The VM under the GDB stub (the same server as the full-system -s); the summary line when the guest ends. */
    private int debug(HostedMachine host, PrintWriter out, PrintWriter err) throws InterruptedException {
        HostedDebuggee target = new HostedDebuggee(host);
        GdbEndpoint at = gdb != null ? gdb : GdbEndpoint.defaultEndpoint();
        int status = DebugRun.serve(target, at, waitForGdb, err, () -> target.result().exitStatus());
        out.flush();
        if (target.result() != null) {
            out.println(target.result().summaryLine());
            out.flush();
        }
        return status;
    }
}
