package dev.hvscope.core.hart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hvscope.core.hart.fp.FpFlags;
import dev.hvscope.core.isa.Extension;
import dev.hvscope.core.isa.Opcode;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * RvFd moves bits between registers and the library: boxing, sign extension, operand negation of
 * the fused forms, flag accrual. Uses a bare Hart (FP assumed enabled; registers set directly).
 */
class RvFdTest {
    private static final int OP_FP = 0b1010011;
    private static final int FNMADD = 0b1001111;
    private static final int RNE = 0;
    private static final int DYN = 7;

    private Hart h;

    @BeforeEach
    void setUp() {
        h = new Hart(0, new dev.hvscope.core.bus.Bus(new dev.hvscope.core.bus.Ram(0x8000_0000L, 1 << 16)), true,
                () -> 0L);
        h.enableFp();
    }

    private static int r(int funct7, int rs2, int rs1, int funct3, int rd, int opcode) {
        return funct7 << 25 | rs2 << 20 | rs1 << 15 | funct3 << 12 | rd << 7 | opcode;
    }

    private static int r4(int rs3, int fmt, int rs2, int rs1, int rm, int rd, int opcode) {
        return rs3 << 27 | fmt << 25 | rs2 << 20 | rs1 << 15 | rm << 12 | rd << 7 | opcode;
    }

    private static long box(int bits) {
        return 0xffff_ffff_0000_0000L | (bits & 0xffff_ffffL);
    }

    @Test
    void faddS_boxesResultAndTreatsBadBoxAsCanonicalNaN() {
        h.f[1] = box(Float.floatToRawIntBits(1.5f));
        h.f[2] = box(Float.floatToRawIntBits(2.25f));
        RvFd.faddS(h, r(0b0000000, 2, 1, RNE, 3, OP_FP));
        assertEquals(box(Float.floatToRawIntBits(3.75f)), h.f[3]);
        h.f[2] = Float.floatToRawIntBits(2.25f); // upper half zero: not a valid box
        RvFd.faddS(h, r(0b0000000, 2, 1, RNE, 3, OP_FP));
        assertEquals(box(0x7fc0_0000), h.f[3]);
    }

    @Test
    void fmvXW_signExtendsLowBitsWithoutUnboxing() {
        h.f[4] = 0x0000_0000_8000_0001L; // not boxed: fmv.x.w still moves the raw low word
        RvFd.fmvXW(h, r(0b1110000, 0, 4, 0, 5, OP_FP));
        assertEquals(0xffff_ffff_8000_0001L, h.x[5]);
        h.x[6] = 0x1234_5678_3f80_0000L;
        RvFd.fmvWX(h, r(0b1111000, 0, 6, 0, 7, OP_FP));
        assertEquals(box(0x3f80_0000), h.f[7]);
    }

    @Test
    void fcvtWuD_signExtendsThe32BitResult() {
        h.f[1] = Double.doubleToRawLongBits(4e9);
        RvFd.fcvtWuD(h, r(0b1100001, 1, 1, RNE, 10, OP_FP));
        assertEquals((long) (int) 4_000_000_000L, h.x[10]);
        h.x[11] = 0xffff_ffffL;
        RvFd.fcvtDWu(h, r(0b1101001, 1, 11, RNE, 12, OP_FP));
        assertEquals(Double.doubleToRawLongBits(4294967295.0), h.f[12]);
        RvFd.fcvtDW(h, r(0b1101001, 0, 11, RNE, 13, OP_FP));
        assertEquals(Double.doubleToRawLongBits(-1.0), h.f[13]);
    }

    @Test
    void fnmaddD_negatesProductAndAddend() {
        h.f[1] = Double.doubleToRawLongBits(2.0);
        h.f[2] = Double.doubleToRawLongBits(3.0);
        h.f[3] = Double.doubleToRawLongBits(1.0);
        RvFd.fnmaddD(h, r4(3, 1, 2, 1, RNE, 4, FNMADD));
        assertEquals(Double.doubleToRawLongBits(-7.0), h.f[4]);
    }

    @Test
    void comparisonsWriteXAndAccrueFlags() {
        h.f[1] = 0x7ff8_0000_0000_0000L; // qNaN
        h.f[2] = Double.doubleToRawLongBits(1.0);
        h.x[5] = 99;
        RvFd.feqD(h, r(0b1010001, 2, 1, 0b010, 5, OP_FP));
        assertEquals(0, h.x[5]);
        assertEquals(0, h.fflags);
        RvFd.fltD(h, r(0b1010001, 2, 1, 0b001, 5, OP_FP));
        assertEquals(FpFlags.NV, h.fflags);
    }

    @Test
    void inexactResultAccruesNX() {
        h.f[1] = Double.doubleToRawLongBits(1.0);
        h.f[2] = Double.doubleToRawLongBits(3.0);
        RvFd.fdivD(h, r(0b0001101, 2, 1, DYN, 3, OP_FP)); // dynamic rm; frm resets to RNE
        assertEquals(Double.doubleToRawLongBits(1.0 / 3.0), h.f[3]);
        assertEquals(FpFlags.NX, h.fflags);
        RvFd.fcvtSD(h, r(0b0100000, 1, 3, RNE, 4, OP_FP));
        assertEquals(box(Float.floatToRawIntBits((float) (1.0 / 3.0))), h.f[4]);
    }

    /** FADD_S -> faddS, FCVT_WU_S -> fcvtWuS: the name the executor switch uses. */
    private static String methodName(Opcode op) {
        String[] parts = op.name().toLowerCase().split("_");
        StringBuilder sb = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            sb.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
        }
        return sb.toString();
    }

    @Test
    void everyFAndDOpcode_hasAnExecutorMethod() throws Exception {
        int n = 0;
        for (Opcode op : Opcode.values()) {
            if (op.extension() == Extension.F || op.extension() == Extension.D) {
                Method m = RvFd.class.getMethod(methodName(op), Hart.class, int.class);
                assertTrue(Modifier.isStatic(m.getModifiers()), m.toString());
                n++;
            }
        }
        assertEquals(62, n);
    }
}
