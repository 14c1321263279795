package dev.hvscope.core.hart.fp;

import dev.hvscope.core.AllocationMeter;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The library sits on the execute path: neither fast nor soft paths may allocate. */
class NoAllocationTest {
    private long sink;

    private void workload(FpFlags fl, long seed) {
        long a = 0x3ff0_0000_0000_0001L + seed;
        long b = 0x4008_0000_0000_0003L + seed;
        int x = 0x3f80_0001 + (int) seed;
        int y = 0x4040_0003 + (int) seed;
        for (int rm = 0; rm <= 4; rm++) {
            sink += F64.add(a, b, rm, fl) + F64.mul(a, b, rm, fl) + F64.div(a, b, rm, fl)
                    + F64.sqrt(b, rm, fl) + F64.fma(a, b, a ^ Long.MIN_VALUE, rm, fl)
                    + F64.toInt64(b, rm, fl) + F64.fromUInt64(-seed, rm, fl) + F64.toF32(a, rm, fl)
                    + F32.add(x, y, rm, fl) + F32.mul(x, y, rm, fl) + F32.div(x, y, rm, fl)
                    + F32.sqrt(y, rm, fl) + F32.fma(x, y, x, rm, fl) + F32.toUInt32(y, rm, fl)
                    + F32.fromInt64(seed * 12345, rm, fl) + F32.toF64(x, fl) + F32.min(x, y, fl)
                    + F64.classify(a) + (F64.lt(a, b, fl) ? 1 : 0) + NanBox.unbox(a);
        }
    }

    @Test
    void arithmetic_allocatesNothing() {
        FpFlags fl = new FpFlags();
        for (int i = 0; i < 20000; i++) {
            workload(fl, i); // warm up (and let the JIT settle)
        }
        long allocated = AllocationMeter.bytesAllocatedBy(() -> {
            for (int i = 0; i < 100000; i++) {
                workload(fl, i);
            }
        });
        // a little slack for the measurement call itself, nothing proportional to the loop
        assertEquals(0, allocated / 4096, "allocated " + allocated + " bytes");
    }
}
