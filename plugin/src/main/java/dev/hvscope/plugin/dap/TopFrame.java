package dev.hvscope.plugin.dap;

import dev.hvscope.core.isa.RegNames;
import dev.hvscope.plugin.dwarf.CallFrames;
import dev.hvscope.plugin.dwarf.CodeScope;
import dev.hvscope.plugin.dwarf.DebugInfo;
import dev.hvscope.plugin.dwarf.DwarfException;
import dev.hvscope.plugin.dwarf.DwarfExpression;
import dev.hvscope.plugin.rspclient.RegisterInfo;
import java.util.List;
import java.util.Optional;

/**
 * The selected hart's registers as DWARF location expressions see them: x0-x31 are DWARF
 * registers 0-31, f0-f31 are 32-63; the CFA comes from {@code .debug_frame} at the pc, the frame
 * base from the function's DW_AT_frame_base. Registers are read once per stop view.
 */
final class TopFrame implements DwarfExpression.Frame {
    private final DebugSession session;
    private final long[] general;
    private final long pc;
    private final DebugInfo info;
    private final CodeScope function;

    private TopFrame(DebugSession session, long[] general, long pc, DebugInfo info, CodeScope function) {
        this.session = session;
        this.general = general;
        this.pc = pc;
        this.info = info;
        this.function = function;
    }

    /** A located stop: the frame, and the function's scopes covering the pc (outermost first). */
    record Located(TopFrame frame, List<CodeScope> scopes) {
    }

    /** The function of the current ELFs that covers the selected hart's pc, or empty. */
    static Optional<Located> locate(DebugSession session) {
        long[] g = session.rsp().registers().readGeneral();
        long pc = g.length > 32 ? g[32] : session.rsp().registers().read("pc");
        for (DebugInfo info : session.globals().infos(session)) {
            List<CodeScope> scopes = info.scopesAt(pc);
            if (!scopes.isEmpty()) {
                return Optional.of(new Located(new TopFrame(session, g, pc, info, scopes.get(0)), scopes));
            }
        }
        return Optional.empty();
    }

    long pc() {
        return pc;
    }

    @Override
    public long register(int r) {
        if (r >= 0 && r < 32 && r < general.length) {
            return r == 0 ? 0 : general[r];
        }
        if (r >= 32 && r < 64) {
            RegisterInfo f = session.rsp().registers().description().get(RegNames.f(r - 32));
            if (f != null) {
                return session.rsp().registers().read(f);
            }
        }
        throw new DwarfException("DWARF register " + r + " is not available");
    }

    @Override
    public long cfa() {
        CallFrames.Cfa c = info.callFrames().cfa(pc)
                .orElseThrow(() -> new DwarfException("no .debug_frame rule for the CFA at " + Addresses.hex(pc)));
        return register(c.register()) + c.offset();
    }

    @Override
    public long frameBase() {
        byte[] fb = function.frameBase();
        if (fb == null) {
            throw new DwarfException("the function has no frame base");
        }
        DwarfExpression.Place p = DwarfExpression.evaluate(fb, this, 8);
        switch (p.kind()) {
            case MEMORY:
            case VALUE: return p.value();
            case REGISTER: return register((int) p.value());
            default: throw new DwarfException("the frame base is not known here");
        }
    }

    @Override
    public long memory(long address, int size) {
        byte[] b = new TypedValue(session).read(address, size);
        if (b == null) {
            throw new DwarfException("cannot read memory at " + Addresses.hex(address));
        }
        long v = 0;
        for (int i = b.length - 1; i >= 0; i--) {
            v = v << 8 | (b[i] & 0xff);
        }
        return v;
    }
}
