package dev.hvscope.plugin.dap;

import dev.hvscope.plugin.live.RuntimeDir;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * launch: starts the debuggee with its stub and connects, if the {@link LaunchPolicy} allows the program. Arguments: {@code program} or {@code
 * vmConfig} (see {@link ProgramLaunch}), or {@code command} (array or
 * string; {@code ${socket}} is replaced by a fresh socket path in the private {@link RuntimeDir}, for
 * {@code -gdb unix:${socket}}, or {@code ${port}} by a free port, else {@code port} must be given), {@code
 * port}, {@code host} (127.0.0.1), {@code cwd}, {@code elf} (paths, or
 * {@code {path, space}} objects: {@link ElfArgs}), {@code sourceRoot}, {@code stopOnEntry} (true), {@code connectTimeout} ms (10000).
 */
final class LaunchHandler implements RequestHandler<Map<String, Object>, Void> {
    @Override
    public Void handle(Map<String, Object> args, DebugSession session) {
        Args.require(args, "launch");
        session.requireInitialized();
        if (session.connected()) {
            throw DapError.state("already connected to a target");
        }
        launch(session, args);
        session.client().initialized();
        return null;
    }

    static void launch(DebugSession session, Map<String, Object> given) {
        Map<String, Object> args = ProgramLaunch.applies(given) ? ProgramLaunch.expand(given) : given;
        List<String> command = Args.strings(args, "command");
        if (command.isEmpty()) {
            throw DapError.badArgs("launch needs 'program' (an ELF for the virt board), 'vmConfig' (a VM config for"
                    + " the hosted hypervisor) or 'command' (an hvscope or QEMU command line that opens a gdb port)");
        }
        String host = Args.string(args, "host", "127.0.0.1");
        int port = Args.integer(args, "port", -1);
        Path socket = command.stream().anyMatch(s -> s.contains("${socket}")) ? privateSocket() : null;
        boolean needsPort = command.stream().anyMatch(s -> s.contains("${port}"));
        if (needsPort) {
            port = freePort();
        } else if (port <= 0 && socket == null) {
            throw DapError.badArgs("give 'port', or put ${port} (or unix:${socket}) in 'command'");
        }
        List<String> cmd = new ArrayList<>();
        for (String s : command) {
            s = s.replace("${port}", Integer.toString(port));
            cmd.add(socket == null ? s : s.replace("${socket}", socket.toString()));
        }
        String cwd = Args.string(args, "cwd", null);
        Path dir = cwd == null ? null : Path.of(cwd);
        cmd = session.launchPolicy().vet(cmd, dir);
        TargetConnector.loadElfs(session, args);
        session.setStopOnEntry(Args.bool(args, "stopOnEntry", true));
        DebuggeeProcess p;
        try {
            p = DebuggeeProcess.start(cmd, dir, session::output);
        } catch (IOException e) {
            throw DapError.failed("cannot start " + cmd.get(0) + ": " + e.getMessage());
        }
        p.removeAfterExit(socket);
        session.setProcess(p);
        StubAddress at = socket != null ? StubAddress.unix(socket) : StubAddress.tcp(host, port);
        try {
            TargetConnector.connect(session, at, Args.integer(args, "connectTimeout", 10_000), p);
        } catch (RuntimeException e) {
            session.closeTarget(true);
            throw e;
        }
        session.rememberLaunch(args, true);
        LiveVmHook.register(session, args);
    }

    /** A fresh path for the launched stub's socket, in this user's private runtime directory. */
    static Path privateSocket() {
        byte[] random = new byte[8];
        new java.security.SecureRandom().nextBytes(random);
        try {
            return RuntimeDir.open().resolve("gdb-" + HexFormat.of().formatHex(random) + ".sock");
        } catch (IOException e) {
            throw DapError.failed("no private directory for the gdb stub's socket: " + e.getMessage());
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw DapError.failed("no free port: " + e.getMessage());
        }
    }
}
