package dev.hvscope.core.hart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hvscope.core.bus.Bus;
import dev.hvscope.core.bus.Ram;
import dev.hvscope.core.hart.jit.CompiledBlock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Decoded code and translated blocks are kept by physical page: they survive TLB flushes and
 * address-space switches, serve every virtual alias with its own pc, are shared by the harts of a
 * machine, and go when any hart writes their page.
 */
class CodeCacheTest {
    private static final long RAM = 0x8000_0000L;
    private static final long ALIAS = 0xc000_0000L;
    private static final long CODE = RAM + 0x1000;
    private static final int SFENCE_VMA = 0x1200_0073;

    private final Bus bus = new Bus(new Ram(RAM, 1 << 20));
    private final CodeCache cache = new CodeCache(bus.ram());
    private final Hart hart = new Hart(0, bus, true, () -> 0L, cache);
    private final Hart other = new Hart(1, bus, true, () -> 0L, cache);
    @RegisterExtension
    final JitSettings jit = JitSettings.on(1);

    private void write(long pa, int... words) {
        for (int k = 0; k < words.length; k++) {
            bus.ram().write(pa + 4L * k, 4, words[k]);
        }
    }

    private void runUntilWfi(Hart h, long pc) {
        h.pc = pc;
        h.waitingForInterrupt = false;
        for (int k = 0; k < 1000 && !h.isWaitingForInterrupt(); k++) {
            Executor.run(h, 1000);
        }
        assertTrue(h.isWaitingForInterrupt(), "reached wfi");
    }

    private CompiledBlock blockAt(long pa) {
        return cache.page(pa & ~0xfffL).blocks[DecodedPage.index(pa)];
    }

    /** x6 counts to x7, running auipc x5, 0 at each pass: x5 tells the virtual pc the code ran at. */
    private void auipcLoop() {
        write(CODE, 0x0000_0297, Asm.addi(6, 6, 1), Asm.bne(6, 7, -8), Asm.WFI);
        hart.x[7] = 20;
    }

    /** S-mode under Sv39 with the 1 GiB at RAM mapped twice: at its own address and at ALIAS. */
    private void supervisorWithAlias() {
        long root = RAM + 0x1_0000L;
        long leaf = ((RAM >>> 12) << 10) | 0xcf;   // V R W X A D gigapage
        bus.ram().write(root + 2 * 8, 8, leaf);
        bus.ram().write(root + 3 * 8, 8, leaf);
        CsrTable.poke(hart, Csr.PMPADDR0, -1L);
        CsrTable.poke(hart, Csr.PMPCFG0, 0x1f);
        CsrTable.poke(hart, Csr.SATP, (8L << 60) | (root >>> 12));
        hart.setPrivilege(Hart.PRV_S, false);
    }

    @Test
    void satpSwitchesAndFences_keepDecodedCodeAndBlocks() {
        write(CODE, Asm.addi(1, 0, 100), Asm.addi(2, 0, 0), Asm.add(2, 2, 1), Asm.addi(1, 1, -1),
                Asm.bne(1, 0, -8), Asm.csrrw(0, Csr.SATP, 0), SFENCE_VMA, Asm.WFI);
        runUntilWfi(hart, CODE);
        CompiledBlock loop = blockAt(CODE + 8);
        assertNotNull(loop);
        DecodedPage page = cache.page(CODE);
        runUntilWfi(hart, CODE);
        assertEquals(5050, hart.x[2]);
        assertSame(page, cache.page(CODE), "decoded page survived satp write and sfence.vma");
        assertSame(loop, blockAt(CODE + 8), "block survived and was not translated again");
    }

    @Test
    void onePhysicalPageAtTwoVirtualAddresses_eachRunSeesItsOwnPc() {
        supervisorWithAlias();
        auipcLoop();
        runUntilWfi(hart, CODE);
        assertEquals(CODE, hart.x[5]);
        assertNotNull(blockAt(CODE));
        hart.x[6] = 0;
        runUntilWfi(hart, CODE - RAM + ALIAS);
        assertEquals(CODE - RAM + ALIAS, hart.x[5], "the alias ran with its own pc, not the block's");
        assertEquals(20, hart.x[6]);
    }

    @Test
    void storeByAnotherHart_isSeenByTheHartThatDecodedThePage() {
        write(CODE, Asm.addi(5, 0, 1), Asm.WFI);
        runUntilWfi(hart, CODE);
        assertEquals(1, hart.x[5]);
        other.store32(CODE, Asm.addi(5, 0, 2));
        runUntilWfi(hart, CODE);
        assertEquals(2, hart.x[5]);
    }

    @Test
    void storeToTheRunningPage_dropsItsBlocksAndTheNewCodeRuns() {
        // x8 = CODE + 16; loop 20 times, then overwrite the wfi at CODE+16 with addi x5,x0,7 (and wfi after).
        write(CODE + 16, Asm.WFI, Asm.WFI);
        auipcLoop();
        runUntilWfi(hart, CODE);
        assertNotNull(blockAt(CODE));
        hart.store32(CODE + 12, Asm.addi(5, 0, 7));
        hart.x[6] = 0;
        runUntilWfi(hart, CODE);
        assertEquals(7, hart.x[5]);
    }

    @Test
    void breakpointInOnePage_leavesOtherPagesBlocksAlone() {
        write(CODE, Asm.addi(1, 0, 100), Asm.addi(2, 0, 0), Asm.add(2, 2, 1), Asm.addi(1, 1, -1),
                Asm.bne(1, 0, -8), Asm.WFI);
        runUntilWfi(hart, CODE);
        CompiledBlock loop = blockAt(CODE + 8);
        assertNotNull(loop);
        hart.debugPort().setBreakpoints(new long[] {RAM + 0x5000});
        runUntilWfi(hart, CODE);
        assertSame(loop, blockAt(CODE + 8));
    }

    @Test
    void breakpointAtOneAlias_stopsThereOnly() {
        supervisorWithAlias();
        auipcLoop();
        long aliasPc = CODE - RAM + ALIAS + 4;
        hart.debugPort().setBreakpoints(new long[] {aliasPc});
        runUntilWfi(hart, CODE);
        assertEquals(20, hart.x[6], "no stop at the other alias of the same instruction");
        hart.x[6] = 0;
        hart.pc = CODE - RAM + ALIAS;
        hart.waitingForInterrupt = false;
        Executor.run(hart, 1000);
        assertTrue(hart.breakpointHit);
        assertEquals(aliasPc, hart.pc);
        assertEquals(1, hart.debugPort().step(false, false));
        assertEquals(1, hart.x[6], "stepping runs the instruction under the breakpoint");
    }
}
