package dev.hvscope.plugin.dap;

import static dev.hvscope.plugin.dap.DapTestClient.error;
import static dev.hvscope.plugin.dap.DapTestClient.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.debug.ConfigurationDoneArguments;
import org.eclipse.lsp4j.debug.ContinueArguments;
import org.eclipse.lsp4j.debug.DisconnectArguments;
import org.eclipse.lsp4j.debug.FunctionBreakpoint;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.SetFunctionBreakpointsArguments;
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
    private DapTestClient c;

    @BeforeEach
    void start() throws Exception {
        Assumptions.assumeTrue(Qemu.installed(), "qemu-system-riscv64 is not installed");
        c = new DapTestClient();
        InitializeRequestArguments init = new InitializeRequestArguments();
        init.setAdapterID("hvscope");
        get(c.server.initialize(init));
        Map<String, Object> args = new HashMap<>();
        args.put("command", Qemu.hypervisor(HV, Qemu.pflash32(tmp)));
        args.put("elf", HV.toString());
        get(c.server.launch(args));
        c.initialized.poll(10, TimeUnit.SECONDS);
        get(c.server.configurationDone(new ConfigurationDoneArguments()));
        c.nextStop();
    }

    @AfterEach
    void stop() throws Exception {
        if (c != null) {
            try {
                get(c.server.disconnect(new DisconnectArguments()));
            } finally {
                c.close();
            }
        }
    }

    private void continueRun() throws Exception {
        ContinueArguments cont = new ContinueArguments();
        cont.setThreadId(1);
        get(c.server.continue_(cont));
    }

    @Test
    void subscribedNestedPageFault_overTheTrapVectors_sendsTheEvent_andTheGuestRunsOn() throws Exception {
        assertTrue(error(c.server.exitLog(new ExitLogArguments())).contains("needs hvscope's stub"));
        // stvec is set by hv_main just before it builds the G-stage (gstage_next): stop there first
        FunctionBreakpoint fb = new FunctionBreakpoint();
        fb.setName("gstage_next");
        SetFunctionBreakpointsArguments a = new SetFunctionBreakpointsArguments();
        a.setBreakpoints(new FunctionBreakpoint[] {fb});
        get(c.server.setFunctionBreakpoints(a));
        continueRun();
        c.nextStop();
        a.setBreakpoints(new FunctionBreakpoint[0]);
        get(c.server.setFunctionBreakpoints(a));

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

        continueRun();
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
