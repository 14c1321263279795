package dev.hvscope.core.hart.fp;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every arithmetic operation, both formats, all five rounding modes: result bits and fflags
 * compared with {@link RefFloat} (exact BigInteger rationals) on all pairs of edge values and on
 * seeded random operands. Both the public facades (with their RNE fast paths) and the generic
 * soft path are checked.
 */
class ArithmeticAgainstReferenceTest {
    /** Random cases per test; raise with -Dfp.random=N for a long soak run. */
    private static final int RANDOM = Integer.getInteger("fp.random", 4000);

    interface Op2 {
        long apply(long a, long b, int rm, FpFlags fl);
    }

    interface Ref2 {
        RefFloat.R apply(long a, long b, int rm);
    }

    private final List<String> failures = new ArrayList<>();

    private void compare(String what, RefFloat.R want, long got, int gotFlags) {
        if (want.bits != got || want.flags != gotFlags) {
            if (failures.size() < 20) {
                failures.add(String.format("%s: want %x %s, got %x %s", what, want.bits,
                        FpFlags.toString(want.flags), got, FpFlags.toString(gotFlags)));
            }
        }
    }

    private void assertNoFailures() {
        if (!failures.isEmpty()) {
            fail(failures.size() + " mismatches (first 20):\n" + String.join("\n", failures));
        }
    }

    private void check2(String name, RefFloat.Fmt rf, Op2 facade, Op2 soft, Ref2 ref, long seed, boolean near) {
        Operands ops = new Operands(rf, seed);
        List<long[]> pairs = new ArrayList<>();
        for (long a : ops.edges) {
            for (long b : ops.edges) {
                pairs.add(new long[] {a, b});
            }
        }
        for (int i = 0; i < RANDOM; i++) {
            long a = ops.any();
            pairs.add(new long[] {a, near && i % 2 == 0 ? ops.near(a) : ops.any()});
        }
        FpFlags fl = new FpFlags();
        for (long[] p : pairs) {
            for (int rm = 0; rm <= 4; rm++) {
                RefFloat.R want = ref.apply(p[0], p[1], rm);
                String what = String.format("%s(%x, %x) %s", name, p[0], p[1], RoundingMode.name(rm));
                fl.bits = 0;
                long got = facade.apply(p[0], p[1], rm, fl) & rf.mask();
                compare(what, want, got, fl.bits);
                fl.bits = 0;
                got = soft.apply(p[0], p[1], rm, fl) & rf.mask();
                compare(what + " [soft]", want, got, fl.bits);
            }
        }
        assertNoFailures();
    }

    private static final RefFloat.Fmt S = RefFloat.S;
    private static final RefFloat.Fmt D = RefFloat.D;
    private static final FpFormat FS = FpFormat.SINGLE;
    private static final FpFormat FD = FpFormat.DOUBLE;

    @Test
    void addF32_matchesExactReference() {
        check2("fadd.s", S, (a, b, rm, fl) -> F32.add((int) a, (int) b, rm, fl),
                (a, b, rm, fl) -> FpArith.add(FS, a, b, rm, fl), (a, b, rm) -> RefFloat.add(S, a, b, rm), 1, true);
    }

    @Test
    void addF64_matchesExactReference() {
        check2("fadd.d", D, F64::add, (a, b, rm, fl) -> FpArith.add(FD, a, b, rm, fl),
                (a, b, rm) -> RefFloat.add(D, a, b, rm), 2, true);
    }

    @Test
    void subF32_matchesExactReference() {
        check2("fsub.s", S, (a, b, rm, fl) -> F32.sub((int) a, (int) b, rm, fl),
                (a, b, rm, fl) -> FpArith.sub(FS, a, b, rm, fl), (a, b, rm) -> RefFloat.sub(S, a, b, rm), 3, true);
    }

    @Test
    void subF64_matchesExactReference() {
        check2("fsub.d", D, F64::sub, (a, b, rm, fl) -> FpArith.sub(FD, a, b, rm, fl),
                (a, b, rm) -> RefFloat.sub(D, a, b, rm), 4, true);
    }

