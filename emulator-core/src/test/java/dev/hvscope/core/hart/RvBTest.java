package dev.hvscope.core.hart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hvscope.core.bus.Bus;
import dev.hvscope.core.bus.Ram;
import dev.hvscope.core.isa.Extension;
import dev.hvscope.core.isa.Opcode;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Zba, Zbb, Zbc and Zbs through decode and the executor's switch, on edge values, with the
 * results worked out by hand from the spec's pseudocode. Each instruction is run as
 * {@code op x3, x1, x2} (or {@code op x3, x1, imm}) for one step.
 */
class RvBTest {
    private static final long RAM = 0x8000_0000L;
    private static final long A = 0x8000_0000_0000_0001L;
    private static final long B = 0x0123_4567_89ab_cdefL;

    private final Bus bus = new Bus(new Ram(RAM, 1 << 16));
    private final Hart hart = new Hart(0, bus, true, () -> 0L);
    private final Set<Opcode> tested = EnumSet.noneOf(Opcode.class);

    /** Runs {@code op x3, x1, x2} with the immediate (shamt) in the rs2/shamt field when given. */
    private long run(Opcode op, long rs1, long rs2OrImm) {
        boolean immediate = op.format() == dev.hvscope.core.isa.Format.SHIFT
                || op.format() == dev.hvscope.core.isa.Format.SHIFTW;
        int w = op.match() | 3 << 7 | 1 << 15;
        if (immediate) {
            w |= (int) rs2OrImm << 20;
        } else if (op.format() == dev.hvscope.core.isa.Format.R) {
            w |= 2 << 20;
        }
        bus.ram().write(RAM, 4, w);
        hart.reset(RAM);
        hart.x[1] = rs1;
        hart.x[2] = rs2OrImm;
        assertEquals(1, Executor.run(hart, 1), op.name());
        tested.add(op);
        return hart.x[3];
    }

    private void check(long expected, Opcode op, long rs1, long rs2OrImm) {
        assertEquals(expected, run(op, rs1, rs2OrImm),
                () -> String.format("%s %x, %x", op.mnemonic(), rs1, rs2OrImm));
    }

    @Test
    void zba() {
        check(0xffff_ffffL + 5, Opcode.ADD_UW, -1L, 5);
        check(0x8000_0000L, Opcode.ADD_UW, 0xffff_ffff_8000_0000L, 0);
        check(2 * A + 7, Opcode.SH1ADD, A, 7);
        check(4 * A + 7, Opcode.SH2ADD, A, 7);
        check(8 * A + 7, Opcode.SH3ADD, A, 7);
        check(0x1_ffff_fffeL - 1, Opcode.SH1ADD_UW, -1L, -1L);
        check(0x3_ffff_fffcL, Opcode.SH2ADD_UW, -1L, 0);
        check(0x4_0000_0000L + 1, Opcode.SH3ADD_UW, 0xdead_beef_8000_0000L, 1);
        check(0xffff_ffffL << 32, Opcode.SLLI_UW, -1L, 32);
        check(0x8000_0000_0000_0000L, Opcode.SLLI_UW, 0x1_0000_0001L, 63);
    }

    @Test
    void zbbLogicAndCounts() {
        check(B & ~A, Opcode.ANDN, B, A);
        check(B | ~A, Opcode.ORN, B, A);
        check(~(B ^ A), Opcode.XNOR, B, A);
        check(64, Opcode.CLZ, 0, 0);
        check(0, Opcode.CLZ, A, 0);
        check(7, Opcode.CLZ, B, 0);
        check(64, Opcode.CTZ, 0, 0);
        check(63, Opcode.CTZ, Long.MIN_VALUE, 0);
        check(32, Opcode.CPOP, B, 0);
        check(64, Opcode.CPOP, -1L, 0);
        check(32, Opcode.CLZW, 0xffff_ffff_0000_0000L, 0);
        check(0, Opcode.CLZW, 0x8000_0000L, 0);
        check(32, Opcode.CTZW, 0xffff_ffff_0000_0000L, 0);
        check(4, Opcode.CTZW, 0x10L, 0);
        check(20, Opcode.CPOPW, B, 0); // 0x89abcdef
        check(0, Opcode.CPOPW, 0xffff_ffff_0000_0000L, 0);
    }

