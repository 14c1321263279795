package dev.hvscope.core.hart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hvscope.core.bus.Bus;
import dev.hvscope.core.bus.Ram;
import dev.hvscope.core.hart.jit.BlockTranslator;
import dev.hvscope.core.hart.jit.CompiledBlock;
import dev.hvscope.core.hart.jit.Jit;
import dev.hvscope.core.isa.Decoder;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Differential: each translatable instruction, and random straight-line blocks, give the same
 * registers, memory and next pc when translated as when interpreted.
 */
class JitTranslationTest {
    private static final long RAM = 0x8000_0000L;
    private static final long DATA = RAM + 0x8000;
    private static final long[] EDGES = {0, 1, -1, 2, Long.MIN_VALUE, Long.MAX_VALUE, 0x7fff_ffffL, 0x8000_0000L,
        0xffff_ffffL, -0x8000_0000L, 31, 32, 63, 64, -2048, 0x1234_5678_9abc_def0L};

    private final Hart interp = newHart();
    private final Hart jitted = newHart();
    private final Random random = new Random(42);
    private boolean savedEnabled;

    private static Hart newHart() {
        return new Hart(0, new Bus(new Ram(RAM, 1 << 20)), true, () -> 0L);
    }

    @BeforeEach
    void interpreterOnly() {
        savedEnabled = Jit.isEnabled();
        Jit.setEnabled(false);
    }

    @AfterEach
    void restore() {
        Jit.setEnabled(savedEnabled);
    }

    private static int op(int word) {
        return Decoder.decode(word).ordinal();
    }

    private void load(int[] program) {
        for (Hart h : new Hart[] {interp, jitted}) {
            for (int k = 0; k < program.length; k++) {
                h.bus.ram().write(RAM + 4L * k, 4, program[k]);
            }
            h.reset(RAM);
            for (int k = 0; k < 64; k++) {
                h.bus.ram().write(DATA - 256 + 8L * k, 8, 0x0123_4567_89ab_cdefL * (k + 1) ^ (k << 61));
            }
        }
    }

    private CompiledBlock translate(int[] program) {
        int[] ops = new int[program.length];
        byte[] lens = new byte[program.length];
        for (int k = 0; k < program.length; k++) {
            ops[k] = op(program[k]);
            lens[k] = 4;
        }
        return BlockTranslator.translate(MethodHandles.lookup(), RAM, program, ops, lens, program.length);
    }

    /** Runs the block once, with room for one pass, then the interpreter as far: same state. */
    private void compare(int[] program, CompiledBlock block, long[] regs) {
        compareLooping(program, block, regs, program.length);
    }

    /**
     * Runs the block with the given budget, then the interpreter for as many instructions as the
     * block retired, from the same registers: same registers, next pc and memory.
     */
    private void compareLooping(int[] program, CompiledBlock block, long[] regs, int budget) {
        System.arraycopy(regs, 0, interp.x, 0, 32);
        System.arraycopy(regs, 0, jitted.x, 0, 32);
        interp.x[0] = 0;
        jitted.x[0] = 0;
        interp.pc = RAM;
        jitted.pc = RAM;
        jitted.batchLimit = budget;
        long next = block.run(jitted, budget);
        int retired = block.retired();
        assertTrue(retired >= 1 && retired <= budget, "retired " + retired);
        assertEquals(retired, Executor.run(interp, retired));
        String what = "block " + hex(program) + " regs " + java.util.Arrays.toString(regs);
        assertArrayEquals(interp.x, jitted.x, what);
        assertEquals(interp.pc, next, what);
        assertEquals(interp.bus.ram().read(DATA, 8), jitted.bus.ram().read(DATA, 8), what);
        assertEquals(interp.bus.ram().read(DATA - 8, 8), jitted.bus.ram().read(DATA - 8, 8), what);
    }

    private static String hex(int[] words) {
        StringBuilder s = new StringBuilder();
        for (int w : words) {
            s.append(String.format("%08x ", w));
        }
        return s.toString();
    }

    private long[] registers(long a, long b) {
        long[] r = new long[32];
        for (int k = 1; k < 32; k++) {
            r[k] = random.nextLong();
        }
        r[5] = a;
        r[6] = b;
        r[8] = DATA;
        return r;
    }

    private void everyOperandPair(int word) {
        load(new int[] {word});
        CompiledBlock block = translate(new int[] {word});
        for (long a : EDGES) {
            for (long b : EDGES) {
                compare(new int[] {word}, block, registers(a, b));
            }
        }
        for (int k = 0; k < 50; k++) {
            compare(new int[] {word}, block, registers(random.nextLong(), random.nextLong()));
        }
    }

