package dev.hvscope.plugin.dap;

/**
 * Where the function holding pc returns to, for stepOut, without DWARF call frame information: at
 * the function's entry it is ra. Elsewhere the prologue is scanned from the function's symbol to
 * pc for the stack adjustments ({@code addi sp,sp,-N}, {@code c.addi sp}, {@code c.addi16sp}) and
 * the ra save ({@code sd ra,off(sp)}, {@code c.sdsp ra}); when ra was saved, the slot is read from
 * the stack (sp at entry = sp now minus the adjustments seen), else the function has not saved ra
 * (a leaf) and ra is used. Limits: code that moves sp other than in its prologue before pc, or pc
 * past an epilogue that restored sp, gives a wrong address (the step then ends at the next stop).
 */
final class ReturnAddress {
    private static final int MAX_SCAN = 512;
    private static final int RA = 1;
    private static final int SP = 2;

    private ReturnAddress() {
    }

    static long of(DebugSession session, long tid, long pc) {
        session.select(tid);
        long ra = LineStep.register(session, "ra");
        Long fn = session.sourceLines().functionStart(session, pc);
        if (fn == null) {
            String sym = session.symbols().at(pc);
            if (sym == null) {
                throw DapError.failed("stepOut needs the symbol of the function at " + Addresses.hex(pc));
            }
            int plus = sym.indexOf('+');
            fn = plus < 0 ? pc : pc - Long.decode(sym.substring(plus + 1));
        }
        if (fn == pc) {
            return ra;
        }
        int len = (int) Math.min(MAX_SCAN, pc - fn);
        Prologue p = scan(session.virtualMemory().read(fn, len));
        if (p.raSlot() == null) {
            return ra;
        }
        long sp = LineStep.register(session, "sp");
        byte[] slot = session.virtualMemory().read(sp - p.spDelta() + p.raSlot(), 8);
        long v = 0;
        for (int k = 7; k >= 0; k--) {
            v = v << 8 | (slot[k] & 0xff);
        }
        return v;
    }

    /**
     * What the code from a function's entry did to sp and ra: the sum of the sp adjustments, and
     * where ra was saved as an offset from sp at entry (null when it was not).
     */
    record Prologue(long spDelta, Long raSlot) {
    }

    static Prologue scan(byte[] code) {
        long spDelta = 0;
        Long raSlot = null;
        int i = 0;
        while (i + 2 <= code.length) {
            int lo = (code[i] & 0xff) | (code[i + 1] & 0xff) << 8;
            if ((lo & 3) != 3) {
                spDelta += compressedSpAdjust(lo);
                if (isCompressedSdRa(lo)) {
                    raSlot = spDelta + (((lo >>> 10) & 7) << 3 | ((lo >>> 7) & 7) << 6);
                }
                i += 2;
                continue;
            }
            if (i + 4 > code.length) {
                break;
            }
            int insn = lo | ((code[i + 2] & 0xff) | (code[i + 3] & 0xff) << 8) << 16;
            int opcode = insn & 0x7f;
            int rd = (insn >>> 7) & 31;
            int funct3 = (insn >>> 12) & 7;
            int rs1 = (insn >>> 15) & 31;
            int rs2 = (insn >>> 20) & 31;
            if (opcode == 0x13 && funct3 == 0 && rd == SP && rs1 == SP) {
                spDelta += insn >> 20;
            } else if (opcode == 0x23 && funct3 == 3 && rs1 == SP && rs2 == RA) {
                raSlot = spDelta + ((insn >> 25) << 5 | (insn >>> 7) & 31);
            }
            i += 4;
        }
        return new Prologue(spDelta, raSlot);
    }

    /** The sp change of c.addi sp,imm or c.addi16sp imm (0 for anything else). */
    private static long compressedSpAdjust(int c) {
        int op = c & 3;
        int funct3 = (c >>> 13) & 7;
        int rd = (c >>> 7) & 31;
        if (op != 1 || rd != SP) {
            return 0;
        }
        if (funct3 == 0) {                     // c.addi sp, nzimm[5:0]
            int imm = ((c >>> 2) & 31) | ((c >>> 12) & 1) << 5;
            return (imm << 26) >> 26;
        }
        if (funct3 == 3) {                     // c.addi16sp nzimm[9:4]
            int imm = ((c >>> 6) & 1) << 4 | ((c >>> 2) & 1) << 5 | ((c >>> 5) & 1) << 6 | ((c >>> 3) & 3) << 7
                    | ((c >>> 12) & 1) << 9;
            return (imm << 22) >> 22;
        }
        return 0;
    }

    /** c.sdsp ra, uimm(sp): funct3 111, op 10, rs2 = ra. */
    private static boolean isCompressedSdRa(int c) {
        return (c & 3) == 2 && ((c >>> 13) & 7) == 7 && ((c >>> 2) & 31) == RA;
    }
}
