package dev.hvscope.plugin.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.Variable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The adapter attached to hvscope's own stub (in-process) on the bare-metal hypervisor example. */
class DebugAdapterHvscopeStubTest {
    private DapSession s;

    @BeforeEach
    void start() throws Exception {
        Path ex = Qemu.examples();
        s = DapSession.onHypervisorExample();
        s.initialize();
        s.attach(Map.of("elf", ex.resolve("hv-baremetal/hv-passthrough.elf").toString()));
        s.configurationDone();
    }

    @AfterEach
    void stop() throws Exception {
        s.close();
    }

    @Test
    void breakOnTheExitHandler_thenTheGStageWalkShowsThePflashPage() throws Exception {
        assertTrue(s.functionBreakpoint("hs_trap", null).getBreakpoints()[0].isVerified());
        StoppedEventArguments stop = s.continueToStop();
        assertEquals("function breakpoint", stop.getReason());
        assertEquals("hs_trap", s.frame().getName());
        // The first exit is the guest's load guest-page fault: htval = GPA >> 2, nothing mapped yet.
        assertEquals(0x0880_0000L, Long.parseUnsignedLong(s.evaluate("$htval").split(" ")[0].replace("0x", ""), 16));
        String walk = s.evaluate("monitor hv gstage walk 0x22000000");
        assertTrue(walk.contains("0x22000000"), walk);

        // The exit log scope (hvscope's qXfer view), latest first: the nested page fault at GPA 0x22000000.
        Variable[] exits = s.variables(s.scope("VM exit log").getVariablesReference());
        assertEquals("total", exits[0].getName());
        assertEquals("1", exits[0].getValue());
        assertTrue(exits[1].getValue().startsWith("npf cause 21") && exits[1].getValue().contains("gpa 0x22000000"),
                exits[1].getValue());
    }
}