    private static final int[][] R_OPS = {
        {0x33, 0, 0}, {0x33, 0x20, 0}, {0x33, 0, 1}, {0x33, 0, 2}, {0x33, 0, 3}, {0x33, 0, 4}, {0x33, 0, 5},
        {0x33, 0x20, 5}, {0x33, 0, 6}, {0x33, 0, 7},
        {0x33, 1, 0}, {0x33, 1, 1}, {0x33, 1, 2}, {0x33, 1, 3}, {0x33, 1, 4}, {0x33, 1, 5}, {0x33, 1, 6}, {0x33, 1, 7},
        {0x3b, 0, 0}, {0x3b, 0x20, 0}, {0x3b, 0, 1}, {0x3b, 0, 5}, {0x3b, 0x20, 5},
        {0x3b, 1, 0}, {0x3b, 1, 4}, {0x3b, 1, 5}, {0x3b, 1, 6}, {0x3b, 1, 7},
    };

    @Test
    void registerOperations_matchTheInterpreter_forEdgeAndRandomOperands() {
        for (int[] r : R_OPS) {
            everyOperandPair(Asm.r(r[1], 6, 5, r[2], 7, r[0]));   // rd distinct
            everyOperandPair(Asm.r(r[1], 6, 5, r[2], 5, r[0]));   // rd = rs1
            everyOperandPair(Asm.r(r[1], 5, 5, r[2], 6, r[0]));   // rs1 = rs2
            everyOperandPair(Asm.r(r[1], 6, 5, r[2], 0, r[0]));   // rd = x0
        }
    }

    @Test
    void immediateOperations_matchTheInterpreter() {
        int[] imms = {0, 1, -1, 2047, -2048, 0x555, 31};
        for (int f3 : new int[] {0, 2, 3, 4, 6, 7}) {
            for (int imm : imms) {
                everyOperandPair(Asm.i(imm, 5, f3, 7, 0x13));
            }
        }
        everyOperandPair(Asm.i(-7, 5, 0, 7, 0x1b));               // addiw
        for (int sh : new int[] {0, 1, 31, 32, 63}) {
            everyOperandPair(Asm.i(sh, 5, 1, 7, 0x13));           // slli
            everyOperandPair(Asm.i(sh, 5, 5, 7, 0x13));           // srli
            everyOperandPair(Asm.i(0x400 | sh, 5, 5, 5, 0x13));   // srai
        }
        for (int sh : new int[] {0, 1, 17, 31}) {
            everyOperandPair(Asm.i(sh, 5, 1, 7, 0x1b));           // slliw
            everyOperandPair(Asm.i(sh, 5, 5, 7, 0x1b));           // srliw
            everyOperandPair(Asm.i(0x400 | sh, 5, 5, 7, 0x1b));   // sraiw
        }
        everyOperandPair(Asm.lui(7, 0xfffff));
        everyOperandPair(Asm.lui(7, 0x7ffff));
        everyOperandPair((0x80000 << 12) | (7 << 7) | 0x17);    // auipc
    }

    @Test
    void loadsAndStores_matchTheInterpreter() {
        for (int f3 = 0; f3 <= 6; f3++) {
            for (int off : new int[] {0, 1, 2, 4, -8, 7}) {
                int size = 1 << (f3 & 3);
                if (off % size != 0) {
                    continue;   // misaligned accesses take the slow path; covered by the ISA tests
                }
                everyOperandPair(Asm.i(off, 8, f3, 7, 0x03));
                everyOperandPair(Asm.i(off, 8, f3, 8, 0x03));     // rd = base
            }
        }
        for (int f3 = 0; f3 <= 3; f3++) {
            everyOperandPair(Asm.s(0, 5, 8, f3, 0x23));
            everyOperandPair(Asm.s(-8, 6, 8, f3, 0x23));
        }
    }

    @Test
    void controlTransfers_returnTheSameNextPc() {
        for (int f3 : new int[] {0, 1, 4, 5, 6, 7}) {
            everyOperandPair(Asm.b(-8, 6, 5, f3));
            everyOperandPair(Asm.b(64, 6, 5, f3));
        }
        everyOperandPair((0x7fe << 21) | (1 << 7) | 0x6f);         // jal x1, +0xffc
        everyOperandPair(Asm.i(-3, 5, 0, 7, 0x67));               // jalr x7, -3(x5)
        everyOperandPair(Asm.i(5, 5, 0, 5, 0x67));                // jalr x5, 5(x5)
    }

