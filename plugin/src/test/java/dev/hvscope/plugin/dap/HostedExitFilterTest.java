package dev.hvscope.plugin.dap;

import static dev.hvscope.plugin.dap.DapTestClient.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.debug.ExceptionInfoArguments;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.StoppedEventArgumentsReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** VM exit filters on a hosted VM: no trap vector to break on, so the adapter arms the stub's {@code hv catch}. */
class HostedExitFilterTest {
    private HostedDapSession vm;
    private DapTestClient c;

    @BeforeEach
    void start() throws Exception {
        vm = HostedDapSession.start();
        c = vm.c;
        vm.initialize();
        vm.attachAtEntry("program");
    }

    @AfterEach
    void stop() throws Exception {
        vm.close();
    }

    private void filter(String condition) throws Exception {
        vm.exceptionFilter("nested-page-fault", condition);
    }

    @Test
    void nestedPageFaultFilter_stopsAtTheGuestsPflashLoad_beforeTheExitIsHandled() throws Exception {
        filter(null);
        vm.continueRun();
        StoppedEventArguments s = c.nextStop();
        assertEquals(StoppedEventArgumentsReason.EXCEPTION, s.getReason());
        assertEquals("VM exit: nested page fault (scause 21, GPA 0x22000000)", s.getDescription());
        ExceptionInfoArguments ia = new ExceptionInfoArguments();
        ia.setThreadId(1);
        assertTrue(get(c.server.exceptionInfo(ia)).getDescription().contains("GPA 0x22000000"));
        // held unhandled: the program's symbols name the faulting load
        String frame = vm.frame().getName();
        assertTrue(frame.startsWith("dev_read32"), frame);
    }

    @Test
    void nestedPageFaultFilter_outsideItsRange_runsOn() throws Exception {
        filter("0x30000000..0x30001000");
        vm.continueRun();
        assertNotNull(c.terminated.poll(30, TimeUnit.SECONDS), "the guest ran to its end");
        assertNull(c.stopped.poll());
    }
}
