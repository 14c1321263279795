package dev.hvscope.plugin.dap;

import static dev.hvscope.plugin.dap.DapTestClient.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hvscope.core.debug.HostedDebuggee;
import dev.hvscope.core.hv.HostedMachine;
import dev.hvscope.gdb.GdbServer;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** attach {@code {socket: PATH}}: the adapter drives a stub started with {@code -gdb unix:PATH}. */
class AttachUnixSocketTest {
    @TempDir
    Path dir;

    @Test
    void attachToASocketPath_drivesTheStub() throws Exception {
        Path socket = dir.resolve("gdb.sock");
        try (HostedMachine host = HostedMachine.create(
                    HostedDapSession.pflashDemo(HostedDapSession.GUEST, HostedDapSession.PFLASH_WINDOW),
                    OutputStream.nullOutputStream(), null);
                GdbServer stub = GdbServer.startUnix(new HostedDebuggee(host), socket, null);
                DapSession s = new DapSession(DapTestClient.testPolicy())) {
            s.initialize();
            get(s.c.server.attach(Map.of("socket", socket.toString(), "elf", HostedDapSession.GUEST.toString())));
            assertEquals(Boolean.TRUE, s.c.initialized.poll(10, TimeUnit.SECONDS), "no initialized event");
            StoppedEventArguments stop = s.configurationDone();
            assertEquals("entry", stop.getReason());
            assertTrue(stub.connected());
            assertTrue(s.c.output.stream().anyMatch(o -> o.contains("connected to the RSP stub at unix:" + socket)),
                    s.c.output.toString());
        }
        assertFalse(Files.exists(socket), "the stub removed its socket when it closed");
    }
}
