package dev.hvscope.plugin.dap;

import static dev.hvscope.plugin.dap.DapSession.named;
import static dev.hvscope.plugin.dap.DapTestClient.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hvscope.core.machine.ElfImage;
import dev.hvscope.core.machine.ElfLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.debug.EvaluateArguments;
import org.eclipse.lsp4j.debug.EvaluateResponse;
import org.eclipse.lsp4j.debug.FunctionBreakpoint;
import org.eclipse.lsp4j.debug.SetFunctionBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetVariableArguments;
import org.eclipse.lsp4j.debug.Variable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Globals scope and evaluate of DWARF globals on the bare-metal hypervisor example (built
 * -O2 -g) under hvscope's own stub: exit_count counts VM exits, the guest's register file is a
 * struct, the G-stage root an array of 2048 entries.
 */
class DebugAdapterGlobalsTest {
    private static final Path HV = Qemu.examples().resolve("hv-baremetal/hv-passthrough.elf");
    private DapSession s;

    @BeforeEach
    void start() throws Exception {
        s = DapSession.onHypervisorExample();
        s.initialize();
    }

    /** Attaches with the hypervisor's ELF only, stopping in hs_trap. */
    private void attachHost() throws Exception {
        s.attach(Map.of("elf", HV.toString()));
        s.configurationDone();
        s.functionBreakpoint("hs_trap", null);
    }

    @AfterEach
    void stop() throws Exception {
        s.close();
    }

    private Variable[] globals() throws Exception {
        return s.variables(s.scope("Globals").getVariablesReference());
    }

    private EvaluateResponse evaluate(String expression) throws Exception {
        EvaluateArguments a = new EvaluateArguments();
        a.setExpression(expression);
        a.setContext("watch");
        return get(s.c.server.evaluate(a));
    }

    @Test
    void exitCount_isTypedAndCountsTheExits() throws Exception {
        ElfImage elf = ElfLoader.read(HV);
        attachHost();
        s.continueToStop(); // hs_trap on the first exit: not counted yet
        Variable count = named(globals(), "exit_count");
        assertEquals("0", count.getValue());
        assertEquals("long unsigned int", count.getType());
        assertEquals("exit_count", count.getEvaluateName());
        assertEquals(Addresses.hex(elf.address("exit_count").getAsLong()), count.getMemoryReference());
        assertEquals("0 '\\000'", named(globals(), "pflash_mode").getValue(), "uint8_t is an unsigned char, as gdb shows it");

        s.continueToStop(); // the second exit
        assertEquals("1", named(globals(), "exit_count").getValue());
        EvaluateResponse e = evaluate("exit_count");
        assertEquals("1", e.getResult());
        assertEquals(count.getMemoryReference(), e.getMemoryReference());
        // *name on a non-pointer keeps its old meaning: a 64-bit load at the symbol
        assertTrue(s.evaluate("*exit_count").startsWith("0x0000000000000001"), s.evaluate("*exit_count"));

        SetVariableArguments set = new SetVariableArguments();
        set.setVariablesReference(s.scope("Globals").getVariablesReference());
        set.setName("exit_count");
        set.setValue("41");
        assertEquals("41", get(s.c.server.setVariable(set)).getValue());
        assertEquals("41", evaluate("exit_count").getResult());
    }

    @Test
    void structAndArrayGlobals_expand_andEvaluateByMemberAndIndex() throws Exception {
        ElfImage elf = ElfLoader.read(HV);
        attachHost();
        s.continueToStop();
        Variable guest = named(globals(), "guest");
        assertEquals("struct guest_ctx", guest.getType());
        assertEquals("{...}", guest.getValue());
        Variable[] members = s.variables(guest.getVariablesReference());
        assertEquals("x", members[0].getName());
        assertEquals("hv_sp", members[1].getName());
        // main set hv_sp to the hypervisor's stack top before entering the guest
        long stackTop = elf.address("hs_stack_top").getAsLong();
        assertEquals(Long.toUnsignedString(stackTop), members[1].getValue());
        assertEquals(Long.toUnsignedString(stackTop), evaluate("guest.hv_sp").getResult());
        assertEquals("guest.hv_sp", members[1].getEvaluateName());
        assertEquals(32, members[0].getIndexedVariables());
        Variable[] x = s.variables(members[0].getVariablesReference(), 10, 2);
        assertEquals("[10]", x[0].getName());
        assertEquals("guest.x[10]", x[0].getEvaluateName());
        assertEquals(x[0].getValue(), evaluate("guest.x[10]").getResult());
        SetVariableArguments set = new SetVariableArguments();
        set.setVariablesReference(members[0].getVariablesReference());
        set.setName("[10]");
        set.setValue("0x1234");
        assertEquals("4660", get(s.c.server.setVariable(set)).getValue());
        assertEquals("4660", evaluate("guest.x[10]").getResult());
        set.setVariablesReference(guest.getVariablesReference());
        set.setName("hv_sp");
        set.setValue("-1");
        assertEquals("18446744073709551615", get(s.c.server.setVariable(set)).getValue(), "uint64_t reads back unsigned");

        Variable root = named(globals(), "gstage_root");
        assertEquals("[2048]", root.getValue());
        assertEquals(2048, root.getIndexedVariables());
        long rootAddr = elf.address("gstage_root").getAsLong();
        Variable[] page = s.variables(root.getVariablesReference(), 2, 2);
        assertEquals("[2]", page[0].getName());
        assertEquals(Addresses.hex(rootAddr + 16), page[0].getMemoryReference());
        assertTrue(!page[0].getValue().equals("0"), "RAM at GPA 0x80000000 is mapped from root entry 2");
        assertEquals(page[0].getValue(), evaluate("gstage_root[2]").getResult());
        assertEquals(s.variables(root.getVariablesReference(), 0, 1)[0].getValue(), evaluate("*gstage_root").getResult(),
                "*array is its first element");

        EvaluateResponse whole = evaluate("guest");
        assertTrue(whole.getVariablesReference() > 0);
        assertEquals(2, s.variables(whole.getVariablesReference()).length);
        assertThrows(Exception.class, () -> evaluate("guest.nope"));
    }

