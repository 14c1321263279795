package dev.hvscope.plugin.rspclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The RSP client against QEMU's gdbstub, a real peer (skipped without QEMU). */
class RspClientQemuTest {
    private Process qemu;
    private RspClient rsp;

    static boolean qemuInstalled() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "qemu-system-riscv64"))) {
                return true;
            }
        }
        return false;
    }

    @BeforeEach
    void start() throws Exception {
        Assumptions.assumeTrue(qemuInstalled(), "qemu-system-riscv64 is not installed");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path elf = elf();
        qemu = new ProcessBuilder(List.of("qemu-system-riscv64", "-machine", "virt", "-cpu", "rv64", "-m", "128M",
                "-nographic", "-bios", "none", "-kernel", elf.toString(), "-S", "-gdb", "tcp:127.0.0.1:" + port))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            try {
                rsp = RspClient.connect("127.0.0.1", port);
                break;
            } catch (RspException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    static Path elf() {
        return Path.of(System.getProperty("hvscope.examples", "../examples"), "tests/test_rv64i_alu.elf");
    }

    @AfterEach
    void stop() throws Exception {
        if (rsp != null) {
            rsp.close();
        }
        if (qemu != null) {
            qemu.destroy();
            qemu.waitFor();
        }
    }

    @Test
    void handshake_readsTargetDescriptionWithRegisterNumbers() {
        assertEquals("1000", rsp.features().get("PacketSize"));
        TargetDescription d = rsp.registers().description();
        assertEquals("riscv:rv64", d.architecture());
        assertEquals(32, d.get("pc").regnum());
        assertEquals(0, d.get("zero").regnum());
        assertEquals(33, d.get("ft0").regnum());
        assertTrue(d.get("satp").regnum() > d.get("ft0").regnum());
        assertEquals("org.gnu.gdb.riscv.csr", d.get("satp").feature());
        assertNotNull(d.get("hgatp"), "QEMU's rv64 has the H extension CSRs");
    }

    @Test
    void registersAndMemory_atReset() {
        // QEMU's virt board resets into its ROM at 0x1000, which jumps to 0x80000000
        assertEquals(0x1000L, rsp.registers().read("pc"));
        assertEquals(0x1000L, rsp.registers().readGeneral()[32]);
        rsp.registers().write("t0", 0x1234);
        assertEquals(0x1234, rsp.registers().read("t0"));
        byte[] big = rsp.memory().read(0x80000000L, 10_000); // more than one packet
        assertEquals(10_000, big.length);
        assertEquals(rsp.memory().read64(0x80000000L) & 0xff, big[0] & 0xff);
        rsp.memory().write(0x80100000L, new byte[] {1, 2, 3});
        assertEquals(0x030201, rsp.memory().read64(0x80100000L) & 0xffffff);
    }

    @Test
    void breakpointStepAndInterrupt() {
        assertEquals(List.of(1L), rsp.threads().list());
        StopReply initial = rsp.run().haltReason();
        assertEquals(StopReply.SIGTRAP, initial.signal());
        rsp.run().step(1);
        StopReply step = rsp.run().awaitStop(10_000);
        assertEquals(1, step.threadId());
        long pc = rsp.registers().read("pc");
        assertEquals(0x1004L, pc);
        long main = dev.hvscope.core.machine.ElfLoader.read(elf()).address("main").getAsLong();
        rsp.breakpoints().insert(BreakpointKind.SOFTWARE, main, 4);
        rsp.run().resume();
        StopReply hit = rsp.run().awaitStop(10_000);
        assertEquals(StopReply.SIGTRAP, hit.signal());
        assertEquals(main, rsp.registers().read("pc"));
        rsp.breakpoints().remove(BreakpointKind.SOFTWARE, main, 4);
    }

    @Test
    void monitorAndPhysicalMemoryMode() {
        String out = rsp.monitor().run("info registers");
        assertTrue(out.contains("pc"), out);
        assertTrue(rsp.qemu().hasPhysicalMemoryMode());
        rsp.qemu().setPhysical(true);
        long phys = rsp.memory().read64(0x80000000L);
        rsp.qemu().setPhysical(false);
        assertEquals(rsp.memory().read64(0x80000000L), phys);
    }
}
