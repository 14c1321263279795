package dev.hvscope.plugin.dap;

import static dev.hvscope.plugin.dap.DapTestClient.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hvscope.core.debug.FullSystemDebuggee;
import dev.hvscope.core.machine.Bios;
import dev.hvscope.core.machine.MachineConfig;
import dev.hvscope.core.machine.PflashDrive;
import dev.hvscope.core.machine.SerialMode;
import dev.hvscope.core.machine.VirtMachine;
import dev.hvscope.gdb.GdbServer;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.debug.ConfigurationDoneArguments;
import org.eclipse.lsp4j.debug.ContinueArguments;
import org.eclipse.lsp4j.debug.DisconnectArguments;
import org.eclipse.lsp4j.debug.EvaluateArguments;
import org.eclipse.lsp4j.debug.FunctionBreakpoint;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.SetFunctionBreakpointsArguments;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The adapter attached to hvscope's own stub (in-process) on the bare-metal hypervisor example. */
class DebugAdapterHvscopeStubTest {
    private VirtMachine machine;
    private GdbServer server;
    private DapTestClient c;

    @BeforeEach
    void start() throws Exception {
        Path ex = Qemu.examples();
        machine = VirtMachine.create(MachineConfig.builder()
                .bios(Bios.file(ex.resolve("hv-baremetal/hv-passthrough.elf")))
                .pflash(new PflashDrive(1, ex.resolve("pflash/pflash.img"), true))
                .serial(SerialMode.STDIO).build(), null, new ByteArrayOutputStream());
        server = GdbServer.start(new FullSystemDebuggee(machine), "127.0.0.1", 0, null);
        c = new DapTestClient();
        InitializeRequestArguments init = new InitializeRequestArguments();
        init.setAdapterID("hvscope");
        get(c.server.initialize(init));
        Map<String, Object> args = new HashMap<>();
        args.put("port", server.port());
        args.put("elf", ex.resolve("hv-baremetal/hv-passthrough.elf").toString());
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
            machine.close();
        }
    }

    private String evaluate(String expression) throws Exception {
        EvaluateArguments a = new EvaluateArguments();
        a.setExpression(expression);
        a.setContext("repl");
        return get(c.server.evaluate(a)).getResult();
    }

    @Test
    void breakOnTheExitHandler_thenTheGStageWalkShowsThePflashPage() throws Exception {
        FunctionBreakpoint fb = new FunctionBreakpoint();
        fb.setName("hs_trap");
        SetFunctionBreakpointsArguments a = new SetFunctionBreakpointsArguments();
        a.setBreakpoints(new FunctionBreakpoint[] {fb});
        assertTrue(get(c.server.setFunctionBreakpoints(a)).getBreakpoints()[0].isVerified());
        ContinueArguments cont = new ContinueArguments();
        cont.setThreadId(1);
        get(c.server.continue_(cont));
        StoppedEventArguments s = c.nextStop();
        assertEquals("function breakpoint", s.getReason());
        StackTraceArguments st = new StackTraceArguments();
        st.setThreadId(1);
        assertEquals("hs_trap", get(c.server.stackTrace(st)).getStackFrames()[0].getName());
        // The first exit is the guest's load guest-page fault: htval = GPA >> 2, nothing mapped yet.
        assertEquals(0x0880_0000L, Long.parseUnsignedLong(evaluate("$htval").split(" ")[0].replace("0x", ""), 16));
        String walk = evaluate("monitor hv gstage walk 0x22000000");
        assertTrue(walk.contains("0x22000000"), walk);

        // The exit log scope (hvscope's qXfer view), latest first: the nested page fault at GPA 0x22000000.
        org.eclipse.lsp4j.debug.ScopesArguments sa = new org.eclipse.lsp4j.debug.ScopesArguments();
        sa.setFrameId(get(c.server.stackTrace(st)).getStackFrames()[0].getId());
        org.eclipse.lsp4j.debug.Scope log = java.util.Arrays.stream(get(c.server.scopes(sa)).getScopes())
                .filter(x -> x.getName().equals("VM exit log")).findFirst().orElseThrow();
        org.eclipse.lsp4j.debug.VariablesArguments va = new org.eclipse.lsp4j.debug.VariablesArguments();
        va.setVariablesReference(log.getVariablesReference());
        org.eclipse.lsp4j.debug.Variable[] exits = get(c.server.variables(va)).getVariables();
        assertEquals("total", exits[0].getName());
        assertEquals("1", exits[0].getValue());
        assertTrue(exits[1].getValue().startsWith("npf cause 21") && exits[1].getValue().contains("gpa 0x22000000"),
                exits[1].getValue());
    }
}
