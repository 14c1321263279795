package dev.hvscope.plugin.dap;

import static dev.hvscope.plugin.dap.DapSession.named;
import static dev.hvscope.plugin.dap.DapTestClient.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hvscope.core.machine.ElfLoader;
import dev.hvscope.plugin.dwarf.CodeScope;
import dev.hvscope.plugin.dwarf.DebugInfo;
import dev.hvscope.plugin.dwarf.DwarfExpression;
import dev.hvscope.plugin.dwarf.LocalVariable;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.lsp4j.debug.EvaluateArguments;
import org.eclipse.lsp4j.debug.EvaluateResponse;
import org.eclipse.lsp4j.debug.InstructionBreakpoint;
import org.eclipse.lsp4j.debug.Scope;
import org.eclipse.lsp4j.debug.ScopesArguments;
import org.eclipse.lsp4j.debug.SetInstructionBreakpointsArguments;
import org.eclipse.lsp4j.debug.Variable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Locals scope on the bare-metal hypervisor example (gcc -O2 -g) under hvscope's own stub:
 * hs_trap's parameter g (a register at entry), and the parameter scause of
 * handle_guest_page_fault, which gcc inlines into hs_trap, at the guest's pflash fault.
 */
class DebugAdapterLocalsTest {
    private static final Path HV = Qemu.examples().resolve("hv-baremetal/hv-passthrough.elf");
    private DapSession s;

    @BeforeEach
    void start() throws Exception {
        s = DapSession.onHypervisorExample();
        s.initialize();
        s.attach(Map.of("elf", HV.toString()));
        s.configurationDone();
    }

    @AfterEach
    void stop() throws Exception {
        s.close();
    }

    private EvaluateResponse evaluate(String expression) throws Exception {
        EvaluateArguments a = new EvaluateArguments();
        a.setExpression(expression);
        a.setContext("watch");
        return get(s.c.server.evaluate(a));
    }

    private Scope[] scopes() throws Exception {
        ScopesArguments a = new ScopesArguments();
        a.setFrameId(s.frame().getId());
        return get(s.c.server.scopes(a)).getScopes();
    }

    @Test
    void atHsTrapEntry_localsComeFirst_andTheParameterIsA0() throws Exception {
        s.functionBreakpoint("hs_trap", null);
        s.continueToStop();
        Scope[] scopes = scopes();
        assertEquals("Locals", scopes[0].getName());
        assertEquals("Registers", scopes[1].getName());
        Variable[] locals = s.variables(scopes[0].getVariablesReference());
        Variable g = named(locals, "g");
        assertEquals("struct guest_ctx *", g.getType());
        long a0 = Long.decode(s.evaluate("$a0").split(" ")[0]);
        assertEquals(a0, Long.decode(g.getValue()), "g is in a0 at hs_trap's entry");
        assertEquals(a0, Long.decode(evaluate("g").getResult()), "evaluate finds the local");
        assertEquals("uint64_t", named(locals, "scause").getType(), "hs_trap's own local is listed too");
    }

    @Test
    void insideTheInlinedPageFaultHandler_scauseIs21AtThePflashLoad() throws Exception {
        DebugInfo info = DebugInfo.read(ElfLoader.read(HV));
        CodeScope hsTrap = info.functions().stream().filter(f -> "hs_trap".equals(f.name())).findFirst().orElseThrow();
        CodeScope inlined = find(hsTrap, "handle_guest_page_fault");
        LocalVariable scause = inlined.locals().stream().filter(v -> v.name().equals("scause")).findFirst().orElseThrow();
        long pc = -1;
        for (long[] r : inlined.ranges()) {
            byte[] e = scause.location() == null ? null : scause.location().at(r[0]);
            if (e != null && DwarfExpression.evaluate(e, ZERO, 8).kind() != DwarfExpression.Place.Kind.OPTIMIZED_OUT) {
                pc = r[0];
                break;
            }
        }
        assertTrue(pc > 0, "a pc in the inlined handler where scause has a location");
        InstructionBreakpoint ib = new InstructionBreakpoint();
        ib.setInstructionReference(Addresses.hex(pc));
        SetInstructionBreakpointsArguments a = new SetInstructionBreakpointsArguments();
        a.setBreakpoints(new InstructionBreakpoint[] {ib});
        get(s.c.server.setInstructionBreakpoints(a));
        s.continueToStop();
        Variable[] locals = s.variables(s.scope("Locals").getVariablesReference());
        assertEquals("21", named(locals, "scause").getValue(), "load guest-page fault");
        assertEquals("uint64_t", named(locals, "scause").getType());
        assertEquals("21", evaluate("scause").getResult());
        // a local held in a register takes part in expressions and conditions too
        assertEquals(22, Long.decode(evaluate("scause + 1").getResult().split(" ")[0]));
        assertEquals(1, Long.decode(evaluate("scause == 21 && $pc == " + Addresses.hex(pc)).getResult().split(" ")[0]));
    }

    private static CodeScope find(CodeScope s, String name) {
        for (CodeScope c : s.children()) {
            if (c.kind() == CodeScope.Kind.INLINED && name.equals(c.name())) {
                return c;
            }
            CodeScope inner = find(c, name);
            if (inner != null) {
                return inner;
            }
        }
        return null;
    }

    private static final DwarfExpression.Frame ZERO = new DwarfExpression.Frame() {
        @Override
        public long register(int r) {
            return 0;
        }

        @Override
        public long cfa() {
            return 0;
        }

        @Override
        public long frameBase() {
            return 0;
        }

        @Override
        public long memory(long address, int size) {
            return 0;
        }
    };
}
