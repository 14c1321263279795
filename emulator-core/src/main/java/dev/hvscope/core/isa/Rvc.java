package dev.hvscope.core.isa;

/**
 * Expands RV64C instructions to the equivalent 32-bit base instruction, following the RVC chapter
 * ("C" Standard Extension for Compressed Instructions) of the unprivileged spec. HINT encodings
 * are legal and expand to their base forms (for example C.LI with rd=x0 to {@code addi x0,x0,imm});
 * reserved and RV32/RV128-only encodings expand to 0, which {@link Decoder} decodes as illegal.
 */
public final class Rvc {
    private static final int X0 = 0;
    private static final int RA = 1;
    private static final int SP = 2;

    private static final int OP_IMM = 0x13;
    private static final int OP_IMM_32 = 0x1b;
    private static final int OP = 0x33;
    private static final int OP_32 = 0x3b;
    private static final int LUI = 0x37;
    private static final int LOAD = 0x03;
    private static final int LOAD_FP = 0x07;
    private static final int STORE = 0x23;
    private static final int STORE_FP = 0x27;
    private static final int BRANCH = 0x63;
    private static final int JAL = 0x6f;
    private static final int JALR = 0x67;
    private static final int EBREAK = 0x00100073;

    private Rvc() {
    }

    /** The 32-bit expansion of a 16-bit instruction, or 0 when it is reserved or not RV64C. */
    public static int expand(int insn16) {
        int c = insn16 & 0xffff;
        int funct3 = c >>> 13;
        switch (c & 3) {
            case 0:
                return quadrant0(c, funct3);
            case 1:
                return quadrant1(c, funct3);
            case 2:
                return quadrant2(c, funct3);
            default:
                return 0; // a 32-bit instruction, not compressed
        }
    }

    private static int quadrant0(int c, int funct3) {
        int rdp = rdPrime(c);
        int rs1p = rs1Prime(c);
        switch (funct3) {
            case 0: { // C.ADDI4SPN: nzuimm[5:4|9:6|2|3]
                int imm = bits(c, 12, 11) << 4 | bits(c, 10, 7) << 6 | bit(c, 6) << 2 | bit(c, 5) << 3;
                return imm == 0 ? 0 : iType(imm, SP, 0, rdp, OP_IMM); // imm 0 (and 0x0000) reserved
            }
            case 1: // C.FLD
                return iType(uimmD(c), rs1p, 3, rdp, LOAD_FP);
            case 2: // C.LW
                return iType(uimmW(c), rs1p, 2, rdp, LOAD);
            case 3: // C.LD (RV64; C.FLW on RV32)
                return iType(uimmD(c), rs1p, 3, rdp, LOAD);
            case 5: // C.FSD
                return sType(uimmD(c), rdp, rs1p, 3, STORE_FP);
            case 6: // C.SW
                return sType(uimmW(c), rdp, rs1p, 2, STORE);
            case 7: // C.SD (RV64; C.FSW on RV32)
                return sType(uimmD(c), rdp, rs1p, 3, STORE);
            default: // 4 is reserved
                return 0;
        }
    }

    private static int quadrant1(int c, int funct3) {
        int rd = bits(c, 11, 7);
        int imm6 = signExtend(bit(c, 12) << 5 | bits(c, 6, 2), 6);
        switch (funct3) {
            case 0: // C.ADDI; C.NOP when rd=0 and imm=0; HINT when exactly one of them is 0
                return iType(imm6, rd, 0, rd, OP_IMM);
            case 1: // C.ADDIW (RV64): rd=0 reserved
                return rd == 0 ? 0 : iType(imm6, rd, 0, rd, OP_IMM_32);
            case 2: // C.LI; rd=0 is a HINT
                return iType(imm6, X0, 0, rd, OP_IMM);
            case 3:
                if (rd == SP) { // C.ADDI16SP: nzimm[9] | nzimm[4|6|8:7|5]
                    int imm = bit(c, 12) << 9 | bit(c, 6) << 4 | bit(c, 5) << 6 | bits(c, 4, 3) << 7
                            | bit(c, 2) << 5;
                    return imm == 0 ? 0 : iType(signExtend(imm, 10), SP, 0, SP, OP_IMM);
                }
                // C.LUI: nzimm[17] | nzimm[16:12]; imm 0 reserved, rd=0 a HINT
                return imm6 == 0 ? 0 : (imm6 << 12) | rd << 7 | LUI;
            case 4:
                return arith(c);
            case 5: { // C.J
                return jal(X0, cjOffset(c));
            }
            case 6: // C.BEQZ
                return bType(cbOffset(c), X0, rs1Prime(c), 0);
            default: // C.BNEZ
                return bType(cbOffset(c), X0, rs1Prime(c), 1);
        }
    }

