package dev.hvscope.core.hart;

import dev.hvscope.core.AllocationMeter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hvscope.core.bus.Bus;
import dev.hvscope.core.bus.Ram;
import dev.hvscope.core.hart.jit.Jit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The run loop with the block translator on: traps, self-modifying code, budgets. */
class JitExecutorTest {
    private static final long RAM = 0x8000_0000L;
    private static final int FENCE_I = 0x0000_100f;

    private static int jal(int rd, int offset) {
        return (((offset >> 20) & 1) << 31) | (((offset >> 1) & 0x3ff) << 21) | (((offset >> 11) & 1) << 20)
                | (((offset >> 12) & 0xff) << 12) | (rd << 7) | 0x6f;
    }

    private final Bus bus = new Bus(new Ram(RAM, 1 << 20));
    private final Hart hart = new Hart(0, bus, true, () -> 0L);
    @RegisterExtension
    final JitSettings jit = JitSettings.on(1);

    private void program(int... words) {
        for (int k = 0; k < words.length; k++) {
            bus.ram().write(RAM + 4L * k, 4, words[k]);
        }
        hart.reset(RAM);
    }

    private long runUntilWfi() {
        long retired = 0;
        for (int k = 0; k < 100 && !hart.isWaitingForInterrupt(); k++) {
            retired += Executor.run(hart, 1000);
        }
        assertTrue(hart.isWaitingForInterrupt());
        return retired;
    }

    private CompiledBlockProbe blockAt(long pc) {
        return new CompiledBlockProbe(hart.codeCache.page(pc & ~0xfffL).blocks[DecodedPage.index(pc)]);
    }

    private record CompiledBlockProbe(dev.hvscope.core.hart.jit.CompiledBlock block) {
    }

    /**
     * Loop body at RAM+4: x1++; x4 += x8; ld x3, 0(x4); x5++; bne x1, x7, loop. The third load
     * leaves RAM, so the translated block faults in its middle.
     */
    private long faultingLoop() {
        program(Asm.csrrw(0, Csr.MTVEC, 6), Asm.addi(1, 1, 1), Asm.add(4, 4, 8), Asm.ld(3, 4, 0),
                Asm.addi(5, 5, 1), Asm.bne(1, 7, -16), Asm.WFI);
        bus.ram().write(RAM + 0x100, 4, Asm.WFI);
        hart.x[6] = RAM + 0x100;
        hart.x[4] = RAM;
        hart.x[8] = 0x6_0000;
        hart.x[7] = 100;
        return runUntilWfi();
    }

    @Test
    void loadFaultInsideBlock_reportsFaultingPcAndRetiresOnlyEarlierInstructions() {
        long retired = faultingLoop();
        assertNotNull(blockAt(RAM + 4).block(), "the loop body was translated");
        assertEquals(Cause.LOAD_ACCESS_FAULT, hart.mcause);
        assertEquals(RAM + 12, hart.mepc);
        assertEquals(RAM + 3 * 0x6_0000L, hart.mtval);
        assertEquals(3, hart.x[1]);                 // the third x1++ retired
        assertEquals(RAM + 3 * 0x6_0000L, hart.x[4]);
        assertEquals(2, hart.x[5]);                 // the third x5++ did not
        // csrrw, two full iterations, x1++ and x4 += x8, then the handler's wfi.
        assertEquals(1 + 2 * 5 + 2 + 1, retired);
        assertEquals(retired, hart.instructionsRetired());
    }

    @Test
    void loadFaultInsideBlock_sameStateAsTheInterpreter() {
        long retired = faultingLoop();
        long[] x = hart.x.clone();
        long mepc = hart.mepc;
        Jit.setEnabled(false);
        assertEquals(retired, faultingLoop());
        assertEquals(mepc, hart.mepc);
        assertEquals(java.util.Arrays.toString(x), java.util.Arrays.toString(hart.x));
    }

    @Test
    void storedInstructionAfterFenceI_isExecutedNotTheStaleBlock() {
        int patched = Asm.addi(1, 1, 100);
        program(
                Asm.addi(0, 0, 0),          // 0
                Asm.addi(1, 1, 1),          // 4: loop head, patched to x1 += 100
                Asm.addi(2, 2, 1),          // 8
                Asm.bne(2, 3, -8),          // 12: loop while x2 != x3
                Asm.bne(11, 0, 24),         // 16: second time round: exit to 40
                Asm.sw(9, 6, 4),            // 20: store the new instruction over RAM+4
                FENCE_I,                // 24
                Asm.addi(11, 0, 1),         // 28
                Asm.addi(3, 3, 5),          // 32
                jal(0, -32),            // 36: back to 4
                Asm.WFI);                   // 40
        hart.x[3] = 5;
        hart.x[6] = RAM;
        hart.x[9] = patched;
        runUntilWfi();
        assertEquals(5 + 5 * 100, hart.x[1]);
        assertEquals(10, hart.x[2]);
    }

    /**
     * A hot loop at RAM+0x1000 stores through a pointer that walks in steps of 0x100 and, at the
     * tenth pass, overwrites the loop's own "x2 += 1" with "x2 += 100" (no fence.i). The
     * interpreter sees the new instruction in the same pass; the translated loop runs the rest of
     * that pass stale (allowed without fence.i) and then must leave, not keep looping stale.
     */
    private long walkingStoreIntoOwnCode(boolean jit) {
        Jit.setEnabled(jit);
        int[] loop = {Asm.addi(1, 1, 1), Asm.add(16, 16, 17), Asm.sw(15, 16, 0), Asm.addi(2, 2, 1),
            Asm.bne(1, 3, -16), Asm.WFI};
        for (int k = 0; k < loop.length; k++) {
            bus.ram().write(RAM + 0x1000 + 4L * k, 4, loop[k]);
        }
        hart.reset(RAM + 0x1000);
        hart.x[3] = 50;
        hart.x[15] = Asm.addi(2, 2, 100);
        hart.x[16] = RAM + 0x100c - 10 * 0x100;
        hart.x[17] = 0x100;
        runUntilWfi();
        return hart.x[2];
    }

