package dev.hvscope.core.mmu;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Sparse physical memory for walker tests: 64-bit words in a map, RAM in [RAM_BASE, RAM_END);
 * reads elsewhere, or of denied words, throw {@link PhysAccessFault}.
 */
final class TestMemory implements PhysReader {
    static final long RAM_BASE = 0x8000_0000L;
    static final long RAM_END = 0xC000_0000L;

    private final Map<Long, Long> words = new HashMap<>();
    private final Set<Long> denyRead = new HashSet<>();
    private final Set<Long> denyWrite = new HashSet<>();
    int casCount;
    /** When set, runs before the next CAS (once) to simulate another hart changing the PTE. */
    Runnable beforeNextCas;

    long get(long pa) {
        return words.getOrDefault(pa, 0L);
    }

    void put(long pa, long value) {
        if ((pa & 7) != 0) {
            throw new IllegalArgumentException("unaligned PTE " + Long.toHexString(pa));
        }
        words.put(pa, value);
    }

    /** Copies the words in [base, base + 8 * length) into a flat, allocation-free memory. */
    PhysReader snapshot(long base, int length) {
        long[] flat = new long[length];
        for (Map.Entry<Long, Long> e : words.entrySet()) {
            long index = (e.getKey() - base) >> 3;
            if (index >= 0 && index < length) {
                flat[(int) index] = e.getValue();
            }
        }
        return new PhysReader() {
            @Override
            public long read64(long pa) {
                long index = (pa - base) >> 3;
                if (index < 0 || index >= length) {
                    throw PhysAccessFault.INSTANCE;
                }
                return flat[(int) index];
            }

            @Override
            public boolean cas64(long pa, long expect, long update) {
                long index = (pa - base) >> 3;
                if (index < 0 || index >= length) {
                    throw PhysAccessFault.INSTANCE;
                }
                if (flat[(int) index] != expect) {
                    return false;
                }
                flat[(int) index] = update;
                return true;
            }
        };
    }

    void denyRead(long pa) {
        denyRead.add(pa);
    }

    void denyWrite(long pa) {
        denyWrite.add(pa);
    }

    private boolean inRam(long pa) {
        return Long.compareUnsigned(pa, RAM_BASE) >= 0 && Long.compareUnsigned(pa, RAM_END) < 0;
    }

    @Override
    public long read64(long pa) {
        if (!inRam(pa) || denyRead.contains(pa)) {
            throw PhysAccessFault.INSTANCE;
        }
        return get(pa);
    }

    @Override
    public boolean cas64(long pa, long expect, long update) {
        if (!inRam(pa) || denyWrite.contains(pa)) {
            throw PhysAccessFault.INSTANCE;
        }
        casCount++;
        if (beforeNextCas != null) {
            Runnable r = beforeNextCas;
            beforeNextCas = null;
            r.run();
        }
        if (get(pa) != expect) {
            return false;
        }
        put(pa, update);
        return true;
    }
}
