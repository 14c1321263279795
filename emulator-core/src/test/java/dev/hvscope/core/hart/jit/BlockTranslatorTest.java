package dev.hvscope.core.hart.jit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hvscope.core.hart.Hart;
import dev.hvscope.core.isa.Decoder;
import dev.hvscope.core.isa.OpId;
import dev.hvscope.core.isa.Opcode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.CheckClassAdapter;

class BlockTranslatorTest {
    /** HotSpot's HugeMethodLimit: C2 does not compile larger methods. */
    private static final int HUGE_METHOD_LIMIT = 8000;

    private static int store(int rs2, int rs1, int imm) {
        return (((imm >> 5) & 0x7f) << 25) | (rs2 << 20) | (rs1 << 15) | (3 << 12) | ((imm & 0x1f) << 7) | 0x23;
    }

    private static int bne(int rs1, int rs2, int offset) {
        return (((offset >> 12) & 1) << 31) | (((offset >> 5) & 0x3f) << 25) | (rs2 << 20) | (rs1 << 15) | (1 << 12)
                | (((offset >> 1) & 0xf) << 8) | (((offset >> 11) & 1) << 7) | 0x63;
    }

    @Test
    void largestBlock_ofStoresAndSideExitsOverEveryRegister_staysCompilableByC2() {
        int n = BlockTranslator.MAX_INSTRUCTIONS;
        int[] words = new int[n];
        int[] ops = new int[n];
        byte[] lengths = new byte[n];
        for (int k = 0; k < n; k++) {
            int r = 1 + k % 31;
            words[k] = k % 2 == 0 ? store(r, 1 + (k + 7) % 31, -8 * k) : bne(r, 1 + (k + 3) % 31, 0x800 - 4 * k);
            ops[k] = Decoder.decode(words[k]).ordinal();
            lengths[k] = 4;
        }
        words[n - 1] = 0x0000006f;   // jal x0, 0: back to itself
        ops[n - 1] = OpId.JAL;
        byte[] cls = BlockTranslator.classBytes("dev/hvscope/core/hart/jit/Probe", 0x8000_0000L, words, ops, lengths, n);
        assertTrue(cls.length < HUGE_METHOD_LIMIT, "class file of " + cls.length + " bytes");
    }

    @Test
    void unconditionalJumpsEndBlocks_conditionalBranchesDoNot() {
        assertTrue(BlockTranslator.endsBlock(OpId.JAL));
        assertTrue(BlockTranslator.endsBlock(OpId.JALR));
        assertFalse(BlockTranslator.endsBlock(OpId.BNE));
        assertFalse(BlockTranslator.translatable(OpId.BREAK));
        assertFalse(BlockTranslator.translatable(OpId.CSRRS));
        assertTrue(BlockTranslator.translatable(OpId.LR_W));
        assertTrue(BlockTranslator.translatable(OpId.HLV_D));
        assertFalse(BlockTranslator.translatable(OpId.HFENCE_GVMA));
        assertFalse(BlockTranslator.translatable(OpId.MRET));
        assertFalse(BlockTranslator.translatable(OpId.FENCE_I));
        assertTrue(BlockTranslator.translatable(OpId.REMUW));
    }

    /** An instance of op with random operand bits (redrawn until it decodes as op). */
    private static int instance(Opcode op, Random random) {
        while (true) {
            int w = op.match() | (random.nextInt() & ~op.mask());
            if (Decoder.decode(w) == op) {
                return w;
            }
        }
    }

    /** Every translatable opcode, in blocks that end with each way out (jal, jalr, a branch, the end). */
    private static List<int[]> blocksOfEveryTranslatableOpcode() {
        Random random = new Random(1);
        List<Integer> body = new ArrayList<>();
        for (Opcode op : Opcode.values()) {
            if (!op.isInternal() && BlockTranslator.translatable(op.ordinal()) && !BlockTranslator.endsBlock(op.ordinal())) {
                body.add(instance(op, random));
                body.add(instance(op, random));
            }
        }
        int[] endings = {instance(Opcode.JAL, random), 0x0000006f, instance(Opcode.JALR, random),
            instance(Opcode.BNE, random), instance(Opcode.ADD, random)};
        List<int[]> blocks = new ArrayList<>();
        int chunk = BlockTranslator.MAX_INSTRUCTIONS - 1;
        for (int from = 0, e = 0; from < body.size(); from += chunk, e++) {
            int n = Math.min(chunk, body.size() - from);
            int[] words = new int[n + 1];
            for (int k = 0; k < n; k++) {
                words[k] = body.get(from + k);
            }
            words[n] = endings[e % endings.length];
            blocks.add(words);
        }
        return blocks;
    }

    @Test
    void blocksOfEveryTranslatableOpcode_passAsmsBytecodeVerifier() {
        for (int[] words : blocksOfEveryTranslatableOpcode()) {
            int n = words.length;
            int[] ops = new int[n];
            byte[] lengths = new byte[n];
            for (int k = 0; k < n; k++) {
                ops[k] = Decoder.decode(words[k]).ordinal();
                lengths[k] = 4;
            }
            byte[] cls = BlockTranslator.classBytes("dev/hvscope/core/hart/TranslatedBlock", 0x8000_0000L, words, ops,
                    lengths, n);
            StringWriter report = new StringWriter();
            CheckClassAdapter.verify(new ClassReader(cls), getClass().getClassLoader(), false, new PrintWriter(report));
            assertTrue(report.toString().isEmpty(), report.toString());
            assertTrue(cls.length < HUGE_METHOD_LIMIT, "class file of " + cls.length + " bytes");
        }
    }

    @Test
    void everyCalledInstruction_isAStaticInterpreterMethodTakingHartAndWord() throws Exception {
        int called = 0;
        for (Opcode op : Opcode.values()) {
            if (InterpreterCall.handles(op.ordinal())) {
                Class<?> owner = Class.forName(InterpreterCall.owner(op.ordinal()).replace('/', '.'));
                Method m = owner.getDeclaredMethod(InterpreterCall.method(op.ordinal()), Hart.class, int.class);
                assertTrue(Modifier.isStatic(m.getModifiers()), m.toString());
                assertTrue(m.getReturnType() == void.class, m.toString());
                assertTrue(BlockTranslator.translatable(op.ordinal()));
                called++;
            }
        }
        assertTrue(called == (OpId.HSV_D - OpId.HLV_B + 1) + (OpId.AMOMAXU_D - OpId.LR_W + 1) + (OpId.FCVT_D_S - OpId.FLW + 1)
                + (OpId.BSETI - OpId.ADD_UW + 1), "HLV/HSV, F, D, A and Zb*: " + called);
    }
}
