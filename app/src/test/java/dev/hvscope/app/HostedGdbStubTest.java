package dev.hvscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code hvscope vm -gdb tcp:127.0.0.1:0 -S} on the default pflash demo, driven over a raw socket:
 * the nested page fault of the guest's first pflash read is caught before the hypervisor serves
 * it, the pflash mode is switched live, and the guest then reads the emulate payload.
 */
class HostedGdbStubTest {
    @Test
    void caughtNestedPageFault_stopsAtTheLoad_beforeThePflashPolicyMapsIt() throws Exception {
        try (HostedVmSession vm = new HostedVmSession()) {
            vm.connect();
            assertEquals("T05thread:p01.01;", vm.request("?"));
            vm.monitor("hv catch nested_page_fault");
            assertEquals("T05thread:p01.01;hvexit:npf;", vm.request("c"));

            // The guest's pc (reg 32) is the faulting load, read through the guest's own context.
            long pc = HostedVmSession.littleEndian(vm.request("p20"));
            String exits = vm.monitor("hv exits");
            assertTrue(exits.contains("npf") && exits.contains("gpa=0x22000000")
                    && exits.contains("pc=0x" + Long.toHexString(pc)), exits);
            long insn = HostedVmSession.littleEndian(vm.request("m" + Long.toHexString(pc) + ",4"));
            boolean load = (insn & 3) == 3 ? (insn & 0x7f) == 0x03
                    : (insn & 3) == 0 && (((insn >> 13) & 7) == 2 || ((insn >> 13) & 7) == 3);
            assertTrue(load, "not a load at the stop pc: " + Long.toHexString(insn));

            String walk = vm.monitor("hv gstage walk 0x22000000");
            assertTrue(walk.contains("FAULT"), walk);
            assertTrue(vm.monitor("pflash").contains("passthrough"));
            assertTrue(vm.monitor("pflash emulate").contains("emulate"));
            assertTrue(vm.monitor("pflash").contains("emulate"));

            vm.monitor("hv catch none");
            assertEquals("W00", vm.request("c"));
            assertEquals(0, vm.status.get(20, TimeUnit.SECONDS));
            String out = vm.out.toString();
            assertTrue(out.contains("pflash payload: emulated by hvscope from pflash-emulate.img"), out);
            Matcher m = Pattern.compile("hvscope vm: system down \\(shutdown\\); (\\d+) exits: .*pflash emulate")
                    .matcher(out);
            assertTrue(m.find(), out);
        }
    }

    @Test
    void everyExitIsLogged_andSbiCallsAreCatchable() throws Exception {
        try (HostedVmSession vm = new HostedVmSession()) {
            vm.connect();
            vm.monitor("hv catch sbi");
            assertEquals("T05thread:p01.01;hvexit:sbi;", vm.request("c"));
            String exits = vm.monitor("hv exits");
            assertTrue(exits.contains(" sbi cause=10 VS->HS"), exits);
            // A step handles the held exit first, then executes one guest instruction.
            String step = vm.request("vCont;s:p1.1");
            assertTrue(step.startsWith("T05thread:p01.01;"), step);
            vm.monitor("hv catch none");
            assertEquals("W00", vm.request("c"));
            assertEquals(0, vm.status.get(20, TimeUnit.SECONDS));
            String all = vm.out.toString();
            Matcher m = Pattern.compile("(\\d+) exits: ").matcher(all);
            assertTrue(m.find(), all);
        }
    }
}
