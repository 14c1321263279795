package dev.hvscope.plugin.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hvscope.plugin.live.LiveSessionRegistry;
import dev.hvscope.plugin.live.RuntimeDir;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #13 as an attacker on the same machine would try it: while root runs the debug adapter on
 * a TCP port and a hosted VM under an adapter session with a control socket, uid 65534 (through
 * {@code setpriv}) tries to make the adapter run {@code id}, to read the token, to read the session
 * registry, to reach the control socket and the gdb stub of a launched session. Everything is refused, and root's own attempts through
 * the same script show the paths were right. Runs only as root with setpriv and /usr/bin/python3 (CI).
 */
class SecondLocalUserTest {
    private static final String PYTHON = "/usr/bin/python3";
    private static final String SETPRIV = "/usr/bin/setpriv";
    private Path shared;

    @BeforeEach
    void sharedDirectory() throws IOException {
        assumeTrue(RuntimeDir.currentUid() == 0, "needs root, to act as another user");
        assumeTrue(Files.isExecutable(Path.of(SETPRIV)) && Files.isExecutable(Path.of(PYTHON)), "needs setpriv and python3");
        // traversable by everyone, so that what keeps the other user out is hvscope's own directory
        shared = Files.createTempDirectory("hvscope-second-user");
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
        System.setProperty(RuntimeDir.PROPERTY, shared.resolve("run").toString());
    }

    @AfterEach
    void cleanUp() throws IOException {
        System.clearProperty(RuntimeDir.PROPERTY);
        if (shared != null) {
            try (Stream<Path> all = Files.walk(shared)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @Test
    void anotherUser_canNeitherLaunchThroughTheAdapterNorSwitchTheLiveVm() throws Exception {
        DapToken token = DapToken.generate();
        CompletableFuture<Integer> listening = new CompletableFuture<>();
        Thread adapter = new Thread(() -> {
            try {
                DapServer.serveTcp("127.0.0.1", 0, token, LaunchPolicy.hvscopeOnly(), listening::complete);
            } catch (IOException e) {
                listening.completeExceptionally(e);
            }
        }, "adapter-on-tcp");
        adapter.setDaemon(true);
        adapter.start();
        int port = listening.get(10, TimeUnit.SECONDS);
        Path tokenFile = RuntimeDir.open().resolve("dap-" + port + ".token"); // where hvscope dap --port writes it
        token.writeTo(tokenFile);

        Path config = Files.writeString(shared.resolve("vm.toml"), Files.readString(Qemu.examples().resolve("pflash/vm.toml")));
        Path marker = shared.resolve("id-ran");
        try (HostedDapSession vm = HostedDapSession.start()) {
            vm.initialize();
            vm.attach(Map.of("vmConfig", config.toString(), "stopOnEntry", true));
            assertNotNull(vm.configurationDone(), "no stop at entry");
            LiveSessionRegistry registry = LiveSessionRegistry.standard();
            List<LiveSessionRegistry.Entry> live = registry.sessionsFor(config);
            assertEquals(1, live.size());
            Path control = live.get(0).socket();
            List<String> args = List.of(Integer.toString(port), tokenFile.toString(), registry.dir().toString(),
                    control.toString(), marker.toString());

            assertEquals(List.of(
                    "token file: denied",
                    "dap without token: closed after 0 bytes",
                    "dap with a guessed token: closed after 0 bytes",
                    "registry: denied",
                    "control socket: denied"), attacker(List.of(SETPRIV, "--reuid=65534", "--regid=65534", "--clear-groups"), args));
            // the same script as root: the paths were right, and the token, not the port, is what admits
            assertEquals(List.of(
                    "token file: read 64 characters",
                    "dap without token: closed after 0 bytes",
                    "dap with a guessed token: closed after 0 bytes",
                    "registry: 1 sessions",
                    "control socket: connected"), attacker(List.of(), args));

            assertFalse(Files.exists(marker), "the adapter ran the other user's command");
            assertEquals("passthrough", vm.variables(vm.scope("pflash").getVariablesReference())[0].getValue());
        }
    }

    @Test
    void anotherUser_cannotConnectToTheGdbStubOfALaunchedSession() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // what ProgramLaunch writes is -gdb unix:${socket} (ProgramLaunchTest); the stub is hvscope's, launched the same way
        List<String> command = List.of(java, "-cp", System.getProperty("java.class.path"), UnixStubMain.class.getName(),
                "${socket}");
        Path socket;
        try (DapSession s = new DapSession(LaunchPolicy.allowing(List.of(java)))) {
            s.initialize();
            assertNotNull(s.launch(command, HostedDapSession.GUEST), "the launch did not connect");
            try (Stream<Path> files = Files.list(RuntimeDir.location())) {
                List<Path> sockets = files.filter(f -> f.getFileName().toString().matches("gdb-\\p{XDigit}{16}\\.sock")).toList();
                assertEquals(1, sockets.size(), sockets.toString());
                socket = sockets.get(0);
            }
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
            assertEquals(List.of("gdb stub: denied"),
                    attacker(List.of(SETPRIV, "--reuid=65534", "--regid=65534", "--clear-groups"), List.of("--gdb-stub", socket.toString())));
            assertEquals(List.of("gdb stub: connected"), attacker(List.of(), List.of("--gdb-stub", socket.toString())));
            assertNotNull(s.configurationDone(), "the session still drives its stub: no stop at entry");
        }
        assertFalse(Files.exists(socket), "the stub's socket is gone with the session");
    }

    /** Runs the attacker script (second-user.py) behind {@code prefix}; answers its lines. */
    private List<String> attacker(List<String> prefix, List<String> args) throws Exception {
        Path script = shared.resolve("second-user.py");
        if (!Files.exists(script)) {
            try (var in = SecondLocalUserTest.class.getResourceAsStream("/security/second-user.py")) {
                Files.copy(in, script);
            }
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rw-r--r--"));
        }
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(PYTHON);
        cmd.add(script.toString());
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).directory(shared.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        assertEquals(0, p.exitValue(), out);
        return out.lines().toList();
    }
}
