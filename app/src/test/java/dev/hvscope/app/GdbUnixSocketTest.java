package dev.hvscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hvscope.core.machine.GdbEndpoint;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code -gdb unix:PATH}: a stub on a socket file only this user can connect to, driven by the real gdb-multiarch. */
class GdbUnixSocketTest {
    private static final String GDB = "gdb-multiarch";

    @TempDir
    Path dir;

    private static Path elf() {
        return Path.of(System.getProperty("hvscope.examples", "../examples")).resolve("tests/test_rv64i_alu.elf")
                .toAbsolutePath().normalize();
    }

    @Test
    void qemuSpelling_isAccepted_andOtherOptionsAreOneLineErrors() {
        Path sock = dir.resolve("gdb.sock");
        for (String v : List.of("unix:" + sock, "unix:" + sock + ",server,nowait", "unix:" + sock + ",server=on,wait=off")) {
            assertEquals(GdbEndpoint.unix(sock), CommandLineTest.config("-gdb", v).gdb(), v);
        }
        assertEquals("unix:" + sock, GdbEndpoint.unix(sock).toString());
        assertTrue(CommandLineTest.error("-gdb", "unix:" + sock + ",wait=on", "-kernel", elf().toString())
                .contains("unsupported option 'wait=on'"));
        assertTrue(CommandLineTest.error("-gdb", "unix:", "-kernel", elf().toString()).contains("missing socket path"));
        assertTrue(CommandLineTest.error("-gdb", "udp::1234", "-kernel", elf().toString()).contains("unix:PATH"));
    }

    @Test
    void gdbMultiarch_stepsAndRunsToTheEnd_overAPrivateSocketThatIsRemovedAfterwards() throws Exception {
        assumeTrue(onPath(GDB), GDB + " is not installed");
        Path sock = dir.resolve("gdb.sock");
        WatchedWriter err = new WatchedWriter();
        CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> Main.run(
                new String[] {"-gdb", "unix:" + sock + ",server=on,wait=off", "-S", "-bios", "none", "-kernel",
                    elf().toString(), "-serial", "none"},
                java.io.InputStream.nullInputStream(), new PrintWriter(new StringWriter(), true), new PrintWriter(err, true)));
        status.whenComplete((r, e) -> err.close());
        err.await(Pattern.compile(Pattern.quote("hvscope: gdb stub listening on unix:" + sock + "\n")), 20_000);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(sock, LinkOption.NOFOLLOW_LINKS)));
        assertEquals(List.of(sock), list(dir), "only the socket: the staging directory is gone");

        String script = String.join("\n",
                "set pagination off", "set confirm off", "set width 0",
                "file " + elf(),
                "target remote " + sock,
                "p/x $pc",
                "stepi",
                "p/x $pc",
                "break _start",
                "continue",
                "p/x $pc",
                "delete",
                "continue", "");
        Path file = Files.createTempFile("hvscope-unix-gdb", ".gdb");
        Files.writeString(file, script);
        Process p = new ProcessBuilder(GDB, "-batch", "-nx", "-x", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "gdb finished");
        Files.deleteIfExists(file);
        assertEquals(0, p.exitValue(), out);
        assertEquals(0, status.get(20, TimeUnit.SECONDS), out + err);
        assertTrue(out.contains("$1 = 0x1000"), out);       // the reset vector
        assertTrue(out.contains("$2 = 0x1004"), out);
        assertTrue(out.contains("$3 = 0x80000000"), out);   // _start, the ELF's entry
        assertTrue(out.contains("[Inferior 1 (process 1) exited normally]"), out);
        assertFalse(Files.exists(sock, LinkOption.NOFOLLOW_LINKS), "the socket file is removed when the stub stops");
    }

    @Test
    void aDirectoryOthersCanWriteTo_isRefused() throws Exception {
        Path open = Files.createDirectory(dir.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        String e = CommandLineTest.error("-gdb", "unix:" + open.resolve("gdb.sock"), "-S", "-bios", "none",
                "-kernel", elf().toString(), "-serial", "none");
        assertTrue(e.contains("is writable by other users"), e);
        assertEquals(List.of(), list(open), "nothing was created there");
    }

    @Test
    void anExistingFile_isRefusedAndLeftAlone() throws Exception {
        Path precious = Files.writeString(dir.resolve("notes.txt"), "keep me");
        String e = CommandLineTest.error("vm", "-gdb", "unix:" + precious, "-S");
        assertTrue(e.contains("exists and is not a socket"), e);
        assertEquals("keep me", Files.readString(precious));
        assertEquals(List.of(precious), list(dir));
    }

    @Test
    void aStaleSocket_isReplaced_aLiveOneIsNot() throws Exception {
        Path sock = dir.resolve("gdb.sock");
        try (ServerSocketChannel live = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            live.bind(UnixDomainSocketAddress.of(sock));
            String e = CommandLineTest.error("-gdb", "unix:" + sock, "-S", "-bios", "none", "-kernel", elf().toString(),
                    "-serial", "none");
            assertTrue(e.contains("another program is listening on this socket"), e);
        }
        assertTrue(Files.exists(sock, LinkOption.NOFOLLOW_LINKS), "a closed server leaves its socket file behind");
        WatchedWriter err = new WatchedWriter();
        CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> Main.run(
                new String[] {"-gdb", "unix:" + sock, "-S", "-bios", "none", "-kernel", elf().toString(), "-serial", "none"},
                java.io.InputStream.nullInputStream(), new PrintWriter(new StringWriter(), true), new PrintWriter(err, true)));
        status.whenComplete((r, e) -> err.close());
        err.await(Pattern.compile(Pattern.quote("listening on unix:" + sock)), 20_000);
        try (java.nio.channels.SocketChannel ch = java.nio.channels.SocketChannel.open(UnixDomainSocketAddress.of(sock))) {
            ch.write(java.nio.ByteBuffer.wrap("$k#6b".getBytes(StandardCharsets.ISO_8859_1)));
            assertEquals(0, status.get(20, TimeUnit.SECONDS));
        }
    }

    private static List<Path> list(Path d) throws Exception {
        try (Stream<Path> s = Files.list(d)) {
            return s.sorted().toList();
        }
    }

    private static boolean onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(d, program))) {
                return true;
            }
        }
        return false;
    }
}
