package dev.hvscope.app;

import dev.hvscope.plugin.dap.DapServer;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hvscope dap}: the debug adapter on stdio (what an IDE starts), or on a TCP port
 * ({@code --port N}, 127.0.0.1 unless {@code --host}) serving one client after another.
 * Nothing but DAP may reach stdout in stdio mode, so the adapter logs nowhere else.
 */
@Command(name = "dap", sortOptions = false, separator = " ", usageHelpWidth = 100,
        description = "Run the debug adapter (Debug Adapter Protocol) on stdio or a TCP port.")
public final class DapCommand implements Callable<Integer> {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--port", paramLabel = "N", description = "Listen on TCP port N instead of stdio (0: any free port).")
    Integer port;

    @Option(names = "--host", paramLabel = "ADDR", description = "Address to listen on with --port (default 127.0.0.1).")
    String host = "127.0.0.1";

    @Override
    public Integer call() throws IOException {
        if (port == null) {
            DapServer.serve(System.in, System.out);
            return 0;
        }
        DapServer.serveTcp(host, port, p -> System.err.println("hvscope dap: listening on " + host + ":" + p));
        return 0;
    }
}
