package dev.hvscope.core.hart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hvscope.core.bus.Bus;
import dev.hvscope.core.bus.Ram;
import org.junit.jupiter.api.Test;

class ExecutorTest {
    private static final long RAM = 0x8000_0000L;

    private final Bus bus = new Bus(new Ram(RAM, 1 << 20));
    private final Hart hart = new Hart(0, bus, true, () -> 0L);

    private void program(int... words) {
        for (int k = 0; k < words.length; k++) {
            bus.ram().write(RAM + 4L * k, 4, words[k]);
        }
        hart.reset(RAM);
    }

    @Test
    void countingLoop_retiresEveryInstructionAndComputesSum() {
        // x1 = 100; x2 = 0; loop: x2 += x1; x1 -= 1; bne x1, x0, loop; then spin on wfi.
        program(Asm.addi(1, 0, 100), Asm.addi(2, 0, 0), Asm.add(2, 2, 1), Asm.addi(1, 1, -1),
                Asm.bne(1, 0, -8), Asm.WFI);
        long retired = 0;
        for (int k = 0; k < 10 && !hart.isWaitingForInterrupt(); k++) {
            retired += Executor.run(hart, 1000);
        }
        assertEquals(5050, hart.x[2]);
        assertEquals(2 + 3 * 100 + 1, retired);
        assertTrue(hart.isWaitingForInterrupt());
    }

    @Test
    void storeThenLoad_roundTripsThroughTlb() {
        // x5 = 0x80010000; sd x6 -> (x5); ld x7 <- (x5)
        program(Asm.addi(6, 0, -5), Asm.sd(6, 5, 8), Asm.ld(7, 5, 8), Asm.WFI);
        hart.x[5] = 0x8001_0000L;
        Executor.run(hart, 100);
        assertEquals(-5, hart.x[7]);
        assertEquals(-5, bus.ram().read(0x8001_0008L, 8));
    }

    @Test
    void illegalInstruction_trapsToMtvecWithInstructionBits() {
        program(Asm.addi(5, 5, 0x100), Asm.csrrw(0, Csr.MTVEC, 5), 0xffffffff);
        hart.x[5] = RAM;
        Executor.run(hart, 2);   // the CSR write ends the first batch
        Executor.run(hart, 1);
        assertEquals(0x8000_0100L, hart.pc);
        assertEquals(Cause.ILLEGAL_INSN, hart.mcause);
        assertEquals(0xffff_ffffL, hart.mtval);
        assertEquals(RAM + 8, hart.mepc);
    }

    @Test
    void ecallFromUserMode_isDelegatedToSupervisorByMedeleg() {
        // M: medeleg |= 1<<8; stvec = RAM+0x200; mepc = RAM+0x100; MPP = U (0); mret. U at 0x100: ecall.
        // PMP entry 0: NAPOT over all memory, RWX, so S/U may run at all (the spec denies unmatched S/U accesses).
        program(Asm.addi(8, 0, -1), Asm.csrrw(0, Csr.PMPADDR0, 8), Asm.addi(8, 0, 0x1f), Asm.csrrw(0, Csr.PMPCFG0, 8),
                Asm.addi(5, 0, 0x100), Asm.csrrw(0, Csr.MEDELEG, 5),
                Asm.addi(7, 6, 0x200), Asm.csrrw(0, Csr.STVEC, 7),
                Asm.addi(7, 6, 0x100), Asm.csrrw(0, Csr.MEPC, 7), Asm.MRET);
        bus.ram().write(RAM + 0x100, 4, Asm.ECALL);
        bus.ram().write(RAM + 0x200, 4, Asm.WFI);
        hart.x[6] = RAM;
        for (int k = 0; k < 20 && !hart.isWaitingForInterrupt(); k++) {
            Executor.run(hart, 100);
        }
        assertEquals(Hart.PRV_S, hart.privilege());
        assertEquals(Cause.ECALL_U, hart.scause);
        assertEquals(RAM + 0x100, hart.sepc);
        assertEquals(0, hart.mstatus & Status.SPP);
    }

    @Test
    void observer_seesTrapWithModesAndDecodedInstructions() {
        java.util.List<String> events = new java.util.ArrayList<>();
        hart.setObserver(new HartObserver() {
            @Override
            public void trapTaken(Hart h, long cause, long tval, long tval2, long tinst, long epc, int fromPriv,
                    boolean fromVirt) {
                events.add("trap " + cause + " at " + Long.toHexString(epc) + " from " + fromPriv + " to " + h.privilege());
            }

            @Override
            public void decoded(Hart h, long pc, int raw, int length) {
                events.add("decoded " + Long.toHexString(pc));
            }

            @Override
            public void unimplementedCsr(Hart h, int csr) {
                events.add("unimp " + Integer.toHexString(csr));
            }
        });
        program(Asm.csrrs(1, 0x7ff, 0));   // csrr ra, 0x7ff: no such CSR
        Executor.run(hart, 1);
        assertEquals(java.util.List.of("decoded 80000000", "unimp 7ff", "trap 2 at 80000000 from 3 to 3"), events);
    }

    @Test
    void hypervisorLoad_ofAWatchedGuestAddress_stopsBeforeTheAccess() {
        // hlv.d x7, (x5) in M-mode with vsatp and hgatp Bare: the guest address is the RAM address.
        int hlvD = (0x36 << 25) | (5 << 15) | (4 << 12) | (7 << 7) | 0x73;
        program(hlvD, Asm.WFI);
        hart.x[5] = 0x8001_0000L;
        bus.ram().write(0x8001_0000L, 8, 42);
        hart.debugPort().setWatchpoints(new long[] {0x8001_0000L}, new long[] {8}, new int[] {DebugPort.WATCH_READ});
        assertEquals(0, Executor.run(hart, 1));
        assertTrue(hart.debugPort().watchpointHit());
        assertEquals(0x8001_0000L, hart.debugPort().watchpointAddress());
        assertEquals(RAM, hart.pc, "stopped before the load");
        assertEquals(0, hart.x[7]);
    }
}