    @Test
    void mulF32_matchesExactReference() {
        check2("fmul.s", S, (a, b, rm, fl) -> F32.mul((int) a, (int) b, rm, fl),
                (a, b, rm, fl) -> FpArith.mul(FS, a, b, rm, fl), (a, b, rm) -> RefFloat.mul(S, a, b, rm), 5, false);
    }

    @Test
    void mulF64_matchesExactReference() {
        check2("fmul.d", D, F64::mul, (a, b, rm, fl) -> FpArith.mul(FD, a, b, rm, fl),
                (a, b, rm) -> RefFloat.mul(D, a, b, rm), 6, false);
    }

    @Test
    void divF32_matchesExactReference() {
        check2("fdiv.s", S, (a, b, rm, fl) -> F32.div((int) a, (int) b, rm, fl),
                (a, b, rm, fl) -> FpArith.div(FS, a, b, rm, fl), (a, b, rm) -> RefFloat.div(S, a, b, rm), 7, true);
    }

    @Test
    void divF64_matchesExactReference() {
        check2("fdiv.d", D, F64::div, (a, b, rm, fl) -> FpArith.div(FD, a, b, rm, fl),
                (a, b, rm) -> RefFloat.div(D, a, b, rm), 8, true);
    }

    @Test
    void sqrtF32_matchesExactReference() {
        check2("fsqrt.s", S, (a, b, rm, fl) -> F32.sqrt((int) a, rm, fl),
                (a, b, rm, fl) -> FpArith.sqrt(FS, a, rm, fl), (a, b, rm) -> RefFloat.sqrt(S, a, rm), 9, false);
    }

    @Test
    void sqrtF64_matchesExactReference() {
        check2("fsqrt.d", D, (a, b, rm, fl) -> F64.sqrt(a, rm, fl),
                (a, b, rm, fl) -> FpArith.sqrt(FD, a, rm, fl), (a, b, rm) -> RefFloat.sqrt(D, a, rm), 10, false);
    }

    private void checkFma(String name, RefFloat.Fmt rf, FpFormat ff, long seed) {
        Operands ops = new Operands(rf, seed);
        FpFlags fl = new FpFlags();
        int n = 0;
        List<long[]> triples = new ArrayList<>();
        for (int i = 0; i < 3 * RANDOM; i++) {
            long a = ops.any();
            long b = ops.any();
            long c;
            switch (i % 4) {
                case 0: c = ops.edge(); break;
                case 1: c = ops.any(); break;
                default: c = productNeighbour(rf, a, b, ops); break; // cancellation
            }
            triples.add(new long[] {a, b, c});
        }
        for (long[] t : triples) {
            for (int rm = 0; rm <= 4; rm++) {
                RefFloat.R want = RefFloat.fma(rf, t[0], t[1], t[2], rm);
                fl.bits = 0;
                long got;
                if (ff == FS) {
                    got = F32.fma((int) t[0], (int) t[1], (int) t[2], rm, fl) & rf.mask();
                } else {
                    got = F64.fma(t[0], t[1], t[2], rm, fl);
                }
                compare(String.format("%s(%x, %x, %x) %s", name, t[0], t[1], t[2], RoundingMode.name(rm)),
                        want, got, fl.bits);
                n++;
            }
        }
        assertNoFailures();
    }

    /** -(a*b) rounded to the format (through the reference), nudged by a few ulps. */
    private static long productNeighbour(RefFloat.Fmt rf, long a, long b, Operands ops) {
        long p = RefFloat.mul(rf, a, b, ops.rnd.nextInt(5)).bits ^ rf.sign();
        if (rf.isNaN(p) || rf.isInf(p)) {
            return ops.any();
        }
        return p + ops.rnd.nextInt(5) - 2;
    }

    @Test
    void fmaF32_matchesExactReference() {
        checkFma("fmadd.s", S, FS, 11);
    }

    @Test
    void fmaF64_matchesExactReference() {
        checkFma("fmadd.d", D, FD, 12);
    }
}
