package dev.hvscope.plugin.dap;

import dev.hvscope.core.mmu.PhysAccessFault;
import dev.hvscope.core.mmu.PhysReader;

/**
 * An Sv39x4 G-stage table in a long array: GPA 0..1 GiB mapped in 4 KiB pages to HPA
 * {@code hpaBase}.., 262,144 leaves under one root (16 KiB), one level-1 table and 512 level-0
 * tables. Tables live from {@link #ROOT} upwards. Used by the G-stage scope benchmark
 * ({@link GStageScopeBench}) and the tests.
 */
final class GStageTableFixture implements PhysReader {
    static final long ROOT = 0x9000_0000L;
    static final long FLAGS = 0xdf; // V R W X U A D
    static final int L0_TABLES = 512;
    final long[] words = new long[(4 + 1 + L0_TABLES) * 512];
    final long root;

    GStageTableFixture(long hpaBase) {
        this(ROOT, hpaBase);
    }

    /** Tables from {@code root} (16 KiB aligned) upwards. */
    GStageTableFixture(long root, long hpaBase) {
        this.root = root;
        long l1 = root + 4 * 4096;
        words[0] = pointer(l1);
        for (int t = 0; t < L0_TABLES; t++) {
            long l0 = l1 + 4096 + t * 4096L;
            set(l1 + t * 8L, pointer(l0));
            for (int i = 0; i < 512; i++) {
                long hpa = hpaBase + ((long) t * 512 + i) * 4096;
                set(l0 + i * 8L, (hpa >>> 12) << 10 | FLAGS);
            }
        }
    }

    static long pointer(long table) {
        return (table >>> 12) << 10 | 1;
    }

    void set(long pa, long value) {
        words[(int) ((pa - root) >>> 3)] = value;
    }

    long hgatp() {
        return 8L << 60 | root >>> 12;
    }

    /** The tables as little-endian bytes, for writing into a target's memory. */
    byte[] bytes() {
        byte[] b = new byte[words.length * 8];
        for (int i = 0; i < words.length; i++) {
            for (int k = 0; k < 8; k++) {
                b[i * 8 + k] = (byte) (words[i] >>> (8 * k));
            }
        }
        return b;
    }

    @Override
    public long read64(long pa) {
        long i = (pa - root) >>> 3;
        if (pa < root || i >= words.length) {
            throw PhysAccessFault.INSTANCE;
        }
        return words[(int) i];
    }

    @Override
    public boolean cas64(long pa, long expect, long update) {
        throw PhysAccessFault.INSTANCE;
    }
}
