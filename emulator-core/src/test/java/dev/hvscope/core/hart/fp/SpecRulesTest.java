package dev.hvscope.core.hart.fp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The RISC-V F/D rules stated one by one in the spec, each as a worked example. */
class SpecRulesTest {
    private static final int QNAN_S = 0x7fc0_0000;
    private static final int QNAN_S_PAYLOAD = 0xffc1_2345;
    private static final int SNAN_S = 0x7f80_0001;
    private static final long QNAN_D = 0x7ff8_0000_0000_0000L;
    private static final long SNAN_D = 0x7ff0_0000_0000_0001L;
    private static final int ONE_S = 0x3f80_0000;
    private static final long ONE_D = 0x3ff0_0000_0000_0000L;
    private static final int POS_ZERO_S = 0;
    private static final int NEG_ZERO_S = 0x8000_0000;
    private static final long NEG_ZERO_D = Long.MIN_VALUE;
    private static final int INF_S = 0x7f80_0000;
    private static final long INF_D = 0x7ff0_0000_0000_0000L;

    private FpFlags fl;

    @BeforeEach
    void clear() {
        fl = new FpFlags();
    }

    @Test
    void nanBox_invalidBoxReadsAsCanonicalNaN() {
        assertEquals(0x3f80_0000, NanBox.unbox(0xffff_ffff_3f80_0000L));
        assertEquals(F32.CANONICAL_NAN, NanBox.unbox(0x0000_0000_3f80_0000L));
        assertEquals(F32.CANONICAL_NAN, NanBox.unbox(0xffff_fffe_3f80_0000L));
        assertEquals(0xffff_ffff_8000_0000L, NanBox.box(NEG_ZERO_S));
    }

    @Test
    void arithmetic_neverPropagatesNaNPayloads() {
        assertEquals(F32.CANONICAL_NAN, F32.add(QNAN_S_PAYLOAD, ONE_S, 0, fl));
        assertEquals(0, fl.bits);
        assertEquals(F64.CANONICAL_NAN, F64.mul(0xfff8_0000_dead_beefL, ONE_D, 0, fl));
        assertEquals(0, fl.bits);
        assertEquals(F64.CANONICAL_NAN, F32.toF64(QNAN_S_PAYLOAD, fl));
        assertEquals(F32.CANONICAL_NAN, F64.toF32(0xfff8_0000_dead_beefL, 0, fl));
        assertEquals(0, fl.bits);
    }

    @Test
    void signallingNaNOperand_raisesInvalid() {
        assertEquals(F32.CANONICAL_NAN, F32.sqrt(SNAN_S, 0, fl));
        assertEquals(FpFlags.NV, fl.take());
        assertEquals(F32.CANONICAL_NAN, F64.toF32(SNAN_D, 0, fl));
        assertEquals(FpFlags.NV, fl.take());
        assertEquals(F64.CANONICAL_NAN, F64.fma(ONE_D, ONE_D, SNAN_D, 0, fl));
        assertEquals(FpFlags.NV, fl.take());
    }

    @Test
    void invalidOperations_giveCanonicalNaNAndNV() {
        assertEquals(F32.CANONICAL_NAN, F32.sub(INF_S, INF_S, 0, fl));
        assertEquals(FpFlags.NV, fl.take());
        assertEquals(F64.CANONICAL_NAN, F64.mul(INF_D, 0, 0, fl));
        assertEquals(FpFlags.NV, fl.take());
        assertEquals(F64.CANONICAL_NAN, F64.div(0, NEG_ZERO_D, 0, fl));
        assertEquals(FpFlags.NV, fl.take());
        assertEquals(F32.CANONICAL_NAN, F32.sqrt(0xbf80_0000, 0, fl)); // sqrt(-1)
        assertEquals(FpFlags.NV, fl.take());
        assertEquals(NEG_ZERO_S, F32.sqrt(NEG_ZERO_S, 0, fl)); // sqrt(-0) = -0, valid
        assertEquals(0, fl.take());
    }

    @Test
    void fma_infTimesZeroPlusQuietNaN_stillRaisesInvalid() {
        assertEquals(F64.CANONICAL_NAN, F64.fma(INF_D, 0, QNAN_D, 0, fl));
        assertEquals(FpFlags.NV, fl.take());
        assertEquals(F32.CANONICAL_NAN, F32.fma(POS_ZERO_S, INF_S, QNAN_S, 0, fl));
        assertEquals(FpFlags.NV, fl.take());
        assertEquals(F32.CANONICAL_NAN, F32.fma(ONE_S, ONE_S, QNAN_S, 0, fl)); // plain qNaN: quiet
        assertEquals(0, fl.take());
    }