    @Test
    void sameBlockContent_sharesOneClassWithSeparateInstances() {
        int[] program = {Asm.addi(1, 1, -1), Asm.add(2, 2, 1), Asm.bne(1, 0, -8)};
        CompiledBlock a = translate(program);
        CompiledBlock b = translate(program);
        assertTrue(a != b);
        assertEquals(a.getClass(), b.getClass());
        program[1] = Asm.add(3, 2, 1);
        assertTrue(translate(program).getClass() != a.getClass());
    }

    @Test
    void countdownLoop_loopsInsideTheBlockWithinBudget() {
        // loop: x1 -= 1; x2 += x1; bne x1, x0, loop
        int[] program = {Asm.addi(1, 1, -1), Asm.add(2, 2, 1), Asm.bne(1, 0, -8)};
        load(program);
        CompiledBlock block = translate(program);
        long[] regs = new long[32];
        regs[1] = 10;
        jitted.x[1] = 10;
        jitted.pc = RAM;
        jitted.batchLimit = 1000;
        assertEquals(RAM + 12, block.run(jitted, 1000));            // ran to the end of the loop
        assertEquals(30, block.retired());
        assertEquals(45, jitted.x[2]);
        compareLooping(program, block, regs, 10);                    // budget for 3 passes of 3
        assertEquals(9, block.retired());
        jitted.x[1] = 1000;
        jitted.batchLimit = Integer.MAX_VALUE;
        assertEquals(RAM + 12, block.run(jitted, Integer.MAX_VALUE));   // no overflow near the top
        assertEquals(3000, block.retired());
        jitted.batchLimit = 0;                                       // batch cut: one pass only
        jitted.x[1] = 10;
        assertEquals(RAM, block.run(jitted, 1000));
        assertEquals(3, block.retired());
    }

    @Test
    void randomStraightLineBlocks_matchTheInterpreter() {
        List<int[]> pool = new ArrayList<>();
        for (int[] r : R_OPS) {
            pool.add(r);
        }
        for (int b = 0; b < 200; b++) {
            int n = 1 + random.nextInt(30);
            int[] program = new int[n + 1];
            for (int k = 0; k < n; k++) {
                int rd = 1 + random.nextInt(7);
                int rs1 = random.nextInt(8);
                int rs2 = random.nextInt(8);
                switch (random.nextInt(5)) {
                    case 4:   // side exit: forward out of the block, or back to its start
                        program[k] = Asm.b(random.nextBoolean() ? -4 * k : 4 * (n + 2 - k), random.nextInt(8),
                                random.nextInt(8), new int[] {0, 1, 4, 5, 6, 7}[random.nextInt(6)]);
                        if (k == 0) {
                            program[k] = Asm.addi(rd, rs1, 1);
                        }
                        break;
                    case 0: {
                        int[] r = pool.get(random.nextInt(pool.size()));
                        program[k] = Asm.r(r[1], rs2, rs1, r[2], rd, r[0]);
                        break;
                    }
                    case 1:
                        program[k] = Asm.i(random.nextInt(4096) - 2048, rs1, new int[] {0, 2, 3, 4, 6, 7}[random.nextInt(6)],
                                rd, random.nextBoolean() ? 0x13 : 0x13);
                        break;
                    case 2:
                        program[k] = Asm.i(8 * random.nextInt(8), 9, 3, rd, 0x03);   // ld from DATA..
                        break;
                    default:
                        program[k] = Asm.sd(rs2, 9, 8 * random.nextInt(8));
                        break;
                }
            }
            program[n] = Asm.b(-4 * n, 2, 1, random.nextInt(2));     // beq/bne x1, x2 back to the start
            load(program);
            CompiledBlock block = translate(program);
            for (int k = 0; k < 5; k++) {
                long[] regs = registers(EDGES[random.nextInt(EDGES.length)], random.nextLong());
                regs[9] = DATA - 64;
                compare(program, block, regs);
                for (int q = 0; q < 8; q++) {
                    assertEquals(interp.bus.ram().read(DATA - 64 + 8 * q, 8), jitted.bus.ram().read(DATA - 64 + 8 * q, 8));
                }
                compareLooping(program, block, regs, 10 * program.length + random.nextInt(program.length));
                for (int q = 0; q < 8; q++) {
                    assertEquals(interp.bus.ram().read(DATA - 64 + 8 * q, 8), jitted.bus.ram().read(DATA - 64 + 8 * q, 8));
                }
            }
        }
    }
}
