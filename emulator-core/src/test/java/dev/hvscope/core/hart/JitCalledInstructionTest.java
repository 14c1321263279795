package dev.hvscope.core.hart;

import dev.hvscope.core.AllocationMeter;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hvscope.core.bus.Bus;
import dev.hvscope.core.bus.Ram;
import dev.hvscope.core.hart.jit.BlockTranslator;
import dev.hvscope.core.hart.jit.CompiledBlock;
import dev.hvscope.core.hart.jit.Jit;
import dev.hvscope.core.isa.Decoder;
import dev.hvscope.core.isa.Opcode;
import java.lang.invoke.MethodHandles;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * F, D, A and hypervisor load/store instructions inside translated blocks (performed by calls to
 * the interpreter's methods): random blocks mixing them with integer code leave the same integer and FP registers,
 * fflags, memory and next pc as the interpreter, and a trap raised inside such a call leaves the
 * same pc, cause, retired count and registers as in the interpreter.
 */
class JitCalledInstructionTest {
    private static final long RAM = 0x8000_0000L;
    private static final long DATA = RAM + 0x8000;
    private static final int FP = 0x53;
    private static final int DYN = 7;
    private static final int RTZ = 1;

    private static int fld(int rd, int rs1, int imm) {
        return Asm.i(imm, rs1, 3, rd, 0x07);
    }

    private static int fsd(int rs2, int rs1, int imm) {
        return Asm.s(imm, rs2, rs1, 3, 0x27);
    }

    private static int jal(int rd, int offset) {
        return (((offset >> 20) & 1) << 31) | (((offset >> 1) & 0x3ff) << 21) | (((offset >> 11) & 1) << 20)
                | (((offset >> 12) & 0xff) << 12) | (rd << 7) | 0x6f;
    }

    /** hlv.* rd, (rs1): funct7 and the rs2 field select the width and signedness. */
    private static int hlv(int funct7, int kind, int rd, int rs1) {
        return (funct7 << 25) | (kind << 20) | (rs1 << 15) | (4 << 12) | (rd << 7) | 0x73;
    }

    private static int hsv(int funct7, int rs2, int rs1) {
        return (funct7 << 25) | (rs2 << 20) | (rs1 << 15) | (4 << 12) | 0x73;
    }

    private static int amo(int funct5, int width3, int rd, int rs1, int rs2) {
        return (funct5 << 27) | (rs2 << 20) | (rs1 << 15) | (width3 << 12) | (rd << 7) | 0x2f;
    }

    /** A sample of F/D instructions (rd, rs1, rs2 as given), each checked to decode as named. */
    private static int[] fpSample(int rd, int rs1, int rs2) {
        int[] words = {
            Asm.r(0x01, rs2, rs1, DYN, rd, FP),   // fadd.d
            Asm.r(0x09, rs2, rs1, DYN, rd, FP),   // fmul.d
            Asm.r(0x0d, rs2, rs1, DYN, rd, FP),   // fdiv.d
            Asm.r(0x04, rs2, rs1, DYN, rd, FP),   // fsub.s
            Asm.r(0x2c, 0, rs1, DYN, rd, FP),     // fsqrt.s
            Asm.r(0x11, rs2, rs1, 0, rd, FP),     // fsgnj.d
            Asm.r(0x69, 2, rs1, DYN, rd, FP),     // fcvt.d.l (x rs1)
            Asm.r(0x61, 2, rs1, RTZ, rd, FP),     // fcvt.l.d (x rd)
            Asm.r(0x51, rs2, rs1, 2, rd, FP),     // feq.d (x rd)
            Asm.r(0x71, 0, rs1, 0, rd, FP),       // fmv.x.d (x rd)
            Asm.r(0x79, 0, rs1, 0, rd, FP),       // fmv.d.x (x rs1)
            (rs2 << 27) | (1 << 25) | (rs2 << 20) | (rs1 << 15) | (DYN << 12) | (rd << 7) | 0x43,   // fmadd.d
        };
        Opcode[] expected = {Opcode.FADD_D, Opcode.FMUL_D, Opcode.FDIV_D, Opcode.FSUB_S, Opcode.FSQRT_S,
            Opcode.FSGNJ_D, Opcode.FCVT_D_L, Opcode.FCVT_L_D, Opcode.FEQ_D, Opcode.FMV_X_D, Opcode.FMV_D_X,
            Opcode.FMADD_D};
        for (int k = 0; k < words.length; k++) {
            assertEquals(expected[k], Decoder.decode(words[k]), "encoding " + k);
        }
        return words;
    }

    private final Random random = new Random(7);
    @RegisterExtension
    final JitSettings jit = JitSettings.restored();

    private static Hart newHart(int[] program) {
        Hart h = new Hart(0, new Bus(new Ram(RAM, 1 << 20)), true, () -> 0L);
        for (int k = 0; k < program.length; k++) {
            h.bus.ram().write(RAM + 4L * k, 4, program[k]);
        }
        for (int k = 0; k < 32; k++) {
            h.bus.ram().write(DATA - 128 + 8L * k, 8, 0x3ff0_0000_0000_0000L + ((long) k << 44));
        }
        h.reset(RAM);
        h.mstatus |= Status.FS;
        // One PMP region over everything, so hypervisor loads and stores (made at VS/VU privilege) reach RAM.
        CsrTable.poke(h, 0x3b0, -1L);    // pmpaddr0
        CsrTable.poke(h, 0x3a0, 0x1f);   // pmpcfg0: NAPOT, RWX
        return h;
    }

    @Test
    void randomBlocksOfIntegerFpAtomicAndHypervisorAccesses_matchTheInterpreter() {
        Jit.setEnabled(false);   // Executor.run below is the reference interpreter
        for (int b = 0; b < 150; b++) {
            int n = 1 + random.nextInt(40);
            int[] program = new int[n + 1];
            for (int k = 0; k < n; k++) {
                int rd = 1 + random.nextInt(7);
                int rs1 = random.nextInt(8);
                int rs2 = random.nextInt(8);
                int offset = 8 * random.nextInt(8);
                switch (random.nextInt(7)) {
                    case 0:
                        program[k] = Asm.add(rd, rs1, rs2);
                        break;
                    case 1:
                        program[k] = Asm.addi(rd, rs1, random.nextInt(100) - 50);
                        break;
                    case 2: {
                        int[] sample = fpSample(rd, rs1, rs2);
                        program[k] = sample[random.nextInt(sample.length)];
                        break;
                    }
                    case 3:
                        program[k] = random.nextBoolean() ? fld(rd, 9, offset) : fsd(rs2, 9, offset);
                        break;
                    case 4: {
                        int[] funct5 = {0x00, 0x01, 0x04, 0x0c, 0x08, 0x10, 0x14, 0x18, 0x1c};
                        program[k] = amo(funct5[random.nextInt(funct5.length)], random.nextBoolean() ? 2 : 3, rd, 9, rs2);
                        break;
                    }
                    case 5:
                        program[k] = random.nextBoolean() ? amo(0x02, 3, rd, 9, 0) : amo(0x03, 3, rd, 9, rs2);   // lr.d, sc.d
                        break;
                    default: {
                        int[] hypervisor = {hlv(0x36, 0, rd, 9), hlv(0x30, 1, rd, 9), hsv(0x35, rs2, 9), hsv(0x37, rs2, 9)};
                        program[k] = hypervisor[random.nextInt(hypervisor.length)];
                        break;
                    }
                }
                if (Decoder.decode(program[k]) == Opcode.ADDI && rd == 9) {
                    program[k] = Asm.addi(rd, 0, 0);
                }
            }
            program[n] = Asm.b(-4 * n, 2, 1, random.nextInt(2));     // beq/bne x1, x2 back to the start
            compare(program, 10 * program.length + random.nextInt(program.length));
        }
    }

    private void compare(int[] program, int budget) {
        Hart interp = newHart(program);
        Hart jitted = newHart(program);
        for (int r = 1; r < 32; r++) {
            long v = random.nextInt(4) == 0 ? random.nextInt(9) - 4 : random.nextLong();
            interp.x[r] = v;
            jitted.x[r] = v;
            long f = random.nextBoolean() ? Double.doubleToRawLongBits(random.nextGaussian() * 100) : random.nextLong();
            interp.f[r] = f;
            jitted.f[r] = f;
        }
        for (Hart h : new Hart[] {interp, jitted}) {
            h.x[9] = DATA - 64;
        }
        for (int w : program) {
            Opcode o = Decoder.decode(w);
            assertTrue(o.name().startsWith("H") == ((w & 0x7f) == 0x73), "decodes as " + o);
        }
        int[] ops = new int[program.length];
        byte[] lens = new byte[program.length];
        for (int k = 0; k < program.length; k++) {
            ops[k] = Decoder.decode(program[k]).ordinal();
            assertTrue(BlockTranslator.translatable(ops[k]), Decoder.decode(program[k]).name());
            lens[k] = 4;
        }
        CompiledBlock block = BlockTranslator.translate(MethodHandles.lookup(), RAM, program, ops, lens,
                program.length);
        jitted.batchLimit = budget;
        long next = block.run(jitted, budget);
        int retired = block.retired();
        assertEquals(retired, Executor.run(interp, retired));
        String what = "block " + Arrays.toString(Arrays.stream(program).mapToObj(Integer::toHexString).toArray());
        assertArrayEquals(interp.x, jitted.x, what);
        assertArrayEquals(interp.f, jitted.f, what);
        assertEquals(interp.fflags, jitted.fflags, what);
        assertEquals(interp.mstatus, jitted.mstatus, what);
        assertEquals(interp.pc, next, what);
        for (int k = 0; k < 32; k++) {
            assertEquals(interp.bus.ram().read(DATA - 128 + 8L * k, 8), jitted.bus.ram().read(DATA - 128 + 8L * k, 8),
                    what);
        }
    }

    /** What a trapping loop leaves behind. */
    private record Trapped(long retired, long mepc, long mcause, long mtval, String x, String f) {
    }

    /**
     * Loop body at RAM+4: x1++; x4 += x8; the given instruction (addressing 0(x4)); x5++; bne x1,
     * x7, loop. The third pass's access leaves RAM (or, for misaligned, is misaligned from the
     * start when x8 is odd), so the translated block traps inside the called instruction.
     */
    private Trapped trappingLoop(boolean jit, int access, long step, boolean fpOn) {
        Jit.setEnabled(jit);
        Jit.setThreshold(1);   // translated at the second pass, when the whole body is decoded
        int[] program = {Asm.csrrw(0, Csr.MTVEC, 6), Asm.addi(1, 1, 1), Asm.add(4, 4, 8), access,
            Asm.addi(5, 5, 1), Asm.bne(1, 7, -16), Asm.WFI};
        Hart h = newHart(program);
        h.bus.ram().write(RAM + 0x100, 4, Asm.WFI);
        if (!fpOn) {
            h.mstatus &= ~Status.FS;
        }
        h.x[6] = RAM + 0x100;
        h.x[4] = RAM;
        h.x[8] = step;
        h.x[7] = 100;
        h.x[3] = 0x55;
        long retired = 0;
        for (int k = 0; k < 100 && !h.isWaitingForInterrupt(); k++) {
            retired += Executor.run(h, 1000);
        }
        assertTrue(h.isWaitingForInterrupt());
        assertEquals(retired, h.instructionsRetired());
        if (jit) {
            CompiledBlock b = h.codeCache.page(RAM).blocks[DecodedPage.index(RAM + 4)];
            assertNotNull(b, "the loop body was translated");
            assertTrue(b.covers(RAM + 12), "the trapping instruction is inside the block");
        }
        return new Trapped(retired, h.mepc, h.mcause, h.mtval, Arrays.toString(h.x), Arrays.toString(h.f));
    }

    private void assertSameTrap(int access, long step, boolean fpOn, int cause, long mepc) {
        Trapped translated = trappingLoop(true, access, step, fpOn);
        Trapped interpreted = trappingLoop(false, access, step, fpOn);
        assertEquals(interpreted, translated);
        assertEquals(cause, translated.mcause());
        assertEquals(mepc, translated.mepc());
    }

    @Test
    void trapInACalledAmo_leavesPcAtItRegistersWrittenBackAndExactRetiredCount() {
        int[] body = {Asm.addi(1, 1, 1), Asm.add(4, 4, 8), amo(0x00, 3, 3, 4, 5), Asm.addi(5, 5, 1),
            Asm.bne(1, 7, -16)};
        Hart h = newHart(new int[] {Asm.WFI});
        int[] ops = new int[body.length];
        byte[] lens = new byte[body.length];
        for (int k = 0; k < body.length; k++) {
            ops[k] = Decoder.decode(body[k]).ordinal();
            lens[k] = 4;
        }
        CompiledBlock block = BlockTranslator.translate(MethodHandles.lookup(), RAM + 4, body, ops, lens, body.length);
        h.x[4] = RAM + (1 << 20) - 16;   // pass 1 adds at the last doubleword of RAM, pass 2 beyond it
        h.x[8] = 8;
        h.x[7] = 100;
        h.x[5] = 7;
        h.batchLimit = 1000;
        TrapException t = org.junit.jupiter.api.Assertions.assertThrows(TrapException.class, () -> block.run(h, 1000));
        assertNotNull(t);
        assertEquals(RAM + 12, h.pc);
        assertEquals(5, block.retired());                 // one whole pass
        assertEquals(2, block.retiredBefore(h.pc));       // then x1++ and x4 += x8
        assertEquals(2, h.x[1]);
        assertEquals(RAM + (1 << 20), h.x[4]);
        assertEquals(0, h.x[3]);                          // pass 1's amoadd.d result: the old value
        assertEquals(8, h.x[5]);                          // pass 2's x5++ did not run
        assertEquals(7, h.bus.ram().read(RAM + (1 << 20) - 8, 8));
    }

    @Test
    void accessFaultInsideACalledFpLoad_sameStateAsTheInterpreter() {
        assertSameTrap(fld(2, 4, 0), 0x6_0000, true, Cause.LOAD_ACCESS_FAULT, RAM + 12);
    }

    @Test
    void accessFaultInsideACalledFpStore_sameStateAsTheInterpreter() {
        assertSameTrap(fsd(2, 4, 0), 0x6_0000, true, Cause.STORE_ACCESS_FAULT, RAM + 12);
    }

    @Test
    void accessFaultInsideACalledAmo_sameStateAsTheInterpreter() {
        assertSameTrap(amo(0x00, 3, 3, 4, 5), 0x6_0000, true, Cause.STORE_ACCESS_FAULT, RAM + 12);
    }

    /**
     * Runs body as one translated block at RAM+4 until it traps, and the interpreter from the same
     * state: the same faulting pc, cause, tval, retired count and registers.
     */
    private void assertFirstPassTrapLikeInterpreter(int[] body, boolean fpOn, int cause) {
        int[] program = new int[body.length + 1];
        System.arraycopy(body, 0, program, 1, body.length);
        Hart[] harts = {newHart(program), newHart(program)};
        for (Hart h : harts) {
            if (!fpOn) {
                h.mstatus &= ~Status.FS;
            }
            h.x[4] = DATA + 4;
            h.x[8] = 8;
            h.x[7] = 100;
            h.mtvec = RAM + 0x100;
            h.pc = RAM + 4;
        }
        Hart jitted = harts[0];
        int[] ops = new int[body.length];
        byte[] lens = new byte[body.length];
        for (int k = 0; k < body.length; k++) {
            ops[k] = Decoder.decode(body[k]).ordinal();
            lens[k] = 4;
        }
        CompiledBlock block = BlockTranslator.translate(MethodHandles.lookup(), RAM + 4, body, ops, lens, body.length);
        jitted.batchLimit = 1000;
        org.junit.jupiter.api.Assertions.assertThrows(TrapException.class, () -> block.run(jitted, 1000));
        int retired = block.retired() + block.retiredBefore(jitted.pc);
        jitted.takePendingTrap();
        Jit.setEnabled(false);
        Hart interp = harts[1];
        assertEquals(retired, Executor.run(interp, retired + 1));
        assertEquals(cause, jitted.mcause);
        assertEquals(interp.mcause, jitted.mcause);
        assertEquals(interp.mepc, jitted.mepc);
        assertEquals(interp.mtval, jitted.mtval);
        assertEquals(interp.pc, jitted.pc);
        assertArrayEquals(interp.x, jitted.x);
        assertArrayEquals(interp.f, jitted.f);
    }

    @Test
    void misalignedLoadReserved_sameStateAsTheInterpreter() {
        assertFirstPassTrapLikeInterpreter(new int[] {Asm.addi(1, 1, 1), Asm.add(5, 5, 8), amo(0x02, 3, 3, 4, 0),
            Asm.addi(5, 5, 1), Asm.bne(1, 7, -16)}, true, Cause.LOAD_MISALIGNED);
    }

    /**
     * Three passes of a loop with an fadd.d and FP on (the loop gets translated), then csrrc
     * turns FP off and the loop runs again: the translated fadd.d raises illegal instruction.
     */
    private Trapped fpTurnedOffUnderATranslatedLoop(boolean jit) {
        Jit.setEnabled(jit);
        Jit.setThreshold(1);
        int[] program = {Asm.csrrw(0, Csr.MTVEC, 6), Asm.addi(1, 1, 1), Asm.add(4, 4, 8),
            Asm.r(0x01, 2, 1, DYN, 3, FP), Asm.addi(5, 5, 1), Asm.bne(1, 7, -16),
            Asm.i(Csr.MSTATUS, 10, 3, 0, 0x73),   // csrrc x0, mstatus, x10
            Asm.addi(7, 7, 3), jal(0, -28)};
        assertEquals(Opcode.JAL, Decoder.decode(program[8]));
        assertEquals(RAM + 4, RAM + 32 + dev.hvscope.core.isa.Insn.immJ(program[8]));
        Hart h = newHart(program);
        h.bus.ram().write(RAM + 0x100, 4, Asm.WFI);
        h.x[6] = RAM + 0x100;
        h.x[7] = 3;
        h.x[8] = 8;
        h.x[10] = Status.FS;
        long retired = 0;
        for (int k = 0; k < 100 && !h.isWaitingForInterrupt(); k++) {
            retired += Executor.run(h, 1000);
        }
        assertTrue(h.isWaitingForInterrupt());
        if (jit) {
            CompiledBlock b = h.codeCache.page(RAM).blocks[DecodedPage.index(RAM + 4)];
            assertNotNull(b, "the loop body was translated");
            assertTrue(b.covers(RAM + 12), "the trapping instruction is inside the block");
        }
        return new Trapped(retired, h.mepc, h.mcause, h.mtval, Arrays.toString(h.x), Arrays.toString(h.f));
    }

    @Test
    void fpInstructionWithFpOff_raisesIllegalInstructionInsideTheBlock() {
        Trapped t = fpTurnedOffUnderATranslatedLoop(true);
        assertEquals(fpTurnedOffUnderATranslatedLoop(false), t);
        assertEquals(Cause.ILLEGAL_INSN, t.mcause());
        assertEquals(RAM + 12, t.mepc());
        assertEquals(Asm.r(0x01, 2, 1, DYN, 3, FP) & 0xffff_ffffL, t.mtval());
        assertEquals(1 + 3 * 5 + 3 + 2 + 1, t.retired());   // csrrw, 3 passes, csrrc addi jal, x1++ x4+=x8, wfi
    }

    private static void attachSink(Hart h) {
        SinkDevice.attach(h.bus);
    }

    /** A loop whose called instruction writes a device every pass; each batch's count and end pc. */
    private String deviceWritingLoop(boolean jit, int deviceWrite) {
        Jit.setEnabled(jit);
        Jit.setThreshold(1);
        Hart h = newHart(new int[] {Asm.addi(1, 1, 1), deviceWrite, Asm.addi(2, 2, 1), Asm.bne(1, 3, -12), Asm.WFI});
        attachSink(h);
        h.reset(RAM);   // after attaching, as a machine does
        h.mstatus |= Status.FS;
        h.x[10] = 0x1000_0000L;
        h.x[3] = 40;
        StringBuilder batches = new StringBuilder();
        for (int k = 0; k < 30; k++) {
            batches.append(Executor.run(h, 1000)).append('@').append(Long.toHexString(h.pc)).append(' ');
        }
        return batches.toString();
    }

    @Test
    void deviceWriteByACalledFpStore_endsTheBatchRightAfterIt() {
        // fsd and fsw (AMOs, LR and SC outside RAM raise access faults, so they never write a device)
        for (int write : new int[] {fsd(1, 10, 0), Asm.s(4, 1, 10, 2, 0x27)}) {
            assertTrue(Decoder.decode(write) == Opcode.FSD || Decoder.decode(write) == Opcode.FSW);
            String interpreted = deviceWritingLoop(false, write);
            assertEquals(interpreted, deviceWritingLoop(true, write));
            assertTrue(interpreted.startsWith("2@80000008 4@80000008 4@80000008"), interpreted);
        }
    }

    @Test
    void translatedLoopOfFpAndAmoCalls_allocatesNothingOnceTranslated() {
        Jit.setEnabled(true);
        Jit.setThreshold(1);
        // loop: fld f1; fmadd.d f2 = f1*f1+f2; fsd f2; amoadd.d x3; lr.d/sc.d; x1++; beq x1, x9, out (never); j loop
        int[] sample = fpSample(2, 1, 2);
        Hart h = newHart(new int[] {fld(1, 8, 0), sample[11], fsd(2, 8, 8), amo(0x00, 3, 3, 8, 1), amo(0x02, 3, 4, 8, 0),
            amo(0x03, 3, 5, 8, 4), Asm.addi(1, 1, 1), Asm.b(12, 9, 1, 0), jal(0, -32), Asm.WFI, Asm.WFI});
        h.x[8] = DATA;
        h.x[9] = -1;
        for (int k = 0; k < 500; k++) {
            Executor.run(h, 10_000);   // translate, and let HotSpot compile the block
        }
        long[] retired = {0};
        long allocated = AllocationMeter.bytesAllocatedBy(() -> {
            for (int k = 0; k < 500; k++) {
                retired[0] += Executor.run(h, 10_000);
            }
        });
        assertEquals(5_000_000, retired[0]);
        assertEquals(0, allocated / 4096, "allocated " + allocated + " bytes");
    }
}