    @Test
    void divideByZero_raisesDZWithSignedInfinity() {
        assertEquals(0xff80_0000, F32.div(0xbf80_0000, POS_ZERO_S, 0, fl));
        assertEquals(FpFlags.DZ, fl.take());
        assertEquals(INF_D, F64.div(ONE_D, 0, 0, fl));
        assertEquals(FpFlags.DZ, fl.take());
    }

    @Test
    void exactZeroSum_isNegativeOnlyWhenRoundingDown() {
        assertEquals(0, F64.sub(ONE_D, ONE_D, RoundingMode.RNE, fl));
        assertEquals(NEG_ZERO_D, F64.sub(ONE_D, ONE_D, RoundingMode.RDN, fl));
        assertEquals(NEG_ZERO_S, F32.add(NEG_ZERO_S, NEG_ZERO_S, RoundingMode.RNE, fl));
        assertEquals(0, fl.bits);
    }

    @Test
    void tininess_isDetectedAfterRounding() {
        // (2^27-1)*2^-538 * (2^27+1)*2^-538 = 2^-1022 * (1 - 2^-54): a tie at unbounded exponent.
        long x = Double.doubleToRawLongBits(Math.scalb((double) ((1 << 27) - 1), -538));
        long y = Double.doubleToRawLongBits(Math.scalb((double) ((1 << 27) + 1), -538));
        // RNE: rounds to 2^-1022 even with unbounded range, so not tiny: NX without UF.
        assertEquals(0x0010_0000_0000_0000L, F64.mul(x, y, RoundingMode.RNE, fl));
        assertEquals(FpFlags.NX, fl.take());
        // RTZ: 2^-1022 * (1 - 2^-53) unbounded, tiny: UF | NX, largest subnormal.
        assertEquals(0x000f_ffff_ffff_ffffL, F64.mul(x, y, RoundingMode.RTZ, fl));
        assertEquals(FpFlags.UF | FpFlags.NX, fl.take());
        // binary32: 18631*2^-76 * 1801*2^-75 = 2^-126 * (1 - 2^-25)
        int a = Float.floatToRawIntBits(Math.scalb(18631f, -76));
        int b = Float.floatToRawIntBits(Math.scalb(1801f, -75));
        assertEquals(0x0080_0000, F32.mul(a, b, RoundingMode.RMM, fl));
        assertEquals(FpFlags.NX, fl.take());
        assertEquals(0x007f_ffff, F32.mul(a, b, RoundingMode.RDN, fl));
        assertEquals(FpFlags.UF | FpFlags.NX, fl.take());
    }

    @Test
    void exactSubnormalResult_raisesNoUnderflow() {
        long minNormal = 0x0010_0000_0000_0000L;
        long half = 0x3fe0_0000_0000_0000L;
        assertEquals(0x0008_0000_0000_0000L, F64.mul(minNormal, half, RoundingMode.RNE, fl));
        assertEquals(0, fl.bits);
    }

    @Test
    void overflow_followsRoundingDirection() {
        int max = 0x7f7f_ffff;
        assertEquals(INF_S, F32.mul(max, 0x4000_0000, RoundingMode.RNE, fl));
        assertEquals(FpFlags.OF | FpFlags.NX, fl.take());
        assertEquals(max, F32.mul(max, 0x4000_0000, RoundingMode.RTZ, fl));
        assertEquals(FpFlags.OF | FpFlags.NX, fl.take());
        assertEquals(max | 0x8000_0000, F32.mul(max, 0xc000_0000, RoundingMode.RUP, fl));
        assertEquals(0xff80_0000, F32.mul(max, 0xc000_0000, RoundingMode.RDN, fl));
    }

    @Test
    void fminFmax_orderNegativeZeroBelowPositiveZero() {
        assertEquals(NEG_ZERO_S, F32.min(POS_ZERO_S, NEG_ZERO_S, fl));
        assertEquals(NEG_ZERO_S, F32.min(NEG_ZERO_S, POS_ZERO_S, fl));
        assertEquals(POS_ZERO_S, F32.max(NEG_ZERO_S, POS_ZERO_S, fl));
        assertEquals(0L, F64.max(NEG_ZERO_D, 0, fl));
        assertEquals(NEG_ZERO_D, F64.min(0, NEG_ZERO_D, fl));
        assertEquals(0, fl.bits);
    }

