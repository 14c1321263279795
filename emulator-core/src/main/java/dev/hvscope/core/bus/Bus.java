package dev.hvscope.core.bus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The physical address space: one RAM region plus memory-mapped devices at fixed bases. Harts reach
 * RAM directly through their TLBs; everything else comes here.
 */
public final class Bus {
    /** A device placed at a base address; the range is half-open [base, base + size). */
    public record Mapping(long base, MmioDevice device) {
        public long end() {
            return base + device.size();
        }

        public boolean contains(long pa, int len) {
            return pa >= base && pa - base + len <= device.size();
        }
    }

    private final Ram ram;
    private final List<Mapping> mappings = new ArrayList<>();
    private Mapping[] sorted = new Mapping[0];

    public Bus(Ram ram) {
        this.ram = ram;
    }

    public Ram ram() {
        return ram;
    }

    /** Places a device; throws IllegalArgumentException when it overlaps RAM or another device. */
    public void attach(long base, MmioDevice device) {
        Mapping m = new Mapping(base, device);
        if (overlaps(base, device.size(), ram.base(), ram.size())) {
            throw new IllegalArgumentException(device.name() + " overlaps RAM");
        }
        for (Mapping o : mappings) {
            if (overlaps(base, device.size(), o.base(), o.device().size())) {
                throw new IllegalArgumentException(device.name() + " overlaps " + o.device().name());
            }
        }
        mappings.add(m);
        mappings.sort(Comparator.comparingLong(Mapping::base));
        sorted = mappings.toArray(new Mapping[0]);
    }

    private static boolean overlaps(long a, long alen, long b, long blen) {
        return a < b + blen && b < a + alen;
    }

    public List<Mapping> mappings() {
        return List.copyOf(mappings);
    }

    public boolean isRam(long pa, int len) {
        return ram.contains(pa, len);
    }

    /** The device mapping covering [pa, pa + len), or null. */
    public Mapping findDevice(long pa, int len) {
        Mapping[] s = sorted;
        int lo = 0;
        int hi = s.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Mapping m = s[mid];
            if (Long.compareUnsigned(pa, m.base()) < 0) {
                hi = mid - 1;
            } else if (Long.compareUnsigned(pa, m.end()) >= 0) {
                lo = mid + 1;
            } else {
                return m.contains(pa, len) ? m : null;
            }
        }
        return null;
    }

    /** Reads 1, 2, 4 or 8 bytes, zero-extended; throws {@link BusFault} where nothing answers. */
    public long read(long pa, int size) {
        if (ram.contains(pa, size)) {
            return ram.read(pa, size);
        }
        Mapping m = findDevice(pa, size);
        if (m == null) {
            throw BusFault.INSTANCE;
        }
        return m.device().read(pa - m.base(), size);
    }

    public void write(long pa, int size, long value) {
        if (ram.contains(pa, size)) {
            ram.write(pa, size, value);
            return;
        }
        Mapping m = findDevice(pa, size);
        if (m == null) {
            throw BusFault.INSTANCE;
        }
        m.device().write(pa - m.base(), size, value);
    }
}