    /** The C.SRLI .. C.ADDW group (quadrant 1, funct3 100). */
    private static int arith(int c) {
        int rd = rs1Prime(c);
        int shamt = bit(c, 12) << 5 | bits(c, 6, 2); // shamt 0 is a HINT on RV64
        int rs2 = rdPrime(c);
        switch (bits(c, 11, 10)) {
            case 0: // C.SRLI
                return iType(shamt, rd, 5, rd, OP_IMM);
            case 1: // C.SRAI
                return iType(0x400 | shamt, rd, 5, rd, OP_IMM);
            case 2: // C.ANDI
                return iType(signExtend(shamt, 6), rd, 7, rd, OP_IMM);
            default:
                break;
        }
        int f = bits(c, 6, 5);
        if (bit(c, 12) == 0) {
            switch (f) {
                case 0: // C.SUB
                    return rType(0x20, rs2, rd, 0, rd, OP);
                case 1: // C.XOR
                    return rType(0, rs2, rd, 4, rd, OP);
                case 2: // C.OR
                    return rType(0, rs2, rd, 6, rd, OP);
                default: // C.AND
                    return rType(0, rs2, rd, 7, rd, OP);
            }
        }
        switch (f) {
            case 0: // C.SUBW
                return rType(0x20, rs2, rd, 0, rd, OP_32);
            case 1: // C.ADDW
                return rType(0, rs2, rd, 0, rd, OP_32);
            default: // reserved
                return 0;
        }
    }

    private static int quadrant2(int c, int funct3) {
        int rd = bits(c, 11, 7);
        int rs2 = bits(c, 6, 2);
        switch (funct3) {
            case 0: { // C.SLLI; rd=0 or shamt=0 are HINTs on RV64
                int shamt = bit(c, 12) << 5 | rs2;
                return iType(shamt, rd, 1, rd, OP_IMM);
            }
            case 1: // C.FLDSP
                return iType(uimmDsp(c), SP, 3, rd, LOAD_FP);
            case 2: { // C.LWSP: uimm[5] | uimm[4:2|7:6]; rd=0 reserved
                int imm = bit(c, 12) << 5 | bits(c, 6, 4) << 2 | bits(c, 3, 2) << 6;
                return rd == 0 ? 0 : iType(imm, SP, 2, rd, LOAD);
            }
            case 3: // C.LDSP (RV64; C.FLWSP on RV32): rd=0 reserved
                return rd == 0 ? 0 : iType(uimmDsp(c), SP, 3, rd, LOAD);
            case 4:
                if (bit(c, 12) == 0) {
                    if (rs2 == 0) { // C.JR: rs1=0 reserved
                        return rd == 0 ? 0 : iType(0, rd, 0, X0, JALR);
                    }
                    return rType(0, rs2, X0, 0, rd, OP); // C.MV; rd=0 is a HINT
                }
                if (rs2 == 0) {
                    // C.EBREAK when rs1=0, else C.JALR
                    return rd == 0 ? EBREAK : iType(0, rd, 0, RA, JALR);
                }
                return rType(0, rs2, rd, 0, rd, OP); // C.ADD; rd=0 is a HINT
            case 5: // C.FSDSP
                return sType(uimmSdsp(c), rs2, SP, 3, STORE_FP);
            case 6: { // C.SWSP: uimm[5:2|7:6]
                int imm = bits(c, 12, 9) << 2 | bits(c, 8, 7) << 6;
                return sType(imm, rs2, SP, 2, STORE);
            }
            default: // C.SDSP (RV64; C.FSWSP on RV32)
                return sType(uimmSdsp(c), rs2, SP, 3, STORE);
        }
    }