    @Test
    void withBothSpaces_theGuestsGlobalsShowAtV1_readThroughItsTranslation() throws Exception {
        Path guestElf = Qemu.examples().resolve("pflash-guest/pflash-guest.elf");
        s.attach(Map.of("elf", List.of(Map.of("path", guestElf.toString(), "space", "guest"),
                Map.of("path", HV.toString(), "space", "host"))));
        s.configurationDone();
        FunctionBreakpoint load = new FunctionBreakpoint();
        load.setName("dev_read32_load");
        FunctionBreakpoint trap = new FunctionBreakpoint();
        trap.setName("hs_trap");
        SetFunctionBreakpointsArguments a = new SetFunctionBreakpointsArguments();
        a.setBreakpoints(new FunctionBreakpoint[] {load, trap});
        get(s.c.server.setFunctionBreakpoints(a));

        s.continueToStop(); // the guest's pflash load, V=1, after kernel_remap built kernel_pt
        assertEquals("dev_read32_load", s.frame().getName());
        Variable[] atGuest = globals();
        Variable kernelPt = named(atGuest, "kernel_pt");
        assertTrue(Arrays.stream(atGuest).noneMatch(v -> v.getName().equals("exit_count")), "host globals apply at V=0");
        // kernel_pt[2] = leaf_1g(0x80000000): the guest's RAM seen through vsatp and the G-stage
        Variable entry = s.variables(kernelPt.getVariablesReference(), 2, 1)[0];
        assertEquals(Long.toUnsignedString((0x8000_0000L >> 12 << 10) | 0xef), entry.getValue());
        assertEquals(entry.getValue(), evaluate("kernel_pt[2]").getResult());

        s.continueToStop(); // the load's guest-page fault: hs_trap at V=0
        assertEquals("hs_trap", s.frame().getName());
        Variable[] atHost = globals();
        assertEquals("0", named(atHost, "exit_count").getValue());
        assertTrue(Arrays.stream(atHost).noneMatch(v -> v.getName().equals("kernel_pt")), "guest globals apply at V=1");
    }

    @Test
    void conditionsReadGlobalsAsC_typedByValue_addressesWithAmpersand() throws Exception {
        ElfImage elf = ElfLoader.read(HV);
        s.attach(Map.of("elf", HV.toString()));
        s.configurationDone();
        // exit_count is incremented in hs_trap: it reads 2 at the third exit
        s.functionBreakpoint("hs_trap", "exit_count == 2 && pflash_mode == 0");
        s.continueToStop();
        assertEquals("2", evaluate("exit_count").getResult());
        long count = Long.decode(evaluate("exit_count + 0").getResult().split(" ")[0]);
        assertEquals(2, count, "a scalar global is its value in expressions");
        assertEquals(elf.address("exit_count").getAsLong(),
                Long.decode(evaluate("&exit_count").getResult().split(" ")[0]), "&g is its address");
        assertEquals(2, Long.decode(evaluate("*exit_count + 0").getResult().split(" ")[0]),
                "*g of a non-pointer reads g, as *symbol did");
        assertEquals(elf.address("hs_stack_top").getAsLong(),
                Long.decode(evaluate("guest.hv_sp + 0").getResult().split(" ")[0]), "members in expressions");
        assertEquals(elf.address("gstage_root").getAsLong(),
                Long.decode(evaluate("gstage_root + 0").getResult().split(" ")[0]), "an array is its address");
        assertEquals(1, Long.decode(evaluate("(gstage_root[0] & 1) == 1").getResult().split(" ")[0]),
                "elements in expressions (the root's first entry is valid)");
    }
}
