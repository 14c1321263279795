package dev.hvscope.core.hv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hvscope.core.bus.Ram;
import dev.hvscope.core.mmu.AccessType;
import dev.hvscope.core.mmu.PageWalker;
import dev.hvscope.core.mmu.PhysReader;
import dev.hvscope.core.mmu.Translation;
import dev.hvscope.core.mmu.TranslationRequest;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The G-stage tables GuestAddressSpace writes, checked by the emulator's own walker (a debug walk
 * with vsatp Bare, so the GPA goes through the G-stage only) against a plain page-by-page model.
 */
class GuestAddressSpaceTest {
    private static final long RAM_BASE = 0x8000_0000L;
    private static final long RAM_SIZE = 64L << 20;

    private final Ram ram = new Ram(RAM_BASE, RAM_SIZE);
    private final FrameAllocator frames = new FrameAllocator(ram, RAM_BASE, RAM_BASE + RAM_SIZE);
    private int fences;
    private final GuestAddressSpace space = new GuestAddressSpace(ram, frames, () -> fences++);

    /** The hart's walker over the same RAM: the independent reading of the table. */
    private long walk(long gpa, AccessType type) {
        PhysReader reader = new PhysReader() {
            @Override
            public long read64(long pa) {
                return ram.read(pa, 8);
            }

            @Override
            public boolean cas64(long pa, long expect, long update) {
                throw new AssertionError("a debug walk never writes");
            }
        };
        TranslationRequest r = new TranslationRequest();
        r.atp = 0;
        r.hgatp = space.hgatp();
        r.twoStage = true;
        r.debug = true;
        Translation t = new Translation();
        return new PageWalker(reader).translate(gpa, type, r, t, null) ? t.pa : -1L;
    }

    @Test
    void tourRamMapping_writesLeafPteDf() {
        space.mapAlloc(0x8000_0000L, 16L << 20, MappingFlags.RWXU, true);
        GuestAddressSpace.Leaf leaf = space.leafAt(0x8000_0000L);
        assertEquals(0xdf, leaf.pte() & 0x3ff);
        assertEquals(0, leaf.level());
        long hpa = space.translate(0x8020_0123L);
        assertEquals(hpa, walk(0x8020_0123L, AccessType.FETCH));
        assertTrue(hpa != 0x8020_0123L, "guest RAM lives elsewhere in host RAM");
        assertEquals(0, space.root() & 0x3fff, "root is 16 KiB aligned");
        assertEquals(8L << 60 | space.root() >>> 12, space.hgatp());
    }

    @Test
    void mapLinear_usesGigaAndMegaPagesWhereAligned() {
        space.mapLinear(0x4000_0000L, 0x4000_0000L, (1L << 30) + (2L << 20) + 0x1000, MappingFlags.READ);
        assertEquals(2, space.leafAt(0x4000_0000L).level());
        assertEquals(1, space.leafAt(0x8000_0000L).level());
        assertEquals(0, space.leafAt(0x8020_0000L).level());
        assertEquals(0x8020_0abcL, walk(0x8020_0abcL, AccessType.LOAD));
        assertEquals(-1L, walk(0x8020_1000L, AccessType.LOAD));
        assertEquals(-1L, walk(0x4000_0000L, AccessType.STORE), "no WRITE flag");
    }

    @Test
    void unmapInsideSuperpage_splitsAndKeepsTheRest() {
        space.mapLinear(0x2000_0000L, 0x1_0000_0000L, 2L << 20, MappingFlags.READ | MappingFlags.DEVICE);
        space.unmap(0x2000_1000L, 0x1000);
        assertEquals(-1L, walk(0x2000_1000L, AccessType.LOAD));
        assertEquals(0x1_0000_0000L, walk(0x2000_0000L, AccessType.LOAD));
        assertEquals(0x1_0000_2008L, walk(0x2000_2008L, AccessType.LOAD));
        assertEquals(List.of(
                new GuestAddressSpace.Region(0x2000_0000L, 0x1_0000_0000L, 0x1000, MappingFlags.READ | MappingFlags.USER
                        | MappingFlags.DEVICE),
                new GuestAddressSpace.Region(0x2000_2000L, 0x1_0000_2000L, (2L << 20) - 0x2000,
                        MappingFlags.READ | MappingFlags.USER | MappingFlags.DEVICE)), space.regions());
    }

    @Test
    void unpopulatedPages_faultInOnce_andOnlyForAllowedAccess() {
        space.mapAlloc(0x8000_0000L, 0x4000, MappingFlags.READ | MappingFlags.WRITE, false);
        assertEquals(-1L, walk(0x8000_1000L, AccessType.LOAD));
        assertEquals(List.of(new GuestAddressSpace.Region(0x8000_0000L, -1L, 0x4000,
                MappingFlags.READ | MappingFlags.WRITE)), space.regions());
        assertFalse(space.handlePageFault(0x8000_1000L, MappingFlags.EXECUTE), "area is not executable");
        assertTrue(space.handlePageFault(0x8000_1008L, MappingFlags.WRITE));
        assertFalse(space.handlePageFault(0x8000_1008L, MappingFlags.WRITE), "already mapped");
        assertFalse(space.handlePageFault(0x9000_0000L, MappingFlags.READ), "outside every area");
        long hpa = walk(0x8000_1008L, AccessType.STORE);
        assertEquals(space.translate(0x8000_1008L), hpa);
        assertEquals(3, space.regions().size(), "hole, populated page, hole");
    }