    // --- immediates of the CL/CS/CI/CSS formats -------------------------------------------------

    /** CL/CS word offset: uimm[5:3] in 12:10, uimm[2|6] in 6:5. */
    private static int uimmW(int c) {
        return bits(c, 12, 10) << 3 | bit(c, 6) << 2 | bit(c, 5) << 6;
    }

    /** CL/CS doubleword offset: uimm[5:3] in 12:10, uimm[7:6] in 6:5. */
    private static int uimmD(int c) {
        return bits(c, 12, 10) << 3 | bits(c, 6, 5) << 6;
    }

    /** CI doubleword stack offset: uimm[5] in 12, uimm[4:3|8:6] in 6:2. */
    private static int uimmDsp(int c) {
        return bit(c, 12) << 5 | bits(c, 6, 5) << 3 | bits(c, 4, 2) << 6;
    }

    /** CSS doubleword stack offset: uimm[5:3|8:6] in 12:7. */
    private static int uimmSdsp(int c) {
        return bits(c, 12, 10) << 3 | bits(c, 9, 7) << 6;
    }

    /** CJ offset[11|4|9:8|10|6|7|3:1|5] in 12:2. */
    private static int cjOffset(int c) {
        int off = bit(c, 12) << 11 | bit(c, 11) << 4 | bits(c, 10, 9) << 8 | bit(c, 8) << 10 | bit(c, 7) << 6
                | bit(c, 6) << 7 | bits(c, 5, 3) << 1 | bit(c, 2) << 5;
        return signExtend(off, 12);
    }

    /** CB offset[8|4:3] in 12:10, offset[7:6|2:1|5] in 6:2. */
    private static int cbOffset(int c) {
        int off = bit(c, 12) << 8 | bits(c, 11, 10) << 3 | bits(c, 6, 5) << 6 | bits(c, 4, 3) << 1
                | bit(c, 2) << 5;
        return signExtend(off, 9);
    }

    // --- field helpers -------------------------------------------------------------------------

    private static int rdPrime(int c) {
        return 8 + bits(c, 4, 2);
    }

    private static int rs1Prime(int c) {
        return 8 + bits(c, 9, 7);
    }

    private static int bit(int c, int i) {
        return (c >>> i) & 1;
    }

    private static int bits(int c, int hi, int lo) {
        return (c >>> lo) & ((1 << (hi - lo + 1)) - 1);
    }

    private static int signExtend(int v, int width) {
        int shift = 32 - width;
        return (v << shift) >> shift;
    }

    // --- base encodings ------------------------------------------------------------------------

    private static int iType(int imm, int rs1, int funct3, int rd, int opcode) {
        return imm << 20 | rs1 << 15 | funct3 << 12 | rd << 7 | opcode;
    }

    private static int sType(int imm, int rs2, int rs1, int funct3, int opcode) {
        return (imm >> 5) << 25 | rs2 << 20 | rs1 << 15 | funct3 << 12 | (imm & 31) << 7 | opcode;
    }

    private static int rType(int funct7, int rs2, int rs1, int funct3, int rd, int opcode) {
        return funct7 << 25 | rs2 << 20 | rs1 << 15 | funct3 << 12 | rd << 7 | opcode;
    }

    private static int bType(int off, int rs2, int rs1, int funct3) {
        return ((off >> 12) & 1) << 31 | ((off >> 5) & 0x3f) << 25 | rs2 << 20 | rs1 << 15 | funct3 << 12
                | ((off >> 1) & 0xf) << 8 | ((off >> 11) & 1) << 7 | BRANCH;
    }

    private static int jal(int rd, int off) {
        return ((off >> 20) & 1) << 31 | ((off >> 1) & 0x3ff) << 21 | ((off >> 11) & 1) << 20
                | ((off >> 12) & 0xff) << 12 | rd << 7 | JAL;
    }
}
