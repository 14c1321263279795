package dev.hvscope.plugin.dap;

import static dev.hvscope.plugin.dap.DapSession.named;
import static dev.hvscope.plugin.dap.DapTestClient.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hvscope.core.debug.FullSystemDebuggee;
import dev.hvscope.core.machine.Bios;
import dev.hvscope.core.machine.ElfLoader;
import dev.hvscope.core.machine.MachineConfig;
import dev.hvscope.core.machine.SerialMode;
import dev.hvscope.core.machine.VirtMachine;
import dev.hvscope.plugin.dwarf.CodeScope;
import dev.hvscope.plugin.dwarf.CrossGcc;
import dev.hvscope.plugin.dwarf.DebugInfo;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.debug.EvaluateArguments;
import org.eclipse.lsp4j.debug.InstructionBreakpoint;
import org.eclipse.lsp4j.debug.SetInstructionBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetVariableArguments;
import org.eclipse.lsp4j.debug.Variable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Locals that live in the stack frame (gcc -O0: DW_OP_fbreg from a DW_OP_call_frame_cfa frame
 * base, so the CFA from .debug_frame): a small program run as firmware under hvscope's stub,
 * stopped inside a lexical block after the prologue stored the parameters.
 */
class DebugAdapterLocalsMemoryTest {
    static final String SOURCE = String.join("\n",
            "struct pt { long x, y; };",
            "volatile long sink;",
            "long area(struct pt *p, int k) {",
            "    struct pt q = *p;",
            "    { long t = q.x * q.y; sink = t + k; }",
            "    return sink;",
            "}",
            "void start_c(void) { struct pt p = {3, 4}; sink = area(&p, 5); for (;;) ; }",
            "asm(\".section .text.start, \\\"ax\\\"\\n.globl _start\\n_start:\\n la sp, stack_top\\n j start_c\\n\");",
            "");
    static final String LINK = String.join("\n",
            "ENTRY(_start)",
            "SECTIONS {",
            "  . = 0x80000000;",
            "  .text : { *(.text.start) *(.text*) }",
            "  .data : { *(.rodata*) *(.srodata*) *(.data*) *(.sdata*) }",
            "  .bss : { *(.sbss*) *(.bss*) *(COMMON) }",
            "  . = ALIGN(16); . += 4096; stack_top = .;",
            "}",
            "");

    @TempDir
    Path dir;
    private DapSession s;

    @AfterEach
    void stop() throws Exception {
        if (s != null) {
            s.close();
        }
    }

    @Test
    void frameLocals_areReadThroughTheCfa_expandAndCanBeSet() throws Exception {
        Assumptions.assumeTrue(CrossGcc.installed(), "riscv64-unknown-elf-gcc is not installed");
        CrossGcc.write(dir, "frame.c", SOURCE);
        CrossGcc.write(dir, "link.ld", LINK);
        Path elf = CrossGcc.build(dir, "frame.elf", List.of("-g", "-O0", "-T", "link.ld"), "frame.c");
        DebugInfo info = DebugInfo.read(ElfLoader.read(elf));
        CodeScope area = info.functions().stream().filter(f -> "area".equals(f.name())).findFirst().orElseThrow();
        long inBlock = area.children().get(0).ranges().get(0)[0];

        VirtMachine machine = VirtMachine.create(MachineConfig.builder().bios(Bios.file(elf))
                .serial(SerialMode.STDIO).build(), null, new ByteArrayOutputStream());
        s = DapSession.onStub(new FullSystemDebuggee(machine), machine);
        s.initialize();
        s.attach(Map.of("elf", elf.toString()));
        s.configurationDone();
        InstructionBreakpoint ib = new InstructionBreakpoint();
        ib.setInstructionReference(Addresses.hex(inBlock));
        SetInstructionBreakpointsArguments a = new SetInstructionBreakpointsArguments();
        a.setBreakpoints(new InstructionBreakpoint[] {ib});
        get(s.c.server.setInstructionBreakpoints(a));
        s.continueToStop();

        int ref = s.scope("Locals").getVariablesReference();
        Variable[] locals = s.variables(ref);
        assertEquals("5", named(locals, "k").getValue());
        assertEquals("int", named(locals, "k").getType());
        Variable q = named(locals, "q");
        assertEquals("struct pt", q.getType());
        assertTrue(q.getVariablesReference() > 0, "a struct in memory expands");
        Variable[] members = s.variables(q.getVariablesReference());
        assertEquals("3", named(members, "x").getValue());
        assertEquals("4", named(members, "y").getValue());
        Variable p = named(locals, "p");
        assertEquals("struct pt *", p.getType());
        long sp = Long.decode(s.evaluate("$sp").split(" ")[0]);
        long pv = Long.decode(p.getValue());
        assertTrue(pv > sp && pv < sp + 256, "p points into start_c's frame, above area's: " + p.getValue());

        SetVariableArguments set = new SetVariableArguments();
        set.setVariablesReference(ref);
        set.setName("k");
        set.setValue("7");
        assertEquals("7", get(s.c.server.setVariable(set)).getValue());
        EvaluateArguments e = new EvaluateArguments();
        e.setExpression("k");
        e.setContext("hover");
        assertEquals("7", get(s.c.server.evaluate(e)).getResult());
        e.setExpression("q.y");
        assertEquals("4", get(s.c.server.evaluate(e)).getResult(), "members of a local in memory");
        e.setExpression("q.x + k");
        assertEquals(10, Long.decode(get(s.c.server.evaluate(e)).getResult().split(" ")[0]), "locals in expressions");
    }
}
