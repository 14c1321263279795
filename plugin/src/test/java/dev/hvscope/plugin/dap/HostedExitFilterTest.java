package dev.hvscope.plugin.dap;

import static dev.hvscope.plugin.dap.DapTestClient.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hvscope.core.debug.HostedDebuggee;
import dev.hvscope.core.hv.HostedMachine;
import dev.hvscope.core.hv.MappingFlags;
import dev.hvscope.core.hv.PflashMode;
import dev.hvscope.core.hv.Vm;
import dev.hvscope.core.hv.VmSpec;
import dev.hvscope.gdb.GdbServer;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.debug.ConfigurationDoneArguments;
import org.eclipse.lsp4j.debug.ContinueArguments;
import org.eclipse.lsp4j.debug.DisconnectArguments;
import org.eclipse.lsp4j.debug.ExceptionFilterOptions;
import org.eclipse.lsp4j.debug.ExceptionInfoArguments;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.SetExceptionBreakpointsArguments;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.StoppedEventArgumentsReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** VM exit filters on a hosted VM: no trap vector to break on, so the adapter arms the stub's {@code hv catch}. */
class HostedExitFilterTest {
    private HostedMachine host;
    private GdbServer server;
    private DapTestClient c;

    @BeforeEach
    void start() throws Exception {
        Path ex = Qemu.examples();
        VmSpec spec = new VmSpec("pflash-demo", 1, 0x8020_0000L, ex.resolve("pflash-guest/pflash-guest.elf"),
                0x8020_0000L, 0,
                List.of(new VmSpec.MemoryRegion(0x8000_0000L, 16L << 20, MappingFlags.RWXU, VmSpec.MapKind.ALLOC)),
                List.of(), List.of(),
                new VmSpec.Pflash(0x2200_0000L, 0x200_0000L, Vm.BOARD_PFLASH1, PflashMode.PASSTHROUGH,
                        ex.resolve("pflash/pflash.img"), ex.resolve("pflash/pflash-emulate.img")));
        host = HostedMachine.create(spec, new ByteArrayOutputStream(), null);
        server = GdbServer.start(new HostedDebuggee(host), "127.0.0.1", 0, null);
        c = new DapTestClient();
        InitializeRequestArguments init = new InitializeRequestArguments();
        init.setAdapterID("hvscope");
        get(c.server.initialize(init));
        Map<String, Object> args = new HashMap<>();
        args.put("port", server.port());
        args.put("program", ex.resolve("pflash-guest/pflash-guest.elf").toString());
        get(c.server.attach(args));
        c.initialized.poll(10, TimeUnit.SECONDS);
        get(c.server.configurationDone(new ConfigurationDoneArguments()));
        c.nextStop();
    }

    @AfterEach
    void stop() throws Exception {
        try {
            get(c.server.disconnect(new DisconnectArguments()));
        } finally {
            c.close();
            server.close();
        }
    }

    private void filter(String condition) throws Exception {
        ExceptionFilterOptions o = new ExceptionFilterOptions();
        o.setFilterId("nested-page-fault");
        o.setCondition(condition);
        SetExceptionBreakpointsArguments a = new SetExceptionBreakpointsArguments();
        a.setFilters(new String[0]);
        a.setFilterOptions(new ExceptionFilterOptions[] {o});
        get(c.server.setExceptionBreakpoints(a));
    }

    private void resume() throws Exception {
        ContinueArguments cont = new ContinueArguments();
        cont.setThreadId(1);
        get(c.server.continue_(cont));
    }

    @Test
    void nestedPageFaultFilter_stopsAtTheGuestsPflashLoad_beforeTheExitIsHandled() throws Exception {
        filter(null);
        resume();
        StoppedEventArguments s = c.nextStop();
        assertEquals(StoppedEventArgumentsReason.EXCEPTION, s.getReason());
        assertEquals("VM exit: nested page fault (scause 21, GPA 0x22000000)", s.getDescription());
        ExceptionInfoArguments ia = new ExceptionInfoArguments();
        ia.setThreadId(1);
        assertTrue(get(c.server.exceptionInfo(ia)).getDescription().contains("GPA 0x22000000"));
        // held unhandled: the program's symbols name the faulting load
        String frame = get(c.server.stackTrace(stackTrace())).getStackFrames()[0].getName();
        assertTrue(frame.startsWith("dev_read32"), frame);
    }

    @Test
    void nestedPageFaultFilter_outsideItsRange_runsOn() throws Exception {
        filter("0x30000000..0x30001000");
        resume();
        assertNotNull(c.terminated.poll(30, TimeUnit.SECONDS), "the guest ran to its end");
        assertNull(c.stopped.poll());
    }

    private static org.eclipse.lsp4j.debug.StackTraceArguments stackTrace() {
        org.eclipse.lsp4j.debug.StackTraceArguments st = new org.eclipse.lsp4j.debug.StackTraceArguments();
        st.setThreadId(1);
        return st;
    }
}
