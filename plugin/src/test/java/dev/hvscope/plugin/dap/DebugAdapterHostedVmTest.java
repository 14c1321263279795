package dev.hvscope.plugin.dap;

import static dev.hvscope.plugin.dap.DapTestClient.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.debug.Scope;
import org.eclipse.lsp4j.debug.SetVariableArguments;
import org.eclipse.lsp4j.debug.Variable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The adapter attached to hvscope's stub on a hosted VM (the pflash demo): the pflash mode is a variable. */
class DebugAdapterHostedVmTest {
    private HostedDapSession vm;
    private DapTestClient c;

    @BeforeEach
    void start() throws Exception {
        vm = HostedDapSession.start();
        c = vm.c;
        vm.initialize();
        vm.attachAtEntry("elf");
    }

    @AfterEach
    void stop() throws Exception {
        vm.close();
    }

    @Test
    void pflashModeVariable_switchesTheLiveVmToEmulation() throws Exception {
        Scope pflash = vm.scope("pflash");
        Variable mode = vm.variables(pflash.getVariablesReference())[0];
        assertEquals("mode", mode.getName());
        assertEquals("passthrough", mode.getValue());

        SetVariableArguments set = new SetVariableArguments();
        set.setVariablesReference(pflash.getVariablesReference());
        set.setName("mode");
        set.setValue("emulate");
        assertEquals("emulate", get(c.server.setVariable(set)).getValue());

        vm.continueRun();
        c.terminated.poll(30, TimeUnit.SECONDS);
        String out = vm.consoleText();
        assertTrue(out.contains("pflash payload: emulated by hvscope from pflash-emulate.img"), out);
    }
}
