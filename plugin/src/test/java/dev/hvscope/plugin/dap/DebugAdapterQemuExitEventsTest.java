package dev.hvscope.plugin.dap;

import static dev.hvscope.plugin.dap.DapTestClient.error;
import static dev.hvscope.plugin.dap.DapTestClient.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hvscope/ requests against QEMU's stub (the bare-metal hypervisor running the pflash guest):
 * exit events through the trap vectors, tables walked on the client, no exit log.
 */
class DebugAdapterQemuExitEventsTest {
    private static final Path HV = Qemu.examples().resolve("hv-baremetal/hv-passthrough.elf");

    @TempDir
    Path tmp;
    private DapSession s;
    private DapTestClient c;

    @BeforeEach
    void start() throws Exception {
        Assumptions.assumeTrue(Qemu.installed(), "qemu-system-riscv64 is not installed");
        s = new DapSession();
        c = s.c;
        s.initialize();
        s.launch(Qemu.hypervisor(HV, Qemu.pflash32(tmp)), HV);
        s.configurationDone();
    }

    @AfterEach
    void stop() throws Exception {
        if (s != null) {
            s.close();
        }
    }

    @Test
    void subscribedNestedPageFault_overTheTrapVectors_sendsTheEvent_andTheGuestRunsOn() throws Exception {
        assertTrue(error(c.server.exitLog(new ExitLogArguments())).contains("needs hvscope's stub"));
        // stvec is set by hv_main just before it builds the G-stage (gstage_next): stop there first
        s.functionBreakpoint("gstage_next", null);
        s.continueToStop();
        s.clearFunctionBreakpoints();

        SubscribeExitsArguments sub = new SubscribeExitsArguments();
        sub.kinds = new String[] {"nested-page-fault"};
        assertEquals("trap-vectors", get(c.server.subscribeExits(sub)).via);
        TableArguments t = new TableArguments();
        t.space = "gstage";
        t.count = 2;
        TableResult g = get(c.server.table(t));
        assertEquals("client", g.source);
        assertEquals("bare", g.mode, "the G-stage is built after gstage_next");
        assertEquals(0, g.leaves.length);

        s.continueRun();
        VmExitEventArguments e = c.vmExits.poll(30, TimeUnit.SECONDS);
        assertNotNull(e, "a hvscope/vmExit event");
        assertEquals("nested-page-fault", e.kind);
        assertEquals(21, e.cause);
        assertEquals("0x22000000", e.gpa);
        assertEquals("0x8800000", e.htval);
        assertEquals("0x80200044", e.pc);
        assertEquals(null, e.entry);
        long deadline = System.currentTimeMillis() + 30_000;
        StringBuilder out = new StringBuilder();
        while (!out.toString().contains("pflash payload") && System.currentTimeMillis() < deadline) {
            String o = c.output.poll(1, TimeUnit.SECONDS);
            if (o != null) {
                out.append(o);
            }
        }
        assertTrue(out.toString().contains("pflash payload"), out.toString());
        assertTrue(c.stopped.isEmpty(), "no stop: " + c.stopped);
    }
}