    @Test
    void fminFmax_returnTheNumberWhenOneOperandIsNaN_andNVOnlyForSignalling() {
        assertEquals(ONE_S, F32.min(QNAN_S, ONE_S, fl));
        assertEquals(ONE_S, F32.max(ONE_S, QNAN_S_PAYLOAD, fl));
        assertEquals(0, fl.take());
        assertEquals(ONE_D, F64.max(SNAN_D, ONE_D, fl));
        assertEquals(FpFlags.NV, fl.take());
        assertEquals(F32.CANONICAL_NAN, F32.min(QNAN_S_PAYLOAD, QNAN_S_PAYLOAD, fl));
        assertEquals(0, fl.take());
        assertEquals(F64.CANONICAL_NAN, F64.min(SNAN_D, QNAN_D, fl));
        assertEquals(FpFlags.NV, fl.take());
    }

    @Test
    void feq_isQuiet_fltFle_signalOnAnyNaN() {
        assertFalse(F32.eq(QNAN_S, QNAN_S, fl));
        assertEquals(0, fl.take());
        assertFalse(F32.eq(SNAN_S, ONE_S, fl));
        assertEquals(FpFlags.NV, fl.take());
        assertFalse(F64.lt(QNAN_D, ONE_D, fl));
        assertEquals(FpFlags.NV, fl.take());
        assertFalse(F64.le(ONE_D, QNAN_D, fl));
        assertEquals(FpFlags.NV, fl.take());
        assertTrue(F64.eq(0, NEG_ZERO_D, fl));
        assertFalse(F64.lt(NEG_ZERO_D, 0, fl));
        assertTrue(F32.le(POS_ZERO_S, NEG_ZERO_S, fl));
        assertEquals(0, fl.bits);
    }

    @Test
    void comparisons_matchJavaOnNonNaNValues() {
        Operands s = new Operands(RefFloat.S, 41);
        Operands d = new Operands(RefFloat.D, 42);
        for (int i = 0; i < 20000; i++) {
            int a = (int) s.any();
            int b = i % 3 == 0 ? a ^ 1 : (int) s.any();
            float fa = Float.intBitsToFloat(a);
            float fb = Float.intBitsToFloat(b);
            if (!Float.isNaN(fa) && !Float.isNaN(fb)) {
                assertEquals(fa < fb, F32.lt(a, b, fl));
                assertEquals(fa <= fb, F32.le(a, b, fl));
                assertEquals(fa == fb, F32.eq(a, b, fl));
                if (fa != fb) {
                    assertEquals(Math.min(fa, fb), Float.intBitsToFloat(F32.min(a, b, fl)));
                    assertEquals(Math.max(fa, fb), Float.intBitsToFloat(F32.max(a, b, fl)));
                }
            }
            long x = d.any();
            long y = i % 3 == 0 ? x ^ 1 : d.any();
            double dx = Double.longBitsToDouble(x);
            double dy = Double.longBitsToDouble(y);
            if (!Double.isNaN(dx) && !Double.isNaN(dy)) {
                assertEquals(dx < dy, F64.lt(x, y, fl));
                assertEquals(dx <= dy, F64.le(x, y, fl));
                assertEquals(dx == dy, F64.eq(x, y, fl));
                if (dx != dy) {
                    assertEquals(Math.min(dx, dy), Double.longBitsToDouble(F64.min(x, y, fl)));
                    assertEquals(Math.max(dx, dy), Double.longBitsToDouble(F64.max(x, y, fl)));
                }
            }
        }
        assertEquals(0, fl.bits);
    }

    @Test
    void fclass_setsExactlyOneBitPerClass() {
        assertEquals(1 << 0, F32.classify(0xff80_0000));
        assertEquals(1 << 1, F32.classify(0xbf80_0000));
        assertEquals(1 << 2, F32.classify(0x8000_0001));
        assertEquals(1 << 3, F32.classify(NEG_ZERO_S));
        assertEquals(1 << 4, F32.classify(POS_ZERO_S));
        assertEquals(1 << 5, F32.classify(0x007f_ffff));
        assertEquals(1 << 6, F32.classify(0x0080_0000));
        assertEquals(1 << 7, F32.classify(INF_S));
        assertEquals(1 << 8, F32.classify(SNAN_S));
        assertEquals(1 << 9, F32.classify(QNAN_S_PAYLOAD));
        assertEquals(1 << 0, F64.classify(INF_D | Long.MIN_VALUE));
        assertEquals(1 << 2, F64.classify(Long.MIN_VALUE | 1));
        assertEquals(1 << 5, F64.classify(0x000f_ffff_ffff_ffffL));
        assertEquals(1 << 6, F64.classify(0x7fef_ffff_ffff_ffffL));
        assertEquals(1 << 8, F64.classify(SNAN_D));
        assertEquals(1 << 9, F64.classify(QNAN_D));
    }

