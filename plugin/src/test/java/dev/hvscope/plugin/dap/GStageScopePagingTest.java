package dev.hvscope.plugin.dap;

import static dev.hvscope.plugin.dap.DapTestClient.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hvscope.core.debug.AddressSpace;
import dev.hvscope.core.debug.FullSystemDebuggee;
import dev.hvscope.core.machine.Bios;
import dev.hvscope.core.machine.MachineConfig;
import dev.hvscope.core.machine.SerialMode;
import dev.hvscope.core.machine.VirtMachine;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.lsp4j.debug.SetVariableArguments;
import org.eclipse.lsp4j.debug.Variable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The G-stage scope and hvscope/table over hvscope's stub (its paged view) on a table of 262,144
 * 4 KiB leaves (1 GiB) written into a full-system machine's RAM: pages return the right slice.
 */
class GStageScopePagingTest {
    private static final long ROOT = 0x8100_0000L;
    private static final long HPA = 0x1_0000_0000L;
    private DapSession s;
    private DapTestClient c;
    private GStageTableFixture table;

    @BeforeEach
    void start() throws Exception {
        Path elf = Qemu.examples().resolve("tests/test_rv64i_alu.elf");
        VirtMachine machine = VirtMachine.create(MachineConfig.builder().bios(Bios.NONE).kernel(elf).ramSize(128L << 20)
                .serial(SerialMode.NONE).build());
        FullSystemDebuggee target = new FullSystemDebuggee(machine);
        table = new GStageTableFixture(ROOT, HPA);
        target.writeMemory(0, AddressSpace.HOST_PHYSICAL, ROOT, table.bytes());
        s = DapSession.onStub(target, machine);
        c = s.c;
        s.initialize();
        s.attach(Map.of());
        s.configurationDone();
        SetVariableArguments set = new SetVariableArguments();
        set.setVariablesReference(s.scope("Hypervisor").getVariablesReference());
        set.setName("hgatp");
        set.setValue(Addresses.hex(table.hgatp()));
        get(c.server.setVariable(set));
    }

    @AfterEach
    void stop() throws Exception {
        s.close();
    }

    /** Where leaf i's PTE sits: the root (16 KiB), one L1 table, then 512 L0 tables. */
    private static long pteAddress(int i) {
        return ROOT + 5 * 4096L + (i / 512) * 4096L + (i % 512) * 8L;
    }

    @Test
    void gStageScope_isOneRegion_andItsLeavesPageToTheRightSlice() throws Exception {
        Variable[] regions = s.variables(s.scope("G-stage mappings").getVariablesReference(), null, null);
        assertEquals(1, regions.length);
        assertEquals("0x0..0x40000000", regions[0].getName());
        assertTrue(regions[0].getValue().startsWith("HPA 0x100000000 RWXU-AD 4K x 262144"), regions[0].getValue());
        assertEquals(262_144, regions[0].getIndexedVariables());

        Variable[] leaves = s.variables(regions[0].getVariablesReference(), 262_000, 100);
        assertEquals(100, leaves.length);
        for (int k = 0; k < 100; k += 33) {
            int i = 262_000 + k;
            assertEquals(Addresses.hex(i * 4096L), leaves[k].getName());
            assertTrue(leaves[k].getValue().startsWith("HPA " + Addresses.hex(HPA + i * 4096L) + " pte "
                    + Addresses.hex64(table.read64(pteAddress(i))) + " @" + Addresses.hex(pteAddress(i))),
                    leaves[k].getValue());
        }
        assertEquals(44, s.variables(regions[0].getVariablesReference(), 262_100, 100).length, "the last page is short");
    }

    @Test
    void table_leavesSlice_matchesTheTableInMemory() throws Exception {
        TableArguments a = new TableArguments();
        a.space = "gstage";
        a.start = 131_071;
        a.count = 3;
        TableResult t = get(c.server.table(a));
        assertEquals("stub", t.source);
        assertEquals("sv39x4", t.mode);
        assertEquals(Addresses.hex(ROOT), t.root);
        assertEquals(262_144, t.leafTotal);
        assertEquals(1, t.regionTotal);
        assertEquals("4K", t.regions[0].pageSize);
        assertEquals(262_144, t.regions[0].count);
        assertEquals(3, t.leaves.length);
        for (int k = 0; k < 3; k++) {
            int i = 131_071 + k;
            TableResult.Leaf l = t.leaves[k];
            assertEquals(i, l.index);
            assertEquals(Addresses.hex(i * 4096L), l.input);
            assertEquals(Addresses.hex(HPA + i * 4096L), l.output);
            assertEquals(Addresses.hex64(table.read64(pteAddress(i))), l.value);
            assertEquals(Addresses.hex(pteAddress(i)), l.pteAddress);
            assertEquals(0, l.level);
            assertEquals("RWXU-AD", l.flags);
        }
    }
}