    @Test
    void everyChange_fences() {
        int before = fences;
        space.mapLinear(0x2200_0000L, 0x2200_0000L, 0x1000, MappingFlags.RWXU);
        space.unmap(0x2200_0000L, 0x1000);
        space.mapAlloc(0x8000_0000L, 0x1000, MappingFlags.RWXU, false);
        space.handlePageFault(0x8000_0000L, MappingFlags.READ);
        assertEquals(before + 4, fences);
        assertEquals(fences, space.fenceCount());
    }

    @Test
    void badRequests_areRefusedWithReasons() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> space.mapLinear(GuestAddressSpace.GPA_LIMIT - 0x1000, 0, 0x2000, MappingFlags.READ));
        assertTrue(e.getMessage().contains("41-bit"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> space.mapLinear(0x1000, 0, 0x800, MappingFlags.READ));
        assertThrows(IllegalArgumentException.class, () -> space.mapLinear(0x1000, 0, 0x1000, MappingFlags.WRITE));
        assertThrows(IllegalArgumentException.class, () -> space.mapLinear(0x1000, 0, 0x1000, MappingFlags.USER));
        space.mapLinear(0x1000, 0, 0x1000, MappingFlags.READ);
        e = assertThrows(IllegalArgumentException.class, () -> space.mapAlloc(0, 0x4000, MappingFlags.READ, true));
        assertTrue(e.getMessage().contains("already mapped"), e.getMessage());
    }

    @Test
    void randomMapUnmapSequences_matchAPageModel() {
        Random rnd = new Random(42);
        // Model: gpa page -> expected hpa of the page (or -2 for "allocated, any frame").
        TreeMap<Long, Long> model = new TreeMap<>();
        long window = 0x4000_0000L; // 1 GiB of GPA space, with a 2 MiB-rich layout
        for (int step = 0; step < 300; step++) {
            long gpa = (rnd.nextInt(512) * (2L << 20) + (rnd.nextBoolean() ? 0 : rnd.nextInt(512) * 0x1000L))
                    % window + 0x8000_0000L;
            long size = rnd.nextBoolean() ? (1 + rnd.nextInt(8)) * 0x1000L : (1 + rnd.nextInt(3)) * (2L << 20);
            if (gpa + size > 0x8000_0000L + window) {
                continue;
            }
            int op = rnd.nextInt(3);
            boolean free = model.subMap(gpa, gpa + size).isEmpty();
            if (op == 0 && free) {
                long hpa = 0x1_0000_0000L + (gpa - 0x8000_0000L) * 3 % (8L << 30) & -(2L << 20);
                hpa += gpa & ((2L << 20) - 1);
                space.mapLinear(gpa, hpa, size, MappingFlags.READ | MappingFlags.EXECUTE);
                for (long g = gpa; g < gpa + size; g += 0x1000) {
                    model.put(g, hpa + (g - gpa));
                }
            } else if (op == 1 && free && frames.framesInUse() < 8000) {
                space.mapAlloc(gpa, size, MappingFlags.RWXU, true);
                for (long g = gpa; g < gpa + size; g += 0x1000) {
                    model.put(g, -2L);
                }
            } else if (op == 2) {
                space.unmap(gpa, size);
                model.subMap(gpa, gpa + size).clear();
            }
            // Every page of the window that the model knows, plus neighbours, translates as expected.
            for (long g = gpa - 0x2000; g < gpa + size + 0x2000; g += 0x1000) {
                Long want = model.get(g);
                long got = walk(g + 0x18, AccessType.LOAD);
                assertEquals(space.translate(g + 0x18), got, "translate agrees with the walker at " + Long.toHexString(g));
                if (want == null) {
                    assertEquals(-1L, got, "unmapped " + Long.toHexString(g));
                } else if (want == -2L) {
                    assertTrue(got >= RAM_BASE && got < RAM_BASE + RAM_SIZE, "allocated frame " + Long.toHexString(g));
                } else {
                    assertEquals(want + 0x18, got, "linear " + Long.toHexString(g));
                }
            }
        }
        // Finally every page the model holds, and the coalesced regions cover exactly the model.
        long mappedBytes = 0;
        for (var e : model.entrySet()) {
            long got = walk(e.getKey(), AccessType.LOAD);
            if (e.getValue() == -2L) {
                assertTrue(got != -1L);
            } else {
                assertEquals((long) e.getValue(), got);
            }
        }
        for (GuestAddressSpace.Region r : space.regions()) {
            mappedBytes += r.size();
        }
        assertEquals(model.size() * 0x1000L, mappedBytes);
    }
}
