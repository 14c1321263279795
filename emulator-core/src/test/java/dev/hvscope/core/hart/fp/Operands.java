package dev.hvscope.core.hart.fp;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded operand generation for both formats: edge values plus structured random values. */
final class Operands {
    final RefFloat.Fmt f;
    final SplittableRandom rnd;
    final long[] edges;

    Operands(RefFloat.Fmt f, long seed) {
        this.f = f;
        this.rnd = new SplittableRandom(seed);
        long inf = f.inf(false);
        long hidden = 1L << (f.p - 1);
        long one = ((long) f.bias) << (f.p - 1);
        List<Long> e = new ArrayList<>();
        for (long v : new long[] {
            0, 1, 2, 3, hidden - 1, hidden - 2, hidden, hidden + 1, // zero, subnormals, min normal
            one, one + 1, one - 1, one + hidden, // 1, 1+ulp, 1-ulp/2, 2
            one - hidden, one + (hidden >>> 1), // 0.5, 1.5
            inf - 1, inf - 2, inf - hidden, // max finite and neighbours
            inf, inf | (1L << (f.p - 2)), inf | (1L << (f.p - 2)) | 5, inf | 1, inf | (hidden >>> 3), // inf, qNaN, sNaN
            ((long) (f.bias + f.p - 2) << (f.p - 1)) | (hidden - 1), // largest with a fraction bit
            ((long) (f.bias + 31) << (f.p - 1)), ((long) (f.bias + 32) << (f.p - 1)), // 2^31, 2^32
            ((long) (f.bias + 63) << (f.p - 1)), ((long) (f.bias + 64) << (f.p - 1)), // 2^63, 2^64
            ((long) (f.bias + 30) << (f.p - 1)) | (hidden - 1), ((long) (f.bias + 62) << (f.p - 1)) | (hidden - 1),
        }) {
            e.add(v);
            e.add(v | f.sign());
        }
        edges = e.stream().mapToLong(Long::longValue).toArray();
    }

    long edge() {
        return edges[rnd.nextInt(edges.length)];
    }

    /** A random value with exponent and fraction drawn to hit extremes and halfway patterns. */
    long random() {
        int maxExp = (1 << f.expBits) - 1;
        int exp;
        switch (rnd.nextInt(6)) {
            case 0: exp = rnd.nextInt(maxExp + 1); break;
            case 1: exp = rnd.nextInt(Math.min(f.p + 4, maxExp)); break; // subnormal / tiny
            case 2: exp = maxExp - 1 - rnd.nextInt(f.p + 4); break; // huge
            case 3: exp = f.bias + 64 - rnd.nextInt(70); break; // integer conversion range
            default: exp = f.bias - 20 + rnd.nextInt(40); break; // around 1
        }
        long frac;
        long fracMask = (1L << (f.p - 1)) - 1;
        switch (rnd.nextInt(5)) {
            case 0: frac = 0; break;
            case 1: frac = fracMask; break;
            case 2: frac = rnd.nextLong() & fracMask & (-1L << rnd.nextInt(f.p - 1)); break; // few low bits
            case 3: frac = (1L << rnd.nextInt(f.p - 1)) | (rnd.nextBoolean() ? 1 : 0); break;
            default: frac = rnd.nextLong() & fracMask; break;
        }
        long bits = ((long) exp << (f.p - 1)) | frac;
        return rnd.nextBoolean() ? bits | f.sign() : bits;
    }

    long any() {
        return rnd.nextInt(8) == 0 ? edge() : random();
    }

    /** A value whose exponent is close to a's, to exercise cancellation and ties in sums. */
    long near(long a) {
        if (f.isNaN(a) || f.isInf(a) || rnd.nextInt(4) == 0) {
            return any();
        }
        int exp = f.expOf(a) + rnd.nextInt(7) - 3;
        exp = Math.max(0, Math.min((1 << f.expBits) - 2, exp));
        long frac = rnd.nextInt(2) == 0 ? f.frac(a) ^ (1L << rnd.nextInt(f.p - 1)) : rnd.nextLong();
        frac &= (1L << (f.p - 1)) - 1;
        long bits = ((long) exp << (f.p - 1)) | frac;
        return rnd.nextBoolean() ? bits | f.sign() : bits;
    }
}
