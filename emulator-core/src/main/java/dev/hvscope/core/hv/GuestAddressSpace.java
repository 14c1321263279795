package dev.hvscope.core.hv;

import dev.hvscope.core.bus.Ram;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A guest-physical address space backed by a real Sv39x4 G-stage table in emulated host RAM: the
 * Java twin of axaddrspace's {@code AddrSpace} as the h_2_0 tour uses it. {@link #hgatp()} is what
 * the vCPU loads; the hart's walker then translates the guest's accesses through these very PTEs.
 *
 * <p>Layout (privileged spec 8.5.1): the root is 2048 entries (16 KiB, 16 KiB aligned) indexed by
 * GPA bits 40:30, then two 512-entry levels (29:21, 20:12). Leaves have U set (every G-stage access
 * is a user access) and A/D preset as the tour's page-table crate writes them, so the hart never
 * needs to update a G-stage PTE. {@link MappingFlags#DEVICE} and {@link MappingFlags#UNCACHED} have
 * no PTE bit without Svpbmt; they are kept in the two RSW bits so {@link #regions()} can report
 * them from the table alone.
 *
 * <p>Every change ends with the fence given at construction (hfence.gvma semantics: the hart drops
 * its V=1 translations and decoded guest instructions).
 */
public final class GuestAddressSpace {
    /** Sv39x4 guest-physical addresses are 41 bits wide. */
    public static final int GPA_BITS = 41;
    public static final long GPA_LIMIT = 1L << GPA_BITS;
    public static final long PAGE_SIZE = 4096;
    public static final long MEGA_PAGE = 2L << 20;
    public static final long GIGA_PAGE = 1L << 30;
    /** hgatp.MODE of Sv39x4. */
    public static final long HGATP_SV39X4 = 8L << 60;

    private static final long V = 1;
    private static final long R = 1 << 1;
    private static final long W = 1 << 2;
    private static final long X = 1 << 3;
    private static final long U = 1 << 4;
    private static final long A = 1 << 6;
    private static final long D = 1 << 7;
    private static final long RSW_DEVICE = 1 << 8;
    private static final long RSW_UNCACHED = 1 << 9;
    private static final int ROOT_LEVEL = 2;

    /** A coalesced run of guest-physical pages; hpa is -1 for allocate-on-fault pages not yet populated. */
    public record Region(long gpa, long hpa, long size, int flags) {
        public boolean populated() {
            return hpa != -1L;
        }

        public long end() {
            return gpa + size;
        }

        @Override
        public String toString() {
            return String.format("gpa %#x..%#x -> %s %s", gpa, gpa + size,
                    populated() ? String.format("hpa %#x", hpa) : "(on fault)", MappingFlags.describe(flags));
        }
    }

    /** A mapAlloc range: pages inside it that are not mapped yet are populated by a nested page fault. */
    private record AllocArea(long gpa, long size, int flags) {
        long end() {
            return gpa + size;
        }
    }

    private final Ram ram;
    private final FrameAllocator frames;
    private final Runnable fence;
    private final long root;
    /** Frames this space allocated for guest pages (freed on unmap); linear mappings are not owned. */
    private final Set<Long> ownedFrames = new HashSet<>();
    private final List<AllocArea> allocAreas = new ArrayList<>();
    private int fences;

    /**
     * @param fence run after every change of the table (the vCPU passes its hart's hfence.gvma)
     */
    public GuestAddressSpace(Ram ram, FrameAllocator frames, Runnable fence) {
        this.ram = ram;
        this.frames = frames;
        this.fence = fence;
        this.root = frames.allocContiguous(4, 4 * PAGE_SIZE);
    }

    /** Host-physical address of the 16 KiB root table. */
    public long root() {
        return root;
    }

    /** hgatp for this space: Sv39x4, VMID 0, PPN = root >> 12. */
    public long hgatp() {
        return HGATP_SV39X4 | (root >>> 12);
    }

    /** Number of fences issued (tests check that every change fences). */
    public int fenceCount() {
        return fences;
    }

    // ---- mapping ----

    /**
     * Maps [gpa, gpa + size) onto [hpa, hpa + size) (axaddrspace map_linear): 1 GiB and 2 MiB leaves
     * where both addresses are aligned and the rest of the range covers the page, 4 KiB otherwise.
     */
    public void mapLinear(long gpa, long hpa, long size, int flags) {
        checkRange(gpa, size);
        checkFlags(flags);
        if ((hpa & (PAGE_SIZE - 1)) != 0) {
            throw new IllegalArgumentException(String.format("hpa %#x is not 4 KiB aligned", hpa));
        }
        checkFree(gpa, size);
        long done = 0;
        while (done < size) {
            long g = gpa + done;
            long h = hpa + done;
            long left = size - done;
            int level = 0;
            if (((g | h) & (GIGA_PAGE - 1)) == 0 && left >= GIGA_PAGE) {
                level = 2;
            } else if (((g | h) & (MEGA_PAGE - 1)) == 0 && left >= MEGA_PAGE) {
                level = 1;
            }
            setLeaf(g, level, leafPte(h, flags));
            done += pageSize(level);
        }
        fence();
    }

    /**
     * Maps [gpa, gpa + size) to frames from the allocator (axaddrspace map_alloc). With populate
     * every page gets its zeroed frame now; without, a page gets one on its first nested page fault
     * ({@link #handlePageFault}).
     */
    public void mapAlloc(long gpa, long size, int flags, boolean populate) {
        checkRange(gpa, size);
        checkFlags(flags);
        checkFree(gpa, size);
        allocAreas.add(new AllocArea(gpa, size, flags));
        if (populate) {
            for (long g = gpa; g < gpa + size; g += PAGE_SIZE) {
                populate(g, flags);
            }
        }
        fence();
    }

    /** Removes every mapping in [gpa, gpa + size), splitting superpages that stick out of it. */
    public void unmap(long gpa, long size) {
        checkRange(gpa, size);
        long end = gpa + size;
        long g = gpa;
        while (g < end) {
            g = unmapStep(g, end);
        }
        trimAllocAreas(gpa, end);
        fence();
    }

    /** One step of unmap at g: clears, splits or skips one entry and returns where to continue. */
    private long unmapStep(long g, long end) {
        long table = root;
        for (int level = ROOT_LEVEL; level >= 0; level--) {
            long pteAddr = table + index(g, level) * 8;
            long pte = ram.read(pteAddr, 8);
            long span = pageSize(level);
            long next = (g & -span) + span;
            if ((pte & V) == 0) {
                return next;
            }
            if (isLeaf(pte)) {
                if ((g & (span - 1)) == 0 && next <= end) {
                    ram.write(pteAddr, 8, 0);
                    long hpa = pteHpa(pte);
                    if (level == 0 && ownedFrames.remove(hpa)) {
                        frames.free(hpa);
                    }
                    return next;
                }
                splitLeaf(pteAddr, pte, level);
                pte = ram.read(pteAddr, 8);
            }
            table = pteHpa(pte);
        }
        throw new IllegalStateException("G-stage walk below level 0");
    }

    /** Replaces a superpage leaf with a table of 512 leaves one level down covering the same range. */
    private void splitLeaf(long pteAddr, long leaf, int level) {
        long table = frames.alloc();
        long hpa = pteHpa(leaf);
        long sub = pageSize(level - 1);
        long bits = leaf & 0x3ffL;
        for (int i = 0; i < 512; i++) {
            ram.write(table + i * 8L, 8, ((hpa + i * sub) >>> 12) << 10 | bits);
        }
        ram.write(pteAddr, 8, (table >>> 12) << 10 | V);
    }

    private void trimAllocAreas(long gpa, long end) {
        List<AllocArea> kept = new ArrayList<>();
        for (AllocArea a : allocAreas) {
            if (a.end() <= gpa || a.gpa() >= end) {
                kept.add(a);
                continue;
            }
            if (a.gpa() < gpa) {
                kept.add(new AllocArea(a.gpa(), gpa - a.gpa(), a.flags()));
            }
            if (a.end() > end) {
                kept.add(new AllocArea(end, a.end() - end, a.flags()));
            }
        }
        allocAreas.clear();
        allocAreas.addAll(kept);
    }

    /**
     * A nested page fault at gpa for an access of accessFlags (READ, WRITE or EXECUTE): populates the
     * page when it lies in a mapAlloc range that allows the access and is not mapped yet. False when
     * this space cannot resolve the fault (the hypervisor must, or the guest is wrong).
     */
    public boolean handlePageFault(long gpa, int accessFlags) {
        if (gpa < 0 || gpa >= GPA_LIMIT || translate(gpa) != -1L) {
            return false;
        }
        for (AllocArea a : allocAreas) {
            if (gpa >= a.gpa() && gpa < a.end()) {
                int needed = accessFlags & (MappingFlags.READ | MappingFlags.WRITE | MappingFlags.EXECUTE);
                if ((needed & ~a.flags()) != 0) {
                    return false;
                }
                populate(gpa & -PAGE_SIZE, a.flags());
                fence();
                return true;
            }
        }
        return false;
    }

    private void populate(long gpa, int flags) {
        long hpa = frames.alloc();
        ownedFrames.add(hpa);
        setLeaf(gpa, 0, leafPte(hpa, flags));
    }

    // ---- queries ----

    /** The host-physical address of gpa, or -1 when it is not mapped. */
    public long translate(long gpa) {
        if (gpa < 0 || gpa >= GPA_LIMIT) {
            return -1L;
        }
        long table = root;
        for (int level = ROOT_LEVEL; level >= 0; level--) {
            long pte = ram.read(table + index(gpa, level) * 8, 8);
            if ((pte & V) == 0) {
                return -1L;
            }
            if (isLeaf(pte)) {
                return pteHpa(pte) + (gpa & (pageSize(level) - 1));
            }
            table = pteHpa(pte);
        }
        return -1L;
    }

    /** The mapping flags of the leaf covering gpa, or -1 when it is not mapped. */
    public int flagsAt(long gpa) {
        Leaf leaf = leafAt(gpa);
        return leaf == null ? -1 : flagsOf(leaf.pte);
    }

    /** The leaf PTE covering gpa and its level, or null (for the views and tests). */
    public Leaf leafAt(long gpa) {
        if (gpa < 0 || gpa >= GPA_LIMIT) {
            return null;
        }
        long table = root;
        for (int level = ROOT_LEVEL; level >= 0; level--) {
            long pteAddr = table + index(gpa, level) * 8;
            long pte = ram.read(pteAddr, 8);
            if ((pte & V) == 0) {
                return null;
            }
            if (isLeaf(pte)) {
                return new Leaf(pteAddr, pte, level);
            }
            table = pteHpa(pte);
        }
        return null;
    }

    /** A leaf PTE: where it sits in host RAM, its value, and its level (0 = 4 KiB, 1 = 2 MiB, 2 = 1 GiB). */
    public record Leaf(long pteAddr, long pte, int level) {
        public long hpa() {
            return pteHpa(pte);
        }

        public long pageSize() {
            return GuestAddressSpace.pageSize(level);
        }
    }

    /**
     * The space as coalesced runs in GPA order: mapped runs (contiguous host addresses, equal flags)
     * read from the table, plus the not yet populated parts of mapAlloc ranges.
     */
    public List<Region> regions() {
        List<Region> mapped = new ArrayList<>();
        collect(root, ROOT_LEVEL, 0, mapped);
        List<Region> all = new ArrayList<>(mapped);
        for (AllocArea a : allocAreas) {
            long runStart = -1;
            for (long g = a.gpa(); g <= a.end(); g += PAGE_SIZE) {
                boolean hole = g < a.end() && translate(g) == -1L;
                if (hole && runStart < 0) {
                    runStart = g;
                } else if (!hole && runStart >= 0) {
                    all.add(new Region(runStart, -1L, g - runStart, a.flags()));
                    runStart = -1;
                }
            }
        }
        all.sort((p, q) -> Long.compareUnsigned(p.gpa(), q.gpa()));
        return coalesce(all);
    }

    private void collect(long table, int level, long gpaBase, List<Region> out) {
        int entries = level == ROOT_LEVEL ? 2048 : 512;
        for (int i = 0; i < entries; i++) {
            long pte = ram.read(table + i * 8L, 8);
            if ((pte & V) == 0) {
                continue;
            }
            long gpa = gpaBase + i * pageSize(level);
            if (isLeaf(pte)) {
                out.add(new Region(gpa, pteHpa(pte), pageSize(level), flagsOf(pte)));
            } else if (level > 0) {
                collect(pteHpa(pte), level - 1, gpa, out);
            }
        }
    }

    private static List<Region> coalesce(List<Region> sorted) {
        List<Region> out = new ArrayList<>();
        for (Region r : sorted) {
            if (!out.isEmpty()) {
                Region last = out.get(out.size() - 1);
                boolean adjacent = last.end() == r.gpa() && last.flags() == r.flags()
                        && last.populated() == r.populated()
                        && (!r.populated() || last.hpa() + last.size() == r.hpa());
                if (adjacent) {
                    out.set(out.size() - 1, new Region(last.gpa(), last.hpa(), last.size() + r.size(), r.flags()));
                    continue;
                }
            }
            out.add(r);
        }
        return out;
    }

    // ---- PTEs ----

    private void setLeaf(long gpa, int level, long pte) {
        long table = root;
        for (int l = ROOT_LEVEL; l > level; l--) {
            long pteAddr = table + index(gpa, l) * 8;
            long entry = ram.read(pteAddr, 8);
            if ((entry & V) == 0) {
                long next = frames.alloc();
                ram.write(pteAddr, 8, (next >>> 12) << 10 | V);
                table = next;
            } else if (isLeaf(entry)) {
                throw new IllegalStateException(String.format("gpa %#x is inside a superpage", gpa));
            } else {
                table = pteHpa(entry);
            }
        }
        ram.write(table + index(gpa, level) * 8, 8, pte);
    }

    /** V|R|W|X from the flags, U always (G-stage), A|D preset, DEVICE/UNCACHED in RSW. */
    private static long leafPte(long hpa, int flags) {
        long pte = (hpa >>> 12) << 10 | V | U | A | D;
        pte |= (flags & MappingFlags.READ) != 0 ? R : 0;
        pte |= (flags & MappingFlags.WRITE) != 0 ? W : 0;
        pte |= (flags & MappingFlags.EXECUTE) != 0 ? X : 0;
        pte |= (flags & MappingFlags.DEVICE) != 0 ? RSW_DEVICE : 0;
        pte |= (flags & MappingFlags.UNCACHED) != 0 ? RSW_UNCACHED : 0;
        return pte;
    }

    /** The MappingFlags a leaf carries; USER is always reported since every G-stage leaf has U. */
    static int flagsOf(long pte) {
        int f = 0;
        f |= (pte & R) != 0 ? MappingFlags.READ : 0;
        f |= (pte & W) != 0 ? MappingFlags.WRITE : 0;
        f |= (pte & X) != 0 ? MappingFlags.EXECUTE : 0;
        f |= (pte & U) != 0 ? MappingFlags.USER : 0;
        f |= (pte & RSW_DEVICE) != 0 ? MappingFlags.DEVICE : 0;
        f |= (pte & RSW_UNCACHED) != 0 ? MappingFlags.UNCACHED : 0;
        return f;
    }

    private static boolean isLeaf(long pte) {
        return (pte & (R | W | X)) != 0;
    }

    private static long pteHpa(long pte) {
        return ((pte >>> 10) & ((1L << 44) - 1)) << 12;
    }

    private static long index(long gpa, int level) {
        int bits = level == ROOT_LEVEL ? 11 : 9;
        return (gpa >>> (12 + 9 * level)) & ((1L << bits) - 1);
    }

    static long pageSize(int level) {
        return PAGE_SIZE << (9 * level);
    }

    // ---- checks ----

    private static void checkRange(long gpa, long size) {
        if ((gpa & (PAGE_SIZE - 1)) != 0 || (size & (PAGE_SIZE - 1)) != 0 || size <= 0) {
            throw new IllegalArgumentException(String.format("gpa %#x size %#x: not 4 KiB aligned", gpa, size));
        }
        if (gpa < 0 || gpa + size > GPA_LIMIT || gpa + size < gpa) {
            throw new IllegalArgumentException(String.format(
                    "gpa %#x..%#x is beyond the 41-bit Sv39x4 guest-physical space", gpa, gpa + size));
        }
    }

    /** A leaf needs R or X; W without R is reserved (privileged spec, table 4.5). */
    private static void checkFlags(int flags) {
        if (!MappingFlags.valid(flags)) {
            throw new IllegalArgumentException(String.format("unknown mapping flags %#x", flags));
        }
        if ((flags & (MappingFlags.READ | MappingFlags.EXECUTE)) == 0) {
            throw new IllegalArgumentException(String.format("flags %s: a mapping needs READ or EXECUTE",
                    MappingFlags.describe(flags)));
        }
        if ((flags & MappingFlags.WRITE) != 0 && (flags & MappingFlags.READ) == 0) {
            throw new IllegalArgumentException("flags WRITE without READ are reserved in RISC-V page tables");
        }
    }

    private void checkFree(long gpa, long size) {
        for (AllocArea a : allocAreas) {
            if (gpa < a.end() && a.gpa() < gpa + size) {
                throw new IllegalArgumentException(String.format("gpa %#x..%#x overlaps the mapping at %#x..%#x",
                        gpa, gpa + size, a.gpa(), a.end()));
            }
        }
        for (long g = gpa; g < gpa + size; ) {
            Leaf leaf = leafAt(g);
            if (leaf != null) {
                throw new IllegalArgumentException(String.format("gpa %#x is already mapped", g));
            }
            g += PAGE_SIZE;
        }
    }

    private void fence() {
        fences++;
        fence.run();
    }
}
