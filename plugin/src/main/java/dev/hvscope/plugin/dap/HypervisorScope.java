package dev.hvscope.plugin.dap;

import dev.hvscope.core.mmu.PagingMode;
import dev.hvscope.plugin.rspclient.RegisterInfo;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.debug.Variable;

/**
 * The Hypervisor scope: privilege and V (from {@code priv}: bits 1:0 the level, bit 2 V as the
 * debug spec puts it; QEMU 7.2 never sets it), hgatp/vsatp/hstatus decoded, and the trap CSRs
 * that describe the last exit into HS (scause, stval, htval, htinst).
 */
final class HypervisorScope extends LazyScope {
    private static final String[] LEVELS = {"U", "S", "reserved", "M"};
    private final DebugSession session;
    private final long tid;

    HypervisorScope(DebugSession session, long tid) {
        this.session = session;
        this.tid = tid;
    }

    /** A CSR value, or null when the target does not have it. */
    static Long csr(DebugSession session, String name) {
        RegisterInfo r = session.rsp().registers().description().get(name);
        if (r == null) {
            return null;
        }
        try {
            return session.rsp().registers().read(r);
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    List<Variable> read() {
        session.select(tid);
        List<Variable> out = new ArrayList<>();
        Long priv = csr(session, "priv");
        if (priv != null) {
            boolean v = (priv & 4) != 0;
            String level = LEVELS[(int) (priv & 3)];
            out.add(Vars.of("privilege", (v ? "V" : "") + level + (level.equals("S") && !v ? " (HS)" : ""), 0, "$priv"));
            out.add(Vars.of("V", v ? "1" : "0 (or not reported by the stub)"));
        }
        Long hgatp = csr(session, "hgatp");
        if (hgatp == null) {
            out.add(Vars.of("hgatp", "<the target has no H extension CSRs>"));
            return out;
        }
        out.add(atp(session, "hgatp", hgatp, PagingMode.fromHgatp(hgatp)));
        Long vsatp = csr(session, "vsatp");
        if (vsatp != null) {
            out.add(atp(session, "vsatp", vsatp, PagingMode.fromSatp(vsatp)));
        }
        for (String name : new String[] {"hstatus", "scause", "stval", "htval", "htinst", "sepc"}) {
            Long v = csr(session, name);
            if (v != null) {
                out.add(CsrScope.csr(session, name, v));
            }
        }
        Long htval = csr(session, "htval");
        Long stval = csr(session, "stval");
        if (htval != null && stval != null) {
            out.add(Vars.of("faulting GPA", Addresses.hex(htval << 2 | (stval & 3)), 0, null));
        }
        return out;
    }

    private static Variable atp(DebugSession session, String name, long value, PagingMode mode) {
        Variable v = CsrScope.csr(session, name, value);
        String m = mode == null ? "reserved mode" : mode.name();
        long root = name.equals("hgatp") ? PagingMode.hgatpRoot(value, false) : PagingMode.satpRoot(value);
        v.setValue(Addresses.hex64(value) + " (" + m + (mode != null && !mode.isBare() ? ", root " + Addresses.hex(root) : "") + ")");
        return v;
    }


    @Override
    public String set(String name, String value) {
        return RegisterWrite.write(session, tid, name, value);
    }
}
