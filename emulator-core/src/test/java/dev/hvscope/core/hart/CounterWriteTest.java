package dev.hvscope.core.hart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hvscope.core.bus.Bus;
import dev.hvscope.core.bus.Ram;
import org.junit.jupiter.api.Test;

/**
 * minstret and mcycle written by csrw read back exactly the written value on the next
 * instruction (the writing instruction does not count on top, as riscv-tests' instret_overflow
 * checks), count on from there, wrap, and move independently of each other. Not differential:
 * QEMU 7.2 without -icount counts host ticks in both.
 */
class CounterWriteTest {
    private static final long RAM = 0x8000_0000L;

    private final Bus bus = new Bus(new Ram(RAM, 1 << 16));
    private final Hart hart = new Hart(0, bus, true, () -> 0L);

    private void load() {
        int[] program = {
            Asm.csrrs(7, Csr.MCYCLE, 0),    // 0: x7 = mcycle
            Asm.csrrw(0, Csr.MINSTRET, 1),  // 1: minstret = x1 (-1)
            Asm.csrrs(2, Csr.MINSTRET, 0),  // 2: x2 = -1
            Asm.addi(0, 0, 0),              // 3
            Asm.csrrs(3, Csr.MINSTRET, 0),  // 4: x3 = -1 + 2, wrapped
            Asm.csrrs(8, Csr.MCYCLE, 0),    // 5: x8 = x7 + 5, the minstret write left mcycle alone
            Asm.csrrw(0, Csr.MCYCLE, 1),    // 6: mcycle = -1
            Asm.csrrs(4, Csr.MCYCLE, 0),    // 7: x4 = -1
            Asm.csrrs(5, Csr.CYCLE, 0),     // 8: x5 = 0
            Asm.csrrs(6, Csr.INSTRET, 0),   // 9: x6 = -1 + 7
            Asm.WFI,
        };
        for (int k = 0; k < program.length; k++) {
            bus.ram().write(RAM + 4L * k, 4, program[k]);
        }
        hart.reset(RAM);
        hart.x[1] = -1L;
    }

    private void assertCounts() {
        assertEquals(-1L, hart.x[2], "minstret on the instruction after csrw");
        assertEquals(1L, hart.x[3], "minstret two instructions later, wrapped");
        assertEquals(hart.x[7] + 5, hart.x[8], "mcycle unmoved by the minstret write");
        assertEquals(-1L, hart.x[4], "mcycle on the instruction after csrw");
        assertEquals(0L, hart.x[5], "cycle sees mcycle");
        assertEquals(6L, hart.x[6], "instret sees minstret");
    }

    @Test
    void inOneBatch() {
        load();
        for (int k = 0; k < 20 && !hart.isWaitingForInterrupt(); k++) {
            Executor.run(hart, 1000);
        }
        assertCounts();
    }

    @Test
    void oneInstructionPerBatch() {
        load();
        for (int k = 0; k < 20 && !hart.isWaitingForInterrupt(); k++) {
            Executor.run(hart, 1);
        }
        assertCounts();
    }

    @Test
    void debuggerWrite_isReadBackAsWritten_andRetiredCountStaysTrue() {
        load();
        long retired = hart.instructionsRetired();
        CsrTable.poke(hart, Csr.MINSTRET, 100);
        CsrTable.poke(hart, Csr.MCYCLE, 200);
        assertEquals(100L, CsrTable.peek(hart, Csr.MINSTRET));
        assertEquals(200L, CsrTable.peek(hart, Csr.MCYCLE));
        assertEquals(retired, hart.instructionsRetired());
    }
}
