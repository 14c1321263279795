package dev.hvscope.gdb.target;

import dev.hvscope.core.debug.CsrDescriptor;
import dev.hvscope.core.debug.Debuggee;
import dev.hvscope.core.isa.RegNames;
import dev.hvscope.gdb.target.Register.Kind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The registers a target shows gdb, numbered as GDB 13's riscv target expects without a
 * description (x0-x31 = 0-31, pc = 32, f0-f31 = 33-64, CSR n = 65 + n, priv = 4161) so the same
 * numbers hold with one; plus {@code mode}, the privilege and V bit as a readable enum.
 */
public final class RegisterMap {
    public static final int PC = 32;
    public static final int FIRST_FPR = 33;
    public static final int FIRST_CSR = 65;
    public static final int PRIV = FIRST_CSR + 4096;
    public static final int MODE = PRIV + 1;

    static final String CPU = "org.gnu.gdb.riscv.cpu";
    static final String FPU = "org.gnu.gdb.riscv.fpu";
    static final String VIRTUAL = "org.gnu.gdb.riscv.virtual";
    static final String CSR = "org.gnu.gdb.riscv.csr";
    static final String HV = "org.hvscope.riscv.hypervisor";

    private static final Set<Integer> FP_CSRS = Set.of(1, 2, 3);

    private final List<Register> registers = new ArrayList<>();
    private final Map<Integer, Register> byNumber = new HashMap<>();

    public RegisterMap(List<CsrDescriptor> csrs) {
        for (int i = 0; i < 32; i++) {
            add(new Register(i, RegNames.x(i), Kind.GPR, i, 64, i == 2 ? "data_ptr" : i == 1 ? "code_ptr" : "int",
                    "general", CPU));
        }
        add(new Register(PC, "pc", Kind.PC, 0, 64, "code_ptr", "general", CPU));
        for (int i = 0; i < 32; i++) {
            add(new Register(FIRST_FPR + i, RegNames.f(i), Kind.FPR, i, 64, "ieee_double", "float", FPU));
        }
        for (CsrDescriptor c : csrs) {
            boolean fp = FP_CSRS.contains(c.number());
            add(new Register(FIRST_CSR + c.number(), c.name(), Kind.CSR, c.number(), 64, CsrTypes.typeOf(c.name()),
                    fp ? "float" : "csr", fp ? FPU : CSR));
        }
        add(new Register(PRIV, "priv", Kind.PRIV, 0, 64, "uint64", "general", VIRTUAL));
        add(new Register(MODE, "mode", Kind.MODE, 0, 32, "hv_mode", "general", HV));
    }

    private void add(Register r) {
        registers.add(r);
        byNumber.put(r.number(), r);
    }

    public List<Register> all() {
        return Collections.unmodifiableList(registers);
    }

    public Register byNumber(int number) {
        return byNumber.get(number);
    }

    /** Reads a register's value. */
    public static long read(Debuggee d, int thread, Register r) {
        switch (r.kind()) {
            case GPR: return d.gpr(thread, r.index());
            case PC: return d.pc(thread);
            case FPR: return d.fpr(thread, r.index());
            case CSR: {
                Long v = d.csr(thread, r.index());
                return v == null ? 0 : v;
            }
            default: {
                var s = d.threadState(thread);
                return s.privilege() | (s.virtualized() ? 4 : 0);
            }
        }
    }

    /** Writes a register; false when the target refuses. */
    public static boolean write(Debuggee d, int thread, Register r, long value) {
        switch (r.kind()) {
            case GPR: d.setGpr(thread, r.index(), value); return true;
            case PC: d.setPc(thread, value); return true;
            case FPR: d.setFpr(thread, r.index(), value); return true;
            case CSR: return d.setCsr(thread, r.index(), value);
            default:
                try {
                    d.setMode(thread, (int) (value & 3), (value & 4) != 0);
                    return true;
                } catch (IllegalArgumentException e) {
                    return false;
                }
        }
    }
}
