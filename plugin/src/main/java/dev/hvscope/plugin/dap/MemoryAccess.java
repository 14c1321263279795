package dev.hvscope.plugin.dap;

import dev.hvscope.core.mmu.AccessType;
import dev.hvscope.core.mmu.PageWalker;
import dev.hvscope.core.mmu.Translation;
import dev.hvscope.core.mmu.TranslationRequest;

/**
 * Memory references and the address space they name: a raw address ({@code 0x80000000} or
 * {@code 80000000}) is read as the current hart sees it; {@code hpa:ADDR} is host-physical;
 * {@code gpa:ADDR} is guest-physical, put through hgatp's G-stage on the client.
 */
final class MemoryAccess {
    private final DebugSession session;
    private final String space;
    private final long base;

    private MemoryAccess(DebugSession session, String space, long base) {
        this.session = session;
        this.space = space;
        this.base = base;
    }

    static MemoryAccess parse(DebugSession session, String reference, long offset) {
        if (reference == null || reference.isBlank()) {
            throw DapError.badArgs("missing memoryReference");
        }
        String ref = reference.trim();
        String space = "";
        int colon = ref.indexOf(':');
        if (colon > 0) {
            space = ref.substring(0, colon).toLowerCase();
            ref = ref.substring(colon + 1);
            if (!space.equals("hpa") && !space.equals("gpa")) {
                throw DapError.badArgs("unknown address space '" + space + "' (use hpa: or gpa:)");
            }
        }
        long addr;
        try {
            addr = Addresses.memoryReference(ref);
        } catch (RuntimeException e) {
            throw DapError.badArgs("unknown memory reference '" + reference + "'");
        }
        return new MemoryAccess(session, space, addr + offset);
    }

    long address() {
        return base;
    }

    byte[] read(int count) {
        session.select(session.currentThread());
        switch (space) {
            case "hpa":
                return session.physical().read(base, count);
            case "gpa":
                return session.physical().read(gpaToHpa(base), count);
            default:
                return session.virtualMemory().read(base, count);
        }
    }

    void write(byte[] data) {
        session.select(session.currentThread());
        switch (space) {
            case "hpa":
                session.physical().write(base, data);
                break;
            case "gpa":
                session.physical().write(gpaToHpa(base), data);
                break;
            default:
                session.virtualMemory().write(base, data);
        }
    }

    private long gpaToHpa(long gpa) {
        Long hgatp = HypervisorScope.csr(session, "hgatp");
        if (hgatp == null) {
            throw DapError.failed("the target has no hgatp");
        }
        TranslationRequest req = new TranslationRequest();
        req.twoStage = true;
        req.hgatp = hgatp;
        req.debug = true;
        Translation t = new Translation();
        if (!new PageWalker(session.physical()).translate(gpa, AccessType.LOAD, req, t, null)) {
            throw DapError.failed("GPA " + Addresses.hex(gpa) + " is not mapped by the G-stage (" + t.failure + ")");
        }
        return t.pa;
    }
}