    @Test
    void zbbMinMaxAndExtension() {
        check(B, Opcode.MAX, A, B);
        check(A, Opcode.MAXU, A, B);
        check(A, Opcode.MIN, A, B);
        check(B, Opcode.MINU, A, B);
        check(-1L, Opcode.MAX, -1L, Long.MIN_VALUE);
        check(0, Opcode.MINU, 0, -1L);
        check(-17L, Opcode.SEXT_B, 0x1234_56efL, 0);
        check(0x7fL, Opcode.SEXT_B, -129L, 0);
        check(0xffff_ffff_ffff_cdefL, Opcode.SEXT_H, B, 0);
        check(0xcdefL, Opcode.ZEXT_H, B, 0);
    }

    @Test
    void zbbRotatesAndBytes() {
        check(0x3L, Opcode.ROL, A, 1);
        check(A, Opcode.ROL, A, 64); // only the low six bits of rs2 count
        check(0xc000_0000_0000_0000L, Opcode.ROR, A, 1);
        check(0x2345_6789_abcd_ef01L, Opcode.RORI, B, 56);
        check(0xffff_ffff_9abc_def8L, Opcode.ROLW, B, 4); // 0x89abcdef rol 4, sign-extended
        check(0xffff_ffff_f89a_bcdeL, Opcode.RORW, B, 36); // rs2 taken mod 32
        check(0xffff_ffff_f89a_bcdeL, Opcode.RORIW, B, 4);
        check(0x0000_0001L, Opcode.RORIW, 0x1_0000_0001L, 0);
        check(0xff00_ff00_ff00_ff00L, Opcode.ORC_B, 0x0100_8000_0100_8000L, 0);
        check(0L, Opcode.ORC_B, 0L, 0);
        check(0xefcd_ab89_6745_2301L, Opcode.REV8, B, 0);
    }

    @Test
    void zbc() {
        check(0x5L ^ 0xaL, Opcode.CLMUL, 0x5L, 0x3L); // (x^2+1)(x+1) = x^3+x^2+x+1
        check(Long.MIN_VALUE, Opcode.CLMUL, Long.MIN_VALUE, 1);
        check(0L, Opcode.CLMULH, Long.MIN_VALUE, 1);
        check(0x4000_0000_0000_0000L, Opcode.CLMULH, Long.MIN_VALUE, Long.MIN_VALUE); // x^126
        check(0x5555_5555_5555_5555L, Opcode.CLMULH, -1L, -1L);
        check(0x8000_0000_0000_0000L, Opcode.CLMULR, Long.MIN_VALUE, Long.MIN_VALUE); // x^126 >> 63
        check(0xaaaa_aaaa_aaaa_aaaaL, Opcode.CLMULR, -1L, -1L); // product bit 63+m is set for odd m
        check(0x1L, Opcode.CLMULR, 1, Long.MIN_VALUE);
    }

    @Test
    void zbs() {
        check(1L, Opcode.BCLR, A, 63);
        check(A, Opcode.BCLR, A, 62);
        check(0x8000_0000_0000_0000L, Opcode.BCLR, A, 64); // rs2 mod 64
        check(Long.MIN_VALUE, Opcode.BCLRI, A, 0);
        check(1L, Opcode.BEXT, A, 127);
        check(0L, Opcode.BEXT, A, 1);
        check(1L, Opcode.BEXTI, B, 0);
        check(0L, Opcode.BEXTI, B, 63);
        check(0xc000_0000_0000_0001L, Opcode.BINV, A, 62);
        check(A ^ 1L << 32, Opcode.BINVI, A, 32);
        check(A | 1L << 5, Opcode.BSET, A, 5 + 64);
        check(A | 1L << 40, Opcode.BSETI, A, 40);
    }

    @Test
    void rdZero_isNeverWritten() {
        bus.ram().write(RAM, 4, Opcode.CPOP.match() | 1 << 15);
        hart.reset(RAM);
        hart.x[1] = -1L;
        Executor.run(hart, 1);
        assertEquals(0L, hart.x[0]);
    }

    @Test
    void everyBitManipInstruction_isCovered() throws Exception {
        zba();
        zbbLogicAndCounts();
        zbbMinMaxAndExtension();
        zbbRotatesAndBytes();
        zbc();
        zbs();
        for (Opcode op : Opcode.values()) {
            Extension e = op.extension();
            if (e == Extension.ZBA || e == Extension.ZBB || e == Extension.ZBC || e == Extension.ZBS) {
                assertTrue(tested.contains(op), op + " has no test");
            }
        }
    }
}
