package dev.hvscope.core.machine;

import dev.hvscope.core.hart.Cause;
import dev.hvscope.core.hart.Hart;
import dev.hvscope.core.hart.HartObserver;
import dev.hvscope.core.isa.Disassembler;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the {@code -d} trace flags to slf4j loggers named {@code hvscope.trace.<flag>}. Installed on
 * the harts only when some flag is on; every event here is already off the hot path.
 */
final class TraceLogger implements HartObserver {
    private final Map<TraceFlag, Logger> loggers = new EnumMap<>(TraceFlag.class);

    TraceLogger(MachineConfig config) {
        for (TraceFlag f : TraceFlag.values()) {
            if (config.traces(f)) {
                loggers.put(f, LoggerFactory.getLogger("hvscope.trace." + f.flagName()));
            }
        }
    }

    boolean any() {
        return !loggers.isEmpty();
    }

    boolean on(TraceFlag f) {
        return loggers.containsKey(f);
    }

    private static String mode(int priv, boolean virt) {
        String p = priv == Hart.PRV_M ? "M" : priv == Hart.PRV_S ? "S" : "U";
        return virt ? "V" + p : (priv == Hart.PRV_S ? "HS" : p);
    }

    @Override
    public void trapTaken(Hart h, long cause, long tval, long tval2, long tinst, long epc, int fromPriv,
            boolean fromVirt) {
        String line = String.format("hart %d: %s %d from %s at pc 0x%x, tval 0x%x, tval2 0x%x, tinst 0x%x -> %s at 0x%x",
                h.hartId(), cause < 0 ? "interrupt" : "exception", cause & ~Cause.INTERRUPT,
                mode(fromPriv, fromVirt), epc, tval, tval2, tinst, mode(h.privilege(), h.virtualized()), h.pc);
        Logger intLog = loggers.get(TraceFlag.INT);
        if (intLog != null) {
            intLog.debug(line);
        }
        Logger exits = loggers.get(TraceFlag.VMEXIT);
        if (exits != null && fromVirt && !h.virtualized()) {
            exits.debug("VM exit: " + line);
        }
    }

    @Override
    public void decoded(Hart h, long pc, int raw, int length) {
        Logger log = loggers.get(TraceFlag.IN_ASM);
        if (log != null) {
            log.debug(String.format("hart %d: 0x%016x: %s", h.hartId(), pc,
                    Disassembler.disassemble(raw, length == 2, pc)));
        }
    }

    @Override
    public void translationFault(Hart h, long va, int cause, long gpa) {
        Logger log = loggers.get(TraceFlag.MMU);
        if (log != null) {
            log.debug(String.format("hart %d: translation of 0x%x failed: cause %d%s", h.hartId(), va, cause,
                    gpa == -1 ? "" : String.format(", guest-physical 0x%x", gpa)));
        }
    }

    @Override
    public void busError(Hart h, long pa, int size, boolean write) {
        Logger log = loggers.get(TraceFlag.GUEST_ERRORS);
        if (log != null) {
            log.debug(String.format("hart %d: %d-byte %s at unassigned or refusing address 0x%x (pc 0x%x)",
                    h.hartId(), size, write ? "write" : "read", pa, h.pc));
        }
    }

    @Override
    public void unimplementedCsr(Hart h, int csr) {
        Logger log = loggers.get(TraceFlag.UNIMP);
        if (log != null) {
            log.debug(String.format("hart %d: access to unimplemented CSR 0x%03x at pc 0x%x", h.hartId(), csr, h.pc));
        }
    }

    /** exec/cpu: one line per instruction about to execute (the machine single-steps while on). */
    void beforeInstruction(Hart h) {
        Logger exec = loggers.get(TraceFlag.EXEC);
        if (exec != null) {
            exec.debug(String.format("hart %d %s 0x%016x", h.hartId(), mode(h.privilege(), h.virtualized()), h.pc));
        }
    }

    void afterInstruction(Hart h) {
        Logger cpu = loggers.get(TraceFlag.CPU);
        if (cpu != null) {
            StringBuilder sb = new StringBuilder(String.format("hart %d pc 0x%016x", h.hartId(), h.pc));
            for (int i = 1; i < 32; i++) {
                sb.append(String.format(" x%d=%x", i, h.x[i]));
            }
            cpu.debug(sb.toString());
        }
    }
}
