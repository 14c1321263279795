package dev.hvscope.plugin.dap;

import dev.hvscope.plugin.rspclient.RspClient;
import dev.hvscope.plugin.rspclient.RspException;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.lsp4j.debug.OutputEventArgumentsCategory;

/** What launch, attach and restart share: load the ELFs, connect (with retries while a launched stub starts), adopt. */
final class TargetConnector {
    private TargetConnector() {
    }

    /** {@code elf}, else {@code program} (the name VS Code's launch and attach schemas use). */
    static void loadElfs(DebugSession session, Map<String, Object> args) {
        for (String elf : Args.strings(args, args.get("elf") != null ? "elf" : "program")) {
            session.symbols().load(Path.of(elf));
        }
    }

    /** Connects to host:port, retrying until {@code timeoutMillis} (a launched stub needs a moment). */
    static void connect(DebugSession session, String host, int port, long timeoutMillis, DebuggeeProcess process) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        RspException last = null;
        while (true) {
            try {
                RspClient client = RspClient.connect(host, port);
                session.attached(client);
                session.output(OutputEventArgumentsCategory.CONSOLE,
                        "connected to the RSP stub at " + host + ":" + port + "\n");
                return;
            } catch (RspException e) {
                last = e;
            }
            if (System.currentTimeMillis() > deadline || (process != null && !process.alive())) {
                throw DapError.failed(last.getMessage());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw DapError.failed("interrupted");
            }
        }
    }
}
