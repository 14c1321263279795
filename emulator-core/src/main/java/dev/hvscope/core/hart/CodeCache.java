package dev.hvscope.core.hart;

import dev.hvscope.core.bus.Ram;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every {@link DecodedPage} of a machine, found by physical page and shared by its harts (which run
 * on one thread). A page lives until something writes it: a store from any hart, a page-walk A/D
 * update, a debugger write. Pages that hold decoded code never enter a hart's store TLB, so every
 * store to them reaches {@link #written} on the slow path.
 *
 * <p>RAM pages sit in a two-level table (2 MiB groups allocated on first use, so a 16 GiB guest
 * costs nothing up front); code outside RAM (the reset ROM, execute-in-place flash) in a map.
 */
public final class CodeCache {
    private static final int GROUP_SHIFT = 21;
    private static final int PAGES_PER_GROUP = 1 << (GROUP_SHIFT - 12);
    /** Live translated blocks before all are dropped (bounds hidden-class memory). */
    static final int MAX_BLOCKS = 8192;

    private final Ram ram;
    private final DecodedPage[][] ramPages;
    private final Map<Long, DecodedPage> devicePages = new HashMap<>();
    private final List<Hart> harts = new ArrayList<>(1);
    private final Set<DecodedPage> pagesWithBlocks = Collections.newSetFromMap(new IdentityHashMap<>());
    int blockCount;

    public CodeCache(Ram ram) {
        this.ram = ram;
        this.ramPages = new DecodedPage[(int) ((ram.size() + (1L << GROUP_SHIFT) - 1) >>> GROUP_SHIFT)][];
    }

    void attach(Hart hart) {
        harts.add(hart);
    }

    /** The shared page for a physical page, created (empty) on first use. */
    DecodedPage page(long ppage) {
        if (ram.contains(ppage, 4096)) {
            long off = ppage - ram.base();
            DecodedPage[] group = ramPages[(int) (off >>> GROUP_SHIFT)];
            if (group == null) {
                group = new DecodedPage[PAGES_PER_GROUP];
                ramPages[(int) (off >>> GROUP_SHIFT)] = group;
            }
            int k = (int) (off >>> 12) & (PAGES_PER_GROUP - 1);
            DecodedPage p = group[k];
            if (p == null) {
                p = new DecodedPage(ppage, -1);
                group[k] = p;
                for (Hart h : harts) {
                    h.tlb.flushStoresTo(ppage);   // its stores must now take the slow path
                }
            }
            return p;
        }
        return devicePages.computeIfAbsent(ppage, a -> new DecodedPage(a, -1));
    }

    /** True when the RAM page at this offset from RAM's base holds decoded code (store slow path). */
    boolean holdsCode(long ramOffset) {
        DecodedPage[] group = ramPages[(int) (ramOffset >>> GROUP_SHIFT)];
        return group != null && group[(int) (ramOffset >>> 12) & (PAGES_PER_GROUP - 1)] != null;
    }

    /**
     * Physical memory at pa was written (by a hart, a walker or a debugger): the decoded page there,
     * and every hart's breakpoint copy of it, are dropped.
     */
    void written(long pa) {
        long ppage = pa & ~0xfffL;
        DecodedPage p;
        if (ram.contains(ppage, 4096)) {
            long off = ppage - ram.base();
            DecodedPage[] group = ramPages[(int) (off >>> GROUP_SHIFT)];
            int k = (int) (off >>> 12) & (PAGES_PER_GROUP - 1);
            p = group == null ? null : group[k];
            if (p != null) {
                group[k] = null;
            }
        } else {
            p = devicePages.isEmpty() ? null : devicePages.remove(ppage);
        }
        if (p != null) {
            drop(p);
        }
        for (Hart h : harts) {
            h.codePageWritten(ppage);
        }
    }

    /** A store reached a device: code decoded from that device page (execute-in-place flash) goes. */
    void deviceWritten(long pa) {
        if (!devicePages.isEmpty() && devicePages.containsKey(pa & ~0xfffL)) {
            written(pa);
        }
    }

    /** A device (flash, ROM) may have changed what it returns: its decoded pages go. */
    void dropDevicePages() {
        for (DecodedPage p : devicePages.values()) {
            drop(p);
        }
        devicePages.clear();
    }

    /** Drops every page (a debugger wrote memory; a PMP or breakpoint change). */
    void dropAll() {
        for (DecodedPage[] group : ramPages) {
            if (group != null) {
                for (int k = 0; k < group.length; k++) {
                    if (group[k] != null) {
                        drop(group[k]);
                        group[k] = null;
                    }
                }
            }
        }
        dropDevicePages();
        for (Hart h : harts) {
            h.codePageWritten(-1);
        }
    }

    /** Invalidates a page that left the cache (or a hart's breakpoint copy of one). */
    void drop(DecodedPage p) {
        if (p.blockCount != 0) {
            blockCount -= p.blockCount;
            pagesWithBlocks.remove(p);
        }
        p.invalidate();
    }

    /** Records a new block in page p; past {@link #MAX_BLOCKS}, every block is dropped first. */
    void blockAdded(DecodedPage p) {
        if (blockCount >= MAX_BLOCKS) {
            for (DecodedPage q : pagesWithBlocks) {
                q.dropBlocks();
            }
            pagesWithBlocks.clear();
            blockCount = 0;
        }
        if (p.blockCount == 0) {
            pagesWithBlocks.add(p);
        }
        p.blockCount++;
        blockCount++;
    }
}
