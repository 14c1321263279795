package dev.hvscope.core.debug;

import dev.hvscope.core.bus.Bus;
import dev.hvscope.core.bus.BusFault;
import dev.hvscope.core.hart.Csr;
import dev.hvscope.core.hart.CsrTable;
import dev.hvscope.core.hart.Hart;
import dev.hvscope.core.mmu.AccessType;
import dev.hvscope.core.mmu.PageWalker;
import dev.hvscope.core.mmu.PhysAccessFault;
import dev.hvscope.core.mmu.PhysReader;
import dev.hvscope.core.mmu.Translation;
import dev.hvscope.core.mmu.TranslationRequest;
import dev.hvscope.core.mmu.WalkTrace;

/**
 * Debugger memory access by address space: debug walks (no A/D writes, no traps, permissions
 * relaxed so every mapped page is readable) over the bus, then byte access on the bus. Used on
 * the debugger's thread only while the target is stopped.
 */
final class DebugMemory {
    private final Bus bus;
    private final PageWalker walker;
    private final PhysReader physical;
    private final TranslationRequest request = new TranslationRequest();
    private final Translation translation = new Translation();

    DebugMemory(Bus bus) {
        this.bus = bus;
        this.physical = new BusReader(bus);
        this.walker = new PageWalker(physical);
    }

    /** The bus without PMP: the debugger sees all of physical memory. */
    private static final class BusReader implements PhysReader {
        private final Bus bus;

        BusReader(Bus bus) {
            this.bus = bus;
        }

        @Override
        public long read64(long pa) {
            try {
                return bus.read(pa, 8);
            } catch (BusFault e) {
                throw PhysAccessFault.INSTANCE;
            }
        }

        @Override
        public boolean cas64(long pa, long expect, long update) {
            throw PhysAccessFault.INSTANCE;   // debug walks never write
        }
    }

    /** Fills the request for a space; false when the space is untranslated (physical). */
    private boolean prepare(Hart h, AddressSpace space) {
        TranslationRequest r = request;
        r.debug = true;
        r.userMode = false;
        r.sum = true;
        r.mxr = true;
        r.hsMxr = true;
        r.hlvx = false;
        r.hgatp = CsrTable.peek(h, Csr.HGATP) == null ? 0 : CsrTable.peek(h, Csr.HGATP);
        switch (space) {
            case HOST_PHYSICAL:
                return false;
            case GUEST_PHYSICAL:
                r.atp = 0;
                r.twoStage = true;
                return true;
            case GUEST_VIRTUAL:
                r.atp = CsrTable.peek(h, Csr.VSATP);
                r.twoStage = true;
                return true;
            default:
                if (h.privilege() == Hart.PRV_M) {
                    return false;
                }
                if (h.virtualized()) {
                    r.atp = CsrTable.peek(h, Csr.VSATP);
                    r.twoStage = true;
                    return true;
                }
                r.atp = CsrTable.peek(h, Csr.SATP);
                r.twoStage = false;
                return (r.atp >>> 60) != 0;
        }
    }

    /** Host-physical address of {@code address} in a space; throws when it does not translate. */
    long toPhysical(Hart h, AddressSpace space, long address) {
        if (!prepare(h, space)) {
            return address;
        }
        if (!walker.translate(address, AccessType.LOAD, request, translation, null)) {
            throw new MemoryAccessException(address, "no translation (" + translation.failure + ")");
        }
        return translation.pa;
    }

    /** A traced translation query. */
    TranslationReport trace(Hart h, AddressSpace space, long address) {
        if (!prepare(h, space)) {
            return new TranslationReport(address, true, -1, address, 0,
                    "translate va=0x" + Long.toHexString(address) + ": untranslated (physical)\n");
        }
        WalkTrace trace = new WalkTrace();
        boolean ok = walker.translate(address, AccessType.LOAD, request, translation, trace);
        return new TranslationReport(address, ok, translation.gpa, ok ? translation.pa : -1, translation.cause,
                trace.format());
    }

    /** Translates one PTE-table address for a table scan (VS tables live at GPAs); -1 when unmapped. */
    long gpaToHpa(Hart h, long gpa) {
        try {
            return toPhysical(h, AddressSpace.GUEST_PHYSICAL, gpa);
        } catch (MemoryAccessException e) {
            return -1;
        }
    }

    /** The bus without PMP, for PTE reads (table scans). */
    PhysReader physical() {
        return physical;
    }

    byte[] read(Hart h, AddressSpace space, long address, int length) {
        byte[] out = new byte[length];
        int done = 0;
        try {
            while (done < length) {
                long va = address + done;
                long pa = toPhysical(h, space, va);
                int inPage = (int) Math.min(length - done, 4096 - (va & 0xfff));
                if (bus.isRam(pa, inPage)) {
                    bus.ram().readBytes(pa, out, done, inPage);
                    done += inPage;
                    continue;
                }
                for (int k = 0; k < inPage; k++) {
                    out[done] = (byte) readByte(pa + k);
                    done++;
                }
            }
        } catch (MemoryAccessException | BusFault e) {
            if (done == 0) {
                throw e instanceof MemoryAccessException ? (MemoryAccessException) e
                        : new MemoryAccessException(address, "no memory");
            }
            return java.util.Arrays.copyOf(out, done);
        }
        return out;
    }

    private long readByte(long pa) {
        if (bus.isRam(pa, 1)) {
            return bus.read(pa, 1);
        }
        // Devices may answer only aligned word reads: read the word around the byte.
        try {
            return bus.read(pa, 1);
        } catch (BusFault e) {
            long word = bus.read(pa & ~3L, 4);
            return word >>> (8 * (pa & 3));
        }
    }

    void write(Hart h, AddressSpace space, long address, byte[] data) {
        for (int i = 0; i < data.length; ) {
            long va = address + i;
            long pa = toPhysical(h, space, va);
            int inPage = (int) Math.min(data.length - i, 4096 - (va & 0xfff));
            for (int k = 0; k < inPage; k++, i++) {
                try {
                    bus.write(pa + k, 1, data[i] & 0xff);
                } catch (BusFault e) {
                    throw new MemoryAccessException(va + k, "not writable");
                }
            }
        }
    }
}
