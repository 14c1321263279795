package dev.hvscope.app;

import dev.hvscope.plugin.dap.DapServer;
import dev.hvscope.plugin.dap.DapToken;
import dev.hvscope.plugin.dap.LaunchPolicy;
import dev.hvscope.plugin.live.RuntimeDir;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hvscope dap}: the debug adapter on stdio (what an IDE starts), or on a TCP port
 * ({@code --port N}, 127.0.0.1 unless {@code --host}) serving one client after another, each of
 * which must send the session's token first ({@link DapToken}, written to a 0600 file). Launch
 * requests start hvscope itself and the programs named with {@code --allow-program}, nothing else.
 * {@code --connect [HOST:]PORT} is the client side for IDEs: stdio relayed to such a port, token first.
 * Nothing but DAP may reach stdout in stdio mode, so the adapter logs nowhere else.
 */
@Command(name = "dap", sortOptions = false, separator = " ", usageHelpWidth = 100,
        description = "Run the debug adapter (Debug Adapter Protocol) on stdio or a TCP port.")
public final class DapCommand implements Callable<Integer> {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--port", paramLabel = "N", description = "Listen on TCP port N instead of stdio (0: any free port);"
            + " clients first send the line 'HVSCOPE-TOKEN <token>' (the token is written to a 0600 file).")
    Integer port;

    @Option(names = "--host", paramLabel = "ADDR", description = "Address to listen on with --port (default 127.0.0.1).")
    String host = "127.0.0.1";

    @Option(names = "--token-file", paramLabel = "FILE", description = "With --port: write the token to FILE (mode 0600)"
            + " instead of dap-PORT.token in hvscope's private runtime directory; with --connect: read it from there.")
    Path tokenFile;

    @Option(names = "--connect", paramLabel = "[HOST:]PORT", description = "Relay stdio to an adapter listening on TCP"
            + " (hvscope dap --port), sending its token first: for IDEs, which start adapters as processes.")
    String connect;

    @Option(names = LaunchPolicy.OPTION, paramLabel = "PROGRAM", description = "Let launch requests start PROGRAM"
            + " (a path, or a name on PATH), e.g. qemu-system-riscv64; repeatable. Default: hvscope itself only.")
    List<String> allowPrograms = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        LaunchPolicy policy;
        try {
            policy = LaunchPolicy.allowing(allowPrograms);
        } catch (IllegalArgumentException e) {
            err.println("hvscope dap: " + e.getMessage());
            return 1;
        }
        if (connect != null) {
            return relay(err);
        }
        if (port == null) {
            DapServer.serve(System.in, System.out, policy);
            return 0;
        }
        DapToken token = DapToken.generate();
        try {
            DapServer.serveTcp(host, port, token, policy, p -> listening(token, p, err));
        } catch (UncheckedIOException e) {
            err.println("hvscope dap: " + e.getCause().getMessage());
            return 1;
        }
        return 0;
    }

    /** --connect: the token from --token-file, else from dap-PORT.token in the private runtime directory. */
    private int relay(PrintWriter err) {
        int colon = connect.lastIndexOf(':');
        String to = colon < 0 ? "127.0.0.1" : connect.substring(0, colon);
        int p;
        try {
            p = Integer.parseInt(connect.substring(colon + 1));
        } catch (NumberFormatException e) {
            p = -1;
        }
        if (p <= 0 || p > 65535) {
            err.println("hvscope dap: --connect " + connect + ": expected [HOST:]PORT with a port in 1..65535");
            return 1;
        }
        try {
            Path file = tokenFile != null ? tokenFile : RuntimeDir.open().resolve("dap-" + p + ".token");
            DapRelay.run(to, p, DapToken.readFrom(file), System.in, System.out);
            return 0;
        } catch (IOException e) {
            err.println("hvscope dap: --connect " + connect + ": " + e.getMessage());
            return 1;
        }
    }

    /** Writes the token file (removed at exit) and says where the adapter listens and where its token is. */
    private void listening(DapToken token, int p, PrintWriter err) {
        Path file;
        try {
            file = tokenFile != null ? tokenFile : RuntimeDir.open().resolve("dap-" + p + ".token");
            token.writeTo(file);
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException("cannot write the token file: " + e.getMessage(), e));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // gone already
            }
        }));
        err.println("hvscope dap: listening on " + host + ":" + p + "; token in " + file
                + " (clients send the line '" + DapToken.PREFIX + "<token>' first)");
        ExposedAddress.warn("hvscope dap", host, p, "whoever reaches the port and holds the token starts programs"
                + " as you, and the token and all DAP traffic cross the network unencrypted (use 127.0.0.1 and an ssh tunnel)", err);
        err.flush();
    }
}
