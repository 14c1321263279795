package dev.hvscope.plugin.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.hvscope.plugin.rspclient.BreakpointKind;
import dev.hvscope.plugin.rspclient.RspBreakpoints;
import dev.hvscope.plugin.rspclient.RspClient;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Line breakpoints are kept per source file, as DAP's setBreakpoints defines them. */
class BreakpointTableTest {
    private final RspClient rsp = mock(RspClient.class);
    private final RspBreakpoints stub = mock(RspBreakpoints.class);
    private final BreakpointTable table = new BreakpointTable();

    BreakpointTableTest() {
        when(rsp.breakpoints()).thenReturn(stub);
    }

    private BreakpointTable.Entry line(long addr) {
        return new BreakpointTable.Entry(table.newId(), BreakpointTable.Source.LINE, addr, 4, BreakpointKind.SOFTWARE,
                null, null, null, null);
    }

    @Test
    void breakpointsInASecondFile_keepTheFirstFilesBreakpoints() {
        table.replace(BreakpointTable.Source.LINE, "/src/hv.c", List.of(line(0x8020_0100L)));
        table.sync(rsp);
        table.replace(BreakpointTable.Source.LINE, "/src/pflash.c", List.of(line(0x8040_0200L)));
        table.sync(rsp);
        verify(stub).insert(BreakpointKind.SOFTWARE, 0x8020_0100L, 4);
        verify(stub).insert(BreakpointKind.SOFTWARE, 0x8040_0200L, 4);
        verify(stub, never()).remove(BreakpointKind.SOFTWARE, 0x8020_0100L, 4);
        assertEquals(1, table.codeAt(0x8020_0100L).size(), "hv.c's breakpoint still fires");
        assertEquals(2, table.entries(BreakpointTable.Source.LINE).size());
    }

    @Test
    void clearingOneFile_removesOnlyItsBreakpoints() {
        table.replace(BreakpointTable.Source.LINE, "/src/hv.c", List.of(line(0x8020_0100L)));
        table.replace(BreakpointTable.Source.LINE, "/src/pflash.c", List.of(line(0x8040_0200L)));
        table.sync(rsp);
        table.replace(BreakpointTable.Source.LINE, "/src/pflash.c", List.of());
        table.sync(rsp);
        verify(stub).remove(BreakpointKind.SOFTWARE, 0x8040_0200L, 4);
        verify(stub, never()).remove(BreakpointKind.SOFTWARE, 0x8020_0100L, 4);
        assertTrue(table.codeAt(0x8040_0200L).isEmpty());
        assertEquals(1, table.codeAt(0x8020_0100L).size());
    }

    @Test
    void instructionBreakpoints_replaceTheirWholeKind() {
        BreakpointTable.Entry a = new BreakpointTable.Entry(table.newId(), BreakpointTable.Source.INSTRUCTION, 0x100, 4,
                BreakpointKind.SOFTWARE, null, null, null, null);
        BreakpointTable.Entry b = new BreakpointTable.Entry(table.newId(), BreakpointTable.Source.INSTRUCTION, 0x200, 4,
                BreakpointKind.SOFTWARE, null, null, null, null);
        table.replace(BreakpointTable.Source.INSTRUCTION, List.of(a));
        table.replace(BreakpointTable.Source.INSTRUCTION, List.of(b));
        assertTrue(table.codeAt(0x100).isEmpty());
        assertEquals(1, table.codeAt(0x200).size());
    }
}
