package dev.hvscope.core.hart.fp;

import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * fcvt.* in every rounding mode against {@link RefFloat}: float-to-integer through BigDecimal
 * rounding and the spec's saturation table, integer-to-float and float-to-float through the
 * rational reference.
 */
class ConversionAgainstReferenceTest {
    private static final BigInteger I32_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger I32_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
    private static final BigInteger U32_MAX = BigInteger.valueOf(0xffff_ffffL);
    private static final BigInteger I64_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger I64_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    interface ToInt {
        long apply(long a, int rm, FpFlags fl);
    }

    private final List<String> failures = new ArrayList<>();

    private void compare(String what, long wantBits, int wantFlags, long got, int gotFlags) {
        if (wantBits != got || wantFlags != gotFlags) {
            if (failures.size() < 20) {
                failures.add(String.format("%s: want %x %s, got %x %s", what, wantBits,
                        FpFlags.toString(wantFlags), got, FpFlags.toString(gotFlags)));
            }
        }
    }

    private void assertNoFailures() {
        if (!failures.isEmpty()) {
            fail(failures.size() + " mismatches (first 20):\n" + String.join("\n", failures));
        }
    }

    private long[] operands(RefFloat.Fmt f, long seed) {
        Operands ops = new Operands(f, seed);
        long[] v = new long[ops.edges.length + Integer.getInteger("fp.random", 3000)];
        System.arraycopy(ops.edges, 0, v, 0, ops.edges.length);
        for (int i = ops.edges.length; i < v.length; i++) {
            v[i] = ops.any();
        }
        return v;
    }

    private void checkToInt(String name, RefFloat.Fmt f, ToInt op, BigInteger min, BigInteger max,
            boolean signExtend32, long seed) {
        FpFlags fl = new FpFlags();
        for (long a : operands(f, seed)) {
            for (int rm = 0; rm <= 4; rm++) {
                RefFloat.R want = RefFloat.toInteger(f, a, rm, min, max);
                long wantBits = signExtend32 ? (int) want.bits : want.bits;
                fl.bits = 0;
                long got = op.apply(a, rm, fl);
                compare(String.format("%s(%x) %s", name, a, RoundingMode.name(rm)), wantBits, want.flags, got, fl.bits);
            }
        }
        assertNoFailures();
    }

    @Test
    void fcvtWS_roundsAndSaturates() {
        checkToInt("fcvt.w.s", RefFloat.S, (a, rm, fl) -> F32.toInt32((int) a, rm, fl), I32_MIN, I32_MAX, true, 21);
    }

    @Test
    void fcvtWUS_roundsAndSaturates() {
        checkToInt("fcvt.wu.s", RefFloat.S, (a, rm, fl) -> F32.toUInt32((int) a, rm, fl), BigInteger.ZERO, U32_MAX, true, 22);
    }

    @Test
    void fcvtLS_roundsAndSaturates() {
        checkToInt("fcvt.l.s", RefFloat.S, (a, rm, fl) -> F32.toInt64((int) a, rm, fl), I64_MIN, I64_MAX, false, 23);
    }

    @Test
    void fcvtLUS_roundsAndSaturates() {
        checkToInt("fcvt.lu.s", RefFloat.S, (a, rm, fl) -> F32.toUInt64((int) a, rm, fl), BigInteger.ZERO, U64_MAX, false, 24);
    }

    @Test
    void fcvtWD_roundsAndSaturates() {
        checkToInt("fcvt.w.d", RefFloat.D, F64::toInt32, I32_MIN, I32_MAX, true, 25);
    }

    @Test
    void fcvtWUD_roundsAndSaturates() {
        checkToInt("fcvt.wu.d", RefFloat.D, F64::toUInt32, BigInteger.ZERO, U32_MAX, true, 26);
    }

    @Test
    void fcvtLD_roundsAndSaturates() {
        checkToInt("fcvt.l.d", RefFloat.D, F64::toInt64, I64_MIN, I64_MAX, false, 27);
    }

    @Test
    void fcvtLUD_roundsAndSaturates() {
        checkToInt("fcvt.lu.d", RefFloat.D, F64::toUInt64, BigInteger.ZERO, U64_MAX, false, 28);
    }

