package dev.hvscope.core.hart;

import static dev.hvscope.core.isa.Insn.csr;
import static dev.hvscope.core.isa.Insn.rd;
import static dev.hvscope.core.isa.Insn.rs1;

/** Zicsr: read-modify-write of CSRs through {@link CsrTable}. */
final class RvZicsr {
    private RvZicsr() {
    }

    static void csrrw(Hart h, int i) {
        swap(h, i, h.x[rs1(i)]);
    }

    static void csrrwi(Hart h, int i) {
        swap(h, i, rs1(i));
    }

    static void csrrs(Hart h, int i) {
        modify(h, i, h.x[rs1(i)], true, rs1(i) != 0);
    }

    static void csrrc(Hart h, int i) {
        modify(h, i, h.x[rs1(i)], false, rs1(i) != 0);
    }

    static void csrrsi(Hart h, int i) {
        modify(h, i, rs1(i), true, rs1(i) != 0);
    }

    static void csrrci(Hart h, int i) {
        modify(h, i, rs1(i), false, rs1(i) != 0);
    }

    /** CSRRW/CSRRWI: always write; read only when rd != 0 (no read side effects otherwise). */
    private static void swap(Hart h, int i, long value) {
        int rd = rd(i);
        CsrTable.resolve(h, csr(i), true);
        long old = rd != 0 ? CsrTable.read(h, csr(i)) : 0;
        CsrTable.write(h, csr(i), value);
        h.writeX(rd, old);
    }

    /** CSRRS/CSRRC(I): always read; write only when the mask operand is a register other than x0 / non-zero. */
    private static void modify(Hart h, int i, long mask, boolean set, boolean writes) {
        if (writes) {
            CsrTable.resolve(h, csr(i), true);
        }
        long old = CsrTable.read(h, csr(i));
        if (writes) {
            CsrTable.write(h, csr(i), set ? old | mask : old & ~mask);
        }
        h.writeX(rd(i), old);
    }
}
