package dev.hvscope.core.hart.jit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hvscope.core.isa.Decoder;
import dev.hvscope.core.isa.OpId;
import org.junit.jupiter.api.Test;

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
        assertFalse(BlockTranslator.translatable(OpId.LR_W));
        assertFalse(BlockTranslator.translatable(OpId.FENCE_I));
        assertTrue(BlockTranslator.translatable(OpId.REMUW));
    }
}