    /** Integers that stress rounding: random widths, runs of ones, near powers of two and limits. */
    private static long[] integers(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Long> v = new ArrayList<>();
        for (long x : new long[] {0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 0xffff_ffffL, Long.MAX_VALUE,
                Long.MIN_VALUE, -2, (1L << 24) + 1, (1L << 53) + 1, (1L << 25) + 3, (1L << 54) + 2}) {
            v.add(x);
        }
        for (int i = 0; i < 6000; i++) {
            int width = 1 + r.nextInt(64);
            long x = r.nextLong() >>> (64 - width);
            switch (r.nextInt(4)) {
                case 0: x |= 1L << (width - 1); break;
                case 1: x = (-1L >>> (64 - width)) ^ (1L << r.nextInt(width)); break;
                default: break;
            }
            v.add(r.nextBoolean() ? x : -x);
        }
        return v.stream().mapToLong(Long::longValue).toArray();
    }

    @Test
    void fcvtFromIntegers_roundInAllModes() {
        FpFlags fl = new FpFlags();
        for (long x : integers(31)) {
            BigInteger signedVal = BigInteger.valueOf(x);
            BigInteger unsignedVal = new BigInteger(Long.toUnsignedString(x));
            BigInteger w = BigInteger.valueOf((int) x);
            BigInteger wu = BigInteger.valueOf(x & 0xffff_ffffL);
            for (int rm = 0; rm <= 4; rm++) {
                String m = RoundingMode.name(rm);
                RefFloat.R want;
                fl.bits = 0;
                want = RefFloat.fromInteger(RefFloat.S, signedVal, rm);
                compare("fcvt.s.l " + x + " " + m, want.bits, want.flags, F32.fromInt64(x, rm, fl) & 0xffff_ffffL, fl.bits);
                fl.bits = 0;
                want = RefFloat.fromInteger(RefFloat.S, unsignedVal, rm);
                compare("fcvt.s.lu " + x + " " + m, want.bits, want.flags, F32.fromUInt64(x, rm, fl) & 0xffff_ffffL, fl.bits);
                fl.bits = 0;
                want = RefFloat.fromInteger(RefFloat.S, w, rm);
                compare("fcvt.s.w " + x + " " + m, want.bits, want.flags, F32.fromInt64((int) x, rm, fl) & 0xffff_ffffL, fl.bits);
                fl.bits = 0;
                want = RefFloat.fromInteger(RefFloat.S, wu, rm);
                compare("fcvt.s.wu " + x + " " + m, want.bits, want.flags,
                        F32.fromUInt64(x & 0xffff_ffffL, rm, fl) & 0xffff_ffffL, fl.bits);
                fl.bits = 0;
                want = RefFloat.fromInteger(RefFloat.D, signedVal, rm);
                compare("fcvt.d.l " + x + " " + m, want.bits, want.flags, F64.fromInt64(x, rm, fl), fl.bits);
                fl.bits = 0;
                want = RefFloat.fromInteger(RefFloat.D, unsignedVal, rm);
                compare("fcvt.d.lu " + x + " " + m, want.bits, want.flags, F64.fromUInt64(x, rm, fl), fl.bits);
            }
        }
        assertNoFailures();
    }

    @Test
    void fcvtSD_roundsInAllModes() {
        FpFlags fl = new FpFlags();
        long[] ops = operands(RefFloat.D, 32);
        // plus doubles landing exactly between singles and near the single subnormal range
        SplittableRandom r = new SplittableRandom(33);
        List<Long> extra = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            int exp = 1023 - 150 + r.nextInt(300);
            long frac = (r.nextLong() & ((1L << 52) - 1)) & (-1L << (r.nextInt(4) == 0 ? 28 : 0));
            extra.add(((long) exp << 52) | frac | (r.nextBoolean() ? Long.MIN_VALUE : 0));
        }
        for (long a : ops) {
            extra.add(a);
        }
        for (long a : extra) {
            for (int rm = 0; rm <= 4; rm++) {
                RefFloat.R want = RefFloat.convert(RefFloat.D, RefFloat.S, a, rm);
                fl.bits = 0;
                long got = F64.toF32(a, rm, fl) & 0xffff_ffffL;
                compare(String.format("fcvt.s.d(%x) %s", a, RoundingMode.name(rm)), want.bits, want.flags, got, fl.bits);
            }
        }
        assertNoFailures();
    }

    @Test
    void fcvtDS_isExact() {
        FpFlags fl = new FpFlags();
        for (long a : operands(RefFloat.S, 34)) {
            RefFloat.R want = RefFloat.convert(RefFloat.S, RefFloat.D, a, 0);
            fl.bits = 0;
            long got = F32.toF64((int) a, fl);
            compare(String.format("fcvt.d.s(%x)", a), want.bits, want.flags, got, fl.bits);
        }
        assertNoFailures();
    }
}
