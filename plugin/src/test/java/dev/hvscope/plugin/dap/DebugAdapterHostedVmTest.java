package dev.hvscope.plugin.dap;

import static dev.hvscope.plugin.dap.DapTestClient.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hvscope.core.debug.HostedDebuggee;
import dev.hvscope.core.hv.HostedMachine;
import dev.hvscope.core.hv.MappingFlags;
import dev.hvscope.core.hv.PflashMode;
import dev.hvscope.core.hv.Vm;
import dev.hvscope.core.hv.VmSpec;
import dev.hvscope.gdb.GdbServer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.debug.ConfigurationDoneArguments;
import org.eclipse.lsp4j.debug.ContinueArguments;
import org.eclipse.lsp4j.debug.DisconnectArguments;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.Scope;
import org.eclipse.lsp4j.debug.ScopesArguments;
import org.eclipse.lsp4j.debug.SetVariableArguments;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.debug.Variable;
import org.eclipse.lsp4j.debug.VariablesArguments;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The adapter attached to hvscope's stub on a hosted VM (the pflash demo): the pflash mode is a variable. */
class DebugAdapterHostedVmTest {
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
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
        host = HostedMachine.create(spec, console, null);
        server = GdbServer.start(new HostedDebuggee(host), "127.0.0.1", 0, null);
        c = new DapTestClient();
        InitializeRequestArguments init = new InitializeRequestArguments();
        init.setAdapterID("hvscope");
        get(c.server.initialize(init));
        Map<String, Object> args = new HashMap<>();
        args.put("port", server.port());
        args.put("elf", ex.resolve("pflash-guest/pflash-guest.elf").toString());
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

    @Test
    void pflashModeVariable_switchesTheLiveVmToEmulation() throws Exception {
        StackTraceArguments st = new StackTraceArguments();
        st.setThreadId(1);
        ScopesArguments sa = new ScopesArguments();
        sa.setFrameId(get(c.server.stackTrace(st)).getStackFrames()[0].getId());
        Scope pflash = Arrays.stream(get(c.server.scopes(sa)).getScopes())
                .filter(s -> s.getName().equals("pflash")).findFirst().orElseThrow();
        VariablesArguments va = new VariablesArguments();
        va.setVariablesReference(pflash.getVariablesReference());
        Variable mode = get(c.server.variables(va)).getVariables()[0];
        assertEquals("mode", mode.getName());
        assertEquals("passthrough", mode.getValue());

        SetVariableArguments set = new SetVariableArguments();
        set.setVariablesReference(pflash.getVariablesReference());
        set.setName("mode");
        set.setValue("emulate");
        assertEquals("emulate", get(c.server.setVariable(set)).getValue());

        ContinueArguments cont = new ContinueArguments();
        cont.setThreadId(1);
        get(c.server.continue_(cont));
        c.terminated.poll(30, TimeUnit.SECONDS);
        String out = console.toString(StandardCharsets.ISO_8859_1);
        assertTrue(out.contains("pflash payload: emulated by hvscope from pflash-emulate.img"), out);
    }
}
