package dev.hvscope.app;

import dev.hvscope.core.machine.MachineException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Entry point of {@code hvscope}. Errors the user can fix print one line, {@code hvscope: <message>},
 * and exit with status 1; a run's exit status is the guest's.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(run(args, out, err));
    }

    /** Parses and runs; returns the exit status instead of exiting (tests). Guests read System.in. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, System.in, out, err);
    }

    /**
     * As {@link #run(String[], PrintWriter, PrintWriter)} with the console input a guest reads
     * ({@code hvscope vm}): tests give their own, since a test JVM's stdin belongs to its runner.
     */
    public static int run(String[] args, java.io.InputStream consoleIn, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine(out, err);
        ((HvscopeCommand) cl.getCommand()).consoleIn = consoleIn;
        return cl.execute(QemuArgs.normalize(args, cl.getCommandSpec()));
    }

    /** The configured picocli command: QEMU-style single-dash names, no clustering, last value wins. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new HvscopeCommand());
        // "-smp" must never parse as "-s -m p"
        cl.setPosixClusteredShortOptionsAllowed(false);
        // QEMU lets a later option override an earlier one (-m 64M ... -m 128M)
        cl.setOverwrittenOptionsAllowed(true);
        // as in QEMU, an option's value is the next argument whatever it looks like (-append bench)
        cl.setAllowSubcommandsAsOptionParameters(true);
        cl.setAllowOptionsAsOptionParameters(true);
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println("hvscope: " + describe(ex));
            return 1;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter e = commandLine.getErr();
            if (ex instanceof MachineException || ex instanceof IOException || ex instanceof UncheckedIOException) {
                e.println("hvscope: " + firstLine(ex.getMessage()));
            } else {
                ex.printStackTrace(e);
                e.println("hvscope: internal error: " + ex);
            }
            return 1;
        });
        return cl;
    }

    /** One line naming the option (or argument) at fault. */
    static String describe(ParameterException ex) {
        String help = "see " + ex.getCommandLine().getCommandSpec().qualifiedName() + " -h";
        if (ex instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String arg = u.getUnmatched().get(0);
            return arg.startsWith("-") ? arg + ": unknown option (" + help + ")"
                    : arg + ": unexpected argument (" + help + ")";
        }
        if (ex.getArgSpec() instanceof OptionSpec o && ex.getCause() instanceof TypeConversionException tc) {
            return o.longestName() + " " + ex.getValue() + ": " + tc.getMessage();
        }
        if (ex instanceof MissingParameterException m && !m.getMissing().isEmpty()
                && m.getMissing().get(0) instanceof OptionSpec o) {
            return o.longestName() + ": requires an argument (" + o.paramLabel() + ")";
        }
        return firstLine(ex.getMessage()) + " (" + help + ")";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl).trim();
    }
}
