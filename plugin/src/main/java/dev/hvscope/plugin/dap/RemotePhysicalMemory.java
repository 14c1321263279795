package dev.hvscope.plugin.dap;

import dev.hvscope.core.mmu.PhysAccessFault;
import dev.hvscope.core.mmu.PhysReader;
import dev.hvscope.plugin.rspclient.RspClient;
import dev.hvscope.plugin.rspclient.RspException;
import java.util.HashMap;
import java.util.Map;

/**
 * Host-physical memory read over RSP, for the page walker and the mapping views. With QEMU's
 * {@code Qqemu.PhyMemMode:1}, {@code m} reads physical memory whatever the hart's translation;
 * (left on until the next virtual access, see {@link DebugSession#virtualMemory}); without it, {@code m} is taken as physical (true for M-mode stops and hvscope's stub). Whole
 * 4 KiB pages are fetched and cached until the next resume, so a table walk costs one round trip
 * per table page. Debug walks never write: {@link #cas64} refuses.
 */
final class RemotePhysicalMemory implements PhysReader {
    private static final int PAGE = 4096;

    private final RspClient rsp;
    private final Map<Long, byte[]> pages = new HashMap<>();

    RemotePhysicalMemory(RspClient rsp) {
        this.rsp = rsp;
    }

    /** Forgets cached pages (the target ran). */
    void invalidate() {
        pages.clear();
    }

    /** Reads physical bytes (not cached: for readMemory in the physical space). */
    byte[] read(long hpa, int len) {
        enterPhysical();
        return rsp.memory().read(hpa, len);
    }

    void write(long hpa, byte[] data) {
        enterPhysical();
        rsp.memory().write(hpa, data);
        invalidate();
    }

    @Override
    public long read64(long pa) {
        long base = pa & ~(PAGE - 1L);
        byte[] page = pages.get(base);
        if (page == null) {
            try {
                page = read(base, PAGE);
            } catch (RspException e) {
                page = new byte[0];
            }
            pages.put(base, page);
        }
        int off = (int) (pa - base);
        if (off + 8 > page.length) {
            throw PhysAccessFault.INSTANCE;
        }
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | (page[off + i] & 0xff);
        }
        return v;
    }

    @Override
    public boolean cas64(long pa, long expect, long update) {
        throw PhysAccessFault.INSTANCE;
    }

    /*
     * Physical mode stays on after a physical access (a table scan is thousands of reads; two
     * mode switches around each would double the round trips); every virtual access goes through
     * DebugSession.virtualMemory, which switches it off again.
     */
    private void enterPhysical() {
        if (rsp.qemu().hasPhysicalMemoryMode()) {
            rsp.qemu().setPhysical(true);
        }
    }
}