    @Test
    void signInjection_isBitwiseAndKeepsNaNPayloads() {
        assertEquals(0xbf80_0000, F32.sgnj(ONE_S, 0x8000_0000));
        assertEquals(0x3f80_0000, F32.sgnjn(ONE_S, 0x8000_0000));
        assertEquals(0xbf80_0000, F32.sgnjx(0xbf80_0000 ^ 0x8000_0000, 0x8000_0000));
        assertEquals(0x7fc1_2345, F32.sgnjx(QNAN_S_PAYLOAD, 0xffff_ffff)); // fabs of a NaN
        assertEquals(SNAN_D | Long.MIN_VALUE, F64.sgnjn(SNAN_D, 0)); // fneg
    }

    @Test
    void floatToInt_followsTheSaturationTable() {
        assertEquals(0x7fff_ffffL, F32.toInt32(QNAN_S, 0, fl));
        assertEquals(FpFlags.NV, fl.take());
        assertEquals(-1L, F32.toUInt32(QNAN_S, 0, fl)); // 2^32-1 sign-extended
        assertEquals(FpFlags.NV, fl.take());
        assertEquals(Long.MAX_VALUE, F64.toInt64(QNAN_D, 0, fl));
        assertEquals(-1L, F64.toUInt64(SNAN_D, 0, fl));
        assertEquals(FpFlags.NV, fl.take());
        assertEquals((long) Integer.MIN_VALUE, F32.toInt32(0xff80_0000, 0, fl));
        assertEquals(FpFlags.NV, fl.take());
        assertEquals(0L, F64.toUInt64(0xbff0_0000_0000_0000L, 0, fl)); // -1.0
        assertEquals(FpFlags.NV, fl.take());
        assertEquals(0L, F64.toUInt32(0xbfe0_0000_0000_0000L, RoundingMode.RTZ, fl)); // -0.5 -> 0 valid
        assertEquals(FpFlags.NX, fl.take());
        assertEquals(Long.MIN_VALUE, F64.toInt64(0xc3e0_0000_0000_0000L, 0, fl)); // -2^63 exactly
        assertEquals(0, fl.take());
        assertEquals(-1L, F64.toUInt64(0x43f0_0000_0000_0000L, 0, fl)); // 2^64 saturates
        assertEquals(FpFlags.NV, fl.take());
        assertEquals(3L, F64.toInt32(0x4004_0000_0000_0000L, RoundingMode.RMM, fl)); // 2.5 -> 3
        assertEquals(2L, F64.toInt32(0x4004_0000_0000_0000L, RoundingMode.RNE, fl)); // 2.5 -> 2
        assertEquals(FpFlags.NX, fl.take());
    }

    @Test
    void fastAndSoftPaths_agreeOnRandomNormalOperands() {
        SplittableRandom r = new SplittableRandom(43);
        FpFlags soft = new FpFlags();
        for (int i = 0; i < 200000; i++) {
            long a = Double.doubleToRawLongBits((r.nextDouble() - 0.5) * Math.scalb(1.0, r.nextInt(200) - 100));
            long b = Double.doubleToRawLongBits((r.nextDouble() - 0.5) * Math.scalb(1.0, r.nextInt(200) - 100));
            fl.bits = 0;
            soft.bits = 0;
            assertEquals(FpArith.add(FpFormat.DOUBLE, a, b, 0, soft), F64.add(a, b, 0, fl));
            assertEquals(FpArith.mul(FpFormat.DOUBLE, a, b, 0, soft), F64.mul(a, b, 0, fl));
            assertEquals(FpArith.div(FpFormat.DOUBLE, a, b, 0, soft), F64.div(a, b, 0, fl));
            assertEquals(FpArith.sqrt(FpFormat.DOUBLE, a & Long.MAX_VALUE, 0, soft), F64.sqrt(a & Long.MAX_VALUE, 0, fl));
            assertEquals(soft.bits, fl.bits);
            int x = Float.floatToRawIntBits((float) Double.longBitsToDouble(a));
            int y = Float.floatToRawIntBits((float) Double.longBitsToDouble(b));
            fl.bits = 0;
            soft.bits = 0;
            assertEquals((int) FpArith.add(FpFormat.SINGLE, x & 0xffff_ffffL, y & 0xffff_ffffL, 0, soft), F32.add(x, y, 0, fl));
            assertEquals((int) FpArith.mul(FpFormat.SINGLE, x & 0xffff_ffffL, y & 0xffff_ffffL, 0, soft), F32.mul(x, y, 0, fl));
            assertEquals((int) FpArith.div(FpFormat.SINGLE, x & 0xffff_ffffL, y & 0xffff_ffffL, 0, soft), F32.div(x, y, 0, fl));
            assertEquals((int) FpArith.sqrt(FpFormat.SINGLE, x & 0x7fff_ffffL, 0, soft), F32.sqrt(x & 0x7fff_ffff, 0, fl));
            assertEquals(soft.bits, fl.bits);
        }
    }
}
