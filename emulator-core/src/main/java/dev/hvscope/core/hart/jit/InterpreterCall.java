package dev.hvscope.core.hart.jit;

import static dev.hvscope.core.isa.Insn.rd;
import static dev.hvscope.core.isa.Insn.rs1;
import static dev.hvscope.core.isa.Insn.rs2;

import dev.hvscope.core.isa.Extension;
import dev.hvscope.core.isa.Format;
import dev.hvscope.core.isa.Opcode;

/**
 * Instructions a block performs by calling the interpreter's own method for them (F, D, A, the
 * hypervisor loads and stores and the bit-manipulation ops: the methods of {@code RvFd},
 * {@code RvA}, {@code RvH} and {@code RvB}, named
 * after the opcode, that the run loop's switch calls), so their semantics have one
 * implementation. These methods touch only registers, memory and the FP status, and leave the
 * block only by trapping; what the block must know about each is here: which integer registers
 * it reads and writes (the block keeps those in JVM locals) and whether it may store (a device
 * write cuts the batch).
 */
final class InterpreterCall {
    private static final String HART_PACKAGE = "dev/hvscope/core/hart/";

    private InterpreterCall() {
    }

    /** True when op is performed by a call. */
    static boolean handles(int op) {
        Opcode o = Opcode.of(op);
        Extension e = o.extension();
        return e == Extension.F || e == Extension.D || e == Extension.A || isHypervisorAccess(o) || isBitManip(e);
    }

    /** Zba, Zbb, Zbc, Zbs: integer ops on rs1 (and rs2 in the register forms) into rd. */
    private static boolean isBitManip(Extension e) {
        return e == Extension.ZBA || e == Extension.ZBB || e == Extension.ZBC || e == Extension.ZBS;
    }

    /** HLV, HLVX and HSV (not the HFENCEs, which flush). */
    private static boolean isHypervisorAccess(Opcode o) {
        return o.format() == Format.HLV || o.format() == Format.HSV;
    }

    /** The class declaring the method, internal form. */
    static String owner(int op) {
        Extension e = Opcode.of(op).extension();
        String owner = e == Extension.A ? "RvA" : e == Extension.H ? "RvH" : isBitManip(e) ? "RvB" : "RvFd";
        return HART_PACKAGE + owner;
    }

    /** The method's name: the opcode in camel case ({@code FCVT_WU_S} is {@code fcvtWuS}). */
    static String method(int op) {
        String[] parts = Opcode.of(op).name().toLowerCase(java.util.Locale.ROOT).split("_");
        StringBuilder b = new StringBuilder(parts[0]);
        for (int k = 1; k < parts.length; k++) {
            b.append(Character.toUpperCase(parts[k].charAt(0))).append(parts[k], 1, parts[k].length());
        }
        return b.toString();
    }

    /** Integer registers the instruction reads (bit r set for x[r]). */
    static int reads(int op, int w) {
        Opcode o = Opcode.of(op);
        int regs = 0;
        if (o.extension() == Extension.A || o.format() == Format.LOAD || o.format() == Format.STORE
                || o.isIntegerToFp() || isHypervisorAccess(o) || isBitManip(o.extension())) {
            regs |= 1 << rs1(w);
        }
        if (o.format() == Format.AMO || o.format() == Format.HSV || isBitManip(o.extension()) && o.format() == Format.R) {
            regs |= 1 << rs2(w);
        }
        return regs & ~1;
    }

    /** Integer registers the instruction writes. */
    static int writes(int op, int w) {
        Opcode o = Opcode.of(op);
        boolean writesRd = o.extension() == Extension.A || o.isFpToInteger() || o.format() == Format.HLV
                || isBitManip(o.extension());
        return writesRd ? (1 << rd(w)) & ~1 : 0;
    }

    /** True when the instruction may write memory (and so a device, which cuts the batch). */
    static boolean mayStore(int op) {
        Opcode o = Opcode.of(op);
        return o.format() == Format.STORE || o.format() == Format.AMO || o.format() == Format.HSV;
    }
}