    @Test
    void storeOverwritingARunningLoop_endsItAfterTheCurrentPass() {
        assertEquals(9 + 41 * 100, walkingStoreIntoOwnCode(false));
        assertEquals(9 + 1 + 40 * 100, walkingStoreIntoOwnCode(true));
    }

    @Test
    void singleStep_executesExactlyOneInstructionInsideAHotBlock() {
        program(Asm.addi(1, 0, 100), Asm.addi(2, 0, 0), Asm.add(2, 2, 1), Asm.addi(1, 1, -1),
                Asm.bne(1, 0, -8), Asm.WFI);
        Executor.run(hart, 2 + 3 * 10);            // ten iterations: the loop body is translated
        assertNotNull(blockAt(RAM + 8).block());
        assertEquals(RAM + 8, hart.pc);
        long before = hart.instructionsRetired();
        long[] pcs = {RAM + 12, RAM + 16, RAM + 8};
        for (long expected : pcs) {
            assertEquals(1, Executor.run(hart, 1));
            assertEquals(expected, hart.pc);
        }
        assertEquals(before + 3, hart.instructionsRetired());
        assertEquals(89, hart.x[1]);
    }

    @Test
    void translatedLoop_allocatesNothingOnceTranslated() {
        // loop: x2 += x1; sd x2, 0(x8); ld x3, 0(x8); x1++; beq x1, x9, out (never); j loop
        program(Asm.add(2, 2, 1), Asm.sd(2, 8, 0), Asm.ld(3, 8, 0), Asm.addi(1, 1, 1), Asm.b(12, 9, 1, 0),
                jal(0, -20), Asm.WFI, Asm.WFI);
        hart.x[8] = RAM + 0x8000;
        hart.x[9] = -1;
        for (int k = 0; k < 500; k++) {
            Executor.run(hart, 10_000);   // translate, and let HotSpot compile the block
        }
        assertNotNull(blockAt(RAM).block());
        long[] retired = {0};
        long allocated = AllocationMeter.bytesAllocatedBy(() -> {
            for (int k = 0; k < 1000; k++) {
                retired[0] += Executor.run(hart, 10_000);
            }
        });
        assertEquals(10_000_000, retired[0]);
        assertEquals(0, allocated / 4096, "allocated " + allocated + " bytes");
    }

    /** Runs a loop that writes a device every pass; returns each batch's count and end pc. */
    private String deviceWritingLoop(boolean jit) {
        Jit.setEnabled(jit);
        StringBuilder batches = new StringBuilder();
        // loop: x1++; sw x1, 0(x10) (device: ends the batch); x2++; bne x1, x3, loop
        program(Asm.addi(1, 1, 1), Asm.sw(1, 10, 0), Asm.addi(2, 2, 1), Asm.bne(1, 3, -12), Asm.WFI);
        hart.x[10] = 0x1000_0000L;
        hart.x[3] = 40;
        for (int k = 0; k < 30; k++) {
            batches.append(Executor.run(hart, 1000)).append('@').append(Long.toHexString(hart.pc)).append(' ');
        }
        return batches.toString();
    }

    private void attachSink() {
        SinkDevice.attach(bus);
    }

    @Test
    void deviceWriteInsideABlock_endsTheBatchRightAfterTheStore() {
        attachSink();
        String interpreted = deviceWritingLoop(false);
        String translated = deviceWritingLoop(true);
        assertNotNull(blockAt(RAM).block());
        assertEquals(interpreted, translated);
        assertTrue(interpreted.startsWith("2@80000008 4@80000008 4@80000008"), interpreted);
    }

    @Test
    void droppedBlocks_areTranslatedAgainWhenStillHot() {
        program(Asm.addi(1, 0, 100), Asm.addi(2, 0, 0), Asm.add(2, 2, 1), Asm.addi(1, 1, -1),
                Asm.bne(1, 0, -8), Asm.WFI);
        Executor.run(hart, 2 + 3 * 10);
        assertNotNull(blockAt(RAM + 8).block());
        hart.codeCache.written(RAM + 0x100);     // a store to the page drops its decoded code and blocks
        assertNull(blockAt(RAM + 8).block());
        Executor.run(hart, 3 * 10);
        assertNotNull(blockAt(RAM + 8).block());
    }

    @Test
    void disabledTranslator_translatesNothing() {
        Jit.setEnabled(false);
        program(Asm.addi(1, 0, 100), Asm.addi(2, 0, 0), Asm.add(2, 2, 1), Asm.addi(1, 1, -1),
                Asm.bne(1, 0, -8), Asm.WFI);
        runUntilWfi();
        assertEquals(5050, hart.x[2]);
        assertNull(blockAt(RAM + 8).block());
    }

    @Test
    void countingLoop_sameResultAndCountWithTranslator() {
        program(Asm.addi(1, 0, 100), Asm.addi(2, 0, 0), Asm.add(2, 2, 1), Asm.addi(1, 1, -1),
                Asm.bne(1, 0, -8), Asm.WFI);
        long retired = runUntilWfi();
        assertNotNull(blockAt(RAM + 8).block());
        assertEquals(5050, hart.x[2]);
        assertEquals(2 + 3 * 100 + 1, retired);
    }
}
