package dev.hvscope.core.isa;

import java.util.EnumSet;

/**
 * Every instruction hvscope executes, one line each: decodetree-style bit pattern (bit 31 first,
 * '.' for operand bits, spaces ignored), operand format and extension. Compressed instructions
 * are expanded to these base forms before decoding, as QEMU's insn16.decode does.
 *
 * <p>{@link #ILLEGAL} is ordinal 0, so a zeroed decode cache entry decodes as illegal.
 */
public enum Opcode {
    ILLEGAL("", Format.NONE, Extension.I),
    /** Internal: a debugger breakpoint planted in the decode cache, never decoded from memory. */
    BREAK("", Format.NONE, Extension.I),
    LUI("....... ..... ..... ... ..... 0110111", Format.U, Extension.I),
    AUIPC("....... ..... ..... ... ..... 0010111", Format.U, Extension.I),
    JAL("....... ..... ..... ... ..... 1101111", Format.J, Extension.I),
    JALR("....... ..... ..... 000 ..... 1100111", Format.I, Extension.I),
    BEQ("....... ..... ..... 000 ..... 1100011", Format.B, Extension.I),
    BNE("....... ..... ..... 001 ..... 1100011", Format.B, Extension.I),
    BLT("....... ..... ..... 100 ..... 1100011", Format.B, Extension.I),
    BGE("....... ..... ..... 101 ..... 1100011", Format.B, Extension.I),
    BLTU("....... ..... ..... 110 ..... 1100011", Format.B, Extension.I),
    BGEU("....... ..... ..... 111 ..... 1100011", Format.B, Extension.I),
    LB("....... ..... ..... 000 ..... 0000011", Format.LOAD, Extension.I),
    LH("....... ..... ..... 001 ..... 0000011", Format.LOAD, Extension.I),
    LW("....... ..... ..... 010 ..... 0000011", Format.LOAD, Extension.I),
    LD("....... ..... ..... 011 ..... 0000011", Format.LOAD, Extension.I),
    LBU("....... ..... ..... 100 ..... 0000011", Format.LOAD, Extension.I),
    LHU("....... ..... ..... 101 ..... 0000011", Format.LOAD, Extension.I),
    LWU("....... ..... ..... 110 ..... 0000011", Format.LOAD, Extension.I),
    SB("....... ..... ..... 000 ..... 0100011", Format.STORE, Extension.I),
    SH("....... ..... ..... 001 ..... 0100011", Format.STORE, Extension.I),
    SW("....... ..... ..... 010 ..... 0100011", Format.STORE, Extension.I),
    SD("....... ..... ..... 011 ..... 0100011", Format.STORE, Extension.I),
    ADDI("....... ..... ..... 000 ..... 0010011", Format.I, Extension.I),
    SLTI("....... ..... ..... 010 ..... 0010011", Format.I, Extension.I),
    SLTIU("....... ..... ..... 011 ..... 0010011", Format.I, Extension.I),
    XORI("....... ..... ..... 100 ..... 0010011", Format.I, Extension.I),
    ORI("....... ..... ..... 110 ..... 0010011", Format.I, Extension.I),
    ANDI("....... ..... ..... 111 ..... 0010011", Format.I, Extension.I),
    SLLI("000000 ...... ..... 001 ..... 0010011", Format.SHIFT, Extension.I),
    SRLI("000000 ...... ..... 101 ..... 0010011", Format.SHIFT, Extension.I),
    SRAI("010000 ...... ..... 101 ..... 0010011", Format.SHIFT, Extension.I),
    ADD("0000000 ..... ..... 000 ..... 0110011", Format.R, Extension.I),
    SUB("0100000 ..... ..... 000 ..... 0110011", Format.R, Extension.I),
    SLL("0000000 ..... ..... 001 ..... 0110011", Format.R, Extension.I),
    SLT("0000000 ..... ..... 010 ..... 0110011", Format.R, Extension.I),
    SLTU("0000000 ..... ..... 011 ..... 0110011", Format.R, Extension.I),
    XOR("0000000 ..... ..... 100 ..... 0110011", Format.R, Extension.I),
    SRL("0000000 ..... ..... 101 ..... 0110011", Format.R, Extension.I),
    SRA("0100000 ..... ..... 101 ..... 0110011", Format.R, Extension.I),
    OR("0000000 ..... ..... 110 ..... 0110011", Format.R, Extension.I),
    AND("0000000 ..... ..... 111 ..... 0110011", Format.R, Extension.I),
    ADDIW("....... ..... ..... 000 ..... 0011011", Format.I, Extension.I),
    SLLIW("0000000 ..... ..... 001 ..... 0011011", Format.SHIFTW, Extension.I),
    SRLIW("0000000 ..... ..... 101 ..... 0011011", Format.SHIFTW, Extension.I),
    SRAIW("0100000 ..... ..... 101 ..... 0011011", Format.SHIFTW, Extension.I),
    ADDW("0000000 ..... ..... 000 ..... 0111011", Format.R, Extension.I),
    SUBW("0100000 ..... ..... 000 ..... 0111011", Format.R, Extension.I),
    SLLW("0000000 ..... ..... 001 ..... 0111011", Format.R, Extension.I),
    SRLW("0000000 ..... ..... 101 ..... 0111011", Format.R, Extension.I),
    SRAW("0100000 ..... ..... 101 ..... 0111011", Format.R, Extension.I),
    FENCE("....... ..... ..... 000 ..... 0001111", Format.FENCE, Extension.I),
    FENCE_I("....... ..... ..... 001 ..... 0001111", Format.NONE, Extension.ZIFENCEI),
    ECALL("0000000 00000 00000 000 00000 1110011", Format.NONE, Extension.I),
    EBREAK("0000000 00001 00000 000 00000 1110011", Format.NONE, Extension.I),
    SRET("0001000 00010 00000 000 00000 1110011", Format.NONE, Extension.PRIV),
    MRET("0011000 00010 00000 000 00000 1110011", Format.NONE, Extension.PRIV),
    WFI("0001000 00101 00000 000 00000 1110011", Format.NONE, Extension.PRIV),
    SFENCE_VMA("0001001 ..... ..... 000 00000 1110011", Format.FENCE_VMA, Extension.PRIV),
    HFENCE_VVMA("0010001 ..... ..... 000 00000 1110011", Format.FENCE_VMA, Extension.H),
    HFENCE_GVMA("0110001 ..... ..... 000 00000 1110011", Format.FENCE_VMA, Extension.H),
    CSRRW("....... ..... ..... 001 ..... 1110011", Format.CSR, Extension.ZICSR),
    CSRRS("....... ..... ..... 010 ..... 1110011", Format.CSR, Extension.ZICSR),
    CSRRC("....... ..... ..... 011 ..... 1110011", Format.CSR, Extension.ZICSR),
    CSRRWI("....... ..... ..... 101 ..... 1110011", Format.CSRI, Extension.ZICSR),
    CSRRSI("....... ..... ..... 110 ..... 1110011", Format.CSRI, Extension.ZICSR),
    CSRRCI("....... ..... ..... 111 ..... 1110011", Format.CSRI, Extension.ZICSR),
    HLV_B("0110000 00000 ..... 100 ..... 1110011", Format.HLV, Extension.H),
    HLV_BU("0110000 00001 ..... 100 ..... 1110011", Format.HLV, Extension.H),
    HLV_H("0110010 00000 ..... 100 ..... 1110011", Format.HLV, Extension.H),
    HLV_HU("0110010 00001 ..... 100 ..... 1110011", Format.HLV, Extension.H),
    HLVX_HU("0110010 00011 ..... 100 ..... 1110011", Format.HLV, Extension.H),
    HLV_W("0110100 00000 ..... 100 ..... 1110011", Format.HLV, Extension.H),
    HLV_WU("0110100 00001 ..... 100 ..... 1110011", Format.HLV, Extension.H),
    HLVX_WU("0110100 00011 ..... 100 ..... 1110011", Format.HLV, Extension.H),
    HLV_D("0110110 00000 ..... 100 ..... 1110011", Format.HLV, Extension.H),
    HSV_B("0110001 ..... ..... 100 00000 1110011", Format.HSV, Extension.H),
    HSV_H("0110011 ..... ..... 100 00000 1110011", Format.HSV, Extension.H),
    HSV_W("0110101 ..... ..... 100 00000 1110011", Format.HSV, Extension.H),
    HSV_D("0110111 ..... ..... 100 00000 1110011", Format.HSV, Extension.H),
    MUL("0000001 ..... ..... 000 ..... 0110011", Format.R, Extension.M),
    MULH("0000001 ..... ..... 001 ..... 0110011", Format.R, Extension.M),
    MULHSU("0000001 ..... ..... 010 ..... 0110011", Format.R, Extension.M),
    MULHU("0000001 ..... ..... 011 ..... 0110011", Format.R, Extension.M),
    DIV("0000001 ..... ..... 100 ..... 0110011", Format.R, Extension.M),
    DIVU("0000001 ..... ..... 101 ..... 0110011", Format.R, Extension.M),
    REM("0000001 ..... ..... 110 ..... 0110011", Format.R, Extension.M),
    REMU("0000001 ..... ..... 111 ..... 0110011", Format.R, Extension.M),
    MULW("0000001 ..... ..... 000 ..... 0111011", Format.R, Extension.M),
    DIVW("0000001 ..... ..... 100 ..... 0111011", Format.R, Extension.M),
    DIVUW("0000001 ..... ..... 101 ..... 0111011", Format.R, Extension.M),
    REMW("0000001 ..... ..... 110 ..... 0111011", Format.R, Extension.M),
    REMUW("0000001 ..... ..... 111 ..... 0111011", Format.R, Extension.M),
    ADD_UW("0000100 ..... ..... 000 ..... 0111011", Format.R, Extension.ZBA),
    SH1ADD("0010000 ..... ..... 010 ..... 0110011", Format.R, Extension.ZBA),
    SH2ADD("0010000 ..... ..... 100 ..... 0110011", Format.R, Extension.ZBA),
    SH3ADD("0010000 ..... ..... 110 ..... 0110011", Format.R, Extension.ZBA),
    SH1ADD_UW("0010000 ..... ..... 010 ..... 0111011", Format.R, Extension.ZBA),
    SH2ADD_UW("0010000 ..... ..... 100 ..... 0111011", Format.R, Extension.ZBA),
    SH3ADD_UW("0010000 ..... ..... 110 ..... 0111011", Format.R, Extension.ZBA),
    SLLI_UW("000010 ...... ..... 001 ..... 0011011", Format.SHIFT, Extension.ZBA),
    ANDN("0100000 ..... ..... 111 ..... 0110011", Format.R, Extension.ZBB),
    ORN("0100000 ..... ..... 110 ..... 0110011", Format.R, Extension.ZBB),
    XNOR("0100000 ..... ..... 100 ..... 0110011", Format.R, Extension.ZBB),
    CLZ("0110000 00000 ..... 001 ..... 0010011", Format.UNARY, Extension.ZBB),
    CTZ("0110000 00001 ..... 001 ..... 0010011", Format.UNARY, Extension.ZBB),
    CPOP("0110000 00010 ..... 001 ..... 0010011", Format.UNARY, Extension.ZBB),
    CLZW("0110000 00000 ..... 001 ..... 0011011", Format.UNARY, Extension.ZBB),
    CTZW("0110000 00001 ..... 001 ..... 0011011", Format.UNARY, Extension.ZBB),
    CPOPW("0110000 00010 ..... 001 ..... 0011011", Format.UNARY, Extension.ZBB),
    MAX("0000101 ..... ..... 110 ..... 0110011", Format.R, Extension.ZBB),
    MAXU("0000101 ..... ..... 111 ..... 0110011", Format.R, Extension.ZBB),
    MIN("0000101 ..... ..... 100 ..... 0110011", Format.R, Extension.ZBB),
    MINU("0000101 ..... ..... 101 ..... 0110011", Format.R, Extension.ZBB),
    SEXT_B("0110000 00100 ..... 001 ..... 0010011", Format.UNARY, Extension.ZBB),
    SEXT_H("0110000 00101 ..... 001 ..... 0010011", Format.UNARY, Extension.ZBB),
    ZEXT_H("0000100 00000 ..... 100 ..... 0111011", Format.UNARY, Extension.ZBB),
    ROL("0110000 ..... ..... 001 ..... 0110011", Format.R, Extension.ZBB),
    ROR("0110000 ..... ..... 101 ..... 0110011", Format.R, Extension.ZBB),
    ROLW("0110000 ..... ..... 001 ..... 0111011", Format.R, Extension.ZBB),
    RORW("0110000 ..... ..... 101 ..... 0111011", Format.R, Extension.ZBB),
    RORI("011000 ...... ..... 101 ..... 0010011", Format.SHIFT, Extension.ZBB),
    RORIW("0110000 ..... ..... 101 ..... 0011011", Format.SHIFTW, Extension.ZBB),
    ORC_B("0010100 00111 ..... 101 ..... 0010011", Format.UNARY, Extension.ZBB),
    REV8("0110101 11000 ..... 101 ..... 0010011", Format.UNARY, Extension.ZBB),
    CLMUL("0000101 ..... ..... 001 ..... 0110011", Format.R, Extension.ZBC),
    CLMULR("0000101 ..... ..... 010 ..... 0110011", Format.R, Extension.ZBC),
    CLMULH("0000101 ..... ..... 011 ..... 0110011", Format.R, Extension.ZBC),
    BCLR("0100100 ..... ..... 001 ..... 0110011", Format.R, Extension.ZBS),
    BCLRI("010010 ...... ..... 001 ..... 0010011", Format.SHIFT, Extension.ZBS),
    BEXT("0100100 ..... ..... 101 ..... 0110011", Format.R, Extension.ZBS),
    BEXTI("010010 ...... ..... 101 ..... 0010011", Format.SHIFT, Extension.ZBS),
    BINV("0110100 ..... ..... 001 ..... 0110011", Format.R, Extension.ZBS),
    BINVI("011010 ...... ..... 001 ..... 0010011", Format.SHIFT, Extension.ZBS),
    BSET("0010100 ..... ..... 001 ..... 0110011", Format.R, Extension.ZBS),
    BSETI("001010 ...... ..... 001 ..... 0010011", Format.SHIFT, Extension.ZBS),
    LR_W("00010 . . 00000 ..... 010 ..... 0101111", Format.LR, Extension.A),
    SC_W("00011 . . ..... ..... 010 ..... 0101111", Format.AMO, Extension.A),
    AMOSWAP_W("00001 . . ..... ..... 010 ..... 0101111", Format.AMO, Extension.A),
    AMOADD_W("00000 . . ..... ..... 010 ..... 0101111", Format.AMO, Extension.A),
    AMOXOR_W("00100 . . ..... ..... 010 ..... 0101111", Format.AMO, Extension.A),
    AMOAND_W("01100 . . ..... ..... 010 ..... 0101111", Format.AMO, Extension.A),
    AMOOR_W("01000 . . ..... ..... 010 ..... 0101111", Format.AMO, Extension.A),
    AMOMIN_W("10000 . . ..... ..... 010 ..... 0101111", Format.AMO, Extension.A),
    AMOMAX_W("10100 . . ..... ..... 010 ..... 0101111", Format.AMO, Extension.A),
    AMOMINU_W("11000 . . ..... ..... 010 ..... 0101111", Format.AMO, Extension.A),
    AMOMAXU_W("11100 . . ..... ..... 010 ..... 0101111", Format.AMO, Extension.A),
    LR_D("00010 . . 00000 ..... 011 ..... 0101111", Format.LR, Extension.A),
    SC_D("00011 . . ..... ..... 011 ..... 0101111", Format.AMO, Extension.A),
    AMOSWAP_D("00001 . . ..... ..... 011 ..... 0101111", Format.AMO, Extension.A),
    AMOADD_D("00000 . . ..... ..... 011 ..... 0101111", Format.AMO, Extension.A),
    AMOXOR_D("00100 . . ..... ..... 011 ..... 0101111", Format.AMO, Extension.A),
    AMOAND_D("01100 . . ..... ..... 011 ..... 0101111", Format.AMO, Extension.A),
    AMOOR_D("01000 . . ..... ..... 011 ..... 0101111", Format.AMO, Extension.A),
    AMOMIN_D("10000 . . ..... ..... 011 ..... 0101111", Format.AMO, Extension.A),
    AMOMAX_D("10100 . . ..... ..... 011 ..... 0101111", Format.AMO, Extension.A),
    AMOMINU_D("11000 . . ..... ..... 011 ..... 0101111", Format.AMO, Extension.A),
    AMOMAXU_D("11100 . . ..... ..... 011 ..... 0101111", Format.AMO, Extension.A),
    FLW("....... ..... ..... 010 ..... 0000111", Format.LOAD, Extension.F),
    FSW("....... ..... ..... 010 ..... 0100111", Format.STORE, Extension.F),
    FLD("....... ..... ..... 011 ..... 0000111", Format.LOAD, Extension.D),
    FSD("....... ..... ..... 011 ..... 0100111", Format.STORE, Extension.D),
    FMADD_S(".....00 ..... ..... ... ..... 1000011", Format.R4, Extension.F),
    FMSUB_S(".....00 ..... ..... ... ..... 1000111", Format.R4, Extension.F),
    FNMSUB_S(".....00 ..... ..... ... ..... 1001011", Format.R4, Extension.F),
    FNMADD_S(".....00 ..... ..... ... ..... 1001111", Format.R4, Extension.F),
    FADD_S("0000000 ..... ..... ... ..... 1010011", Format.R_RM, Extension.F),
    FSUB_S("0000100 ..... ..... ... ..... 1010011", Format.R_RM, Extension.F),
    FMUL_S("0001000 ..... ..... ... ..... 1010011", Format.R_RM, Extension.F),
    FDIV_S("0001100 ..... ..... ... ..... 1010011", Format.R_RM, Extension.F),
    FSQRT_S("0101100 00000 ..... ... ..... 1010011", Format.R1_RM, Extension.F),
    FSGNJ_S("0010000 ..... ..... 000 ..... 1010011", Format.R, Extension.F),
    FSGNJN_S("0010000 ..... ..... 001 ..... 1010011", Format.R, Extension.F),
    FSGNJX_S("0010000 ..... ..... 010 ..... 1010011", Format.R, Extension.F),
    FMIN_S("0010100 ..... ..... 000 ..... 1010011", Format.R, Extension.F),
    FMAX_S("0010100 ..... ..... 001 ..... 1010011", Format.R, Extension.F),
    FLE_S("1010000 ..... ..... 000 ..... 1010011", Format.R, Extension.F),
    FLT_S("1010000 ..... ..... 001 ..... 1010011", Format.R, Extension.F),
    FEQ_S("1010000 ..... ..... 010 ..... 1010011", Format.R, Extension.F),
    FCVT_W_S("1100000 00000 ..... ... ..... 1010011", Format.R1_RM, Extension.F),
    FCVT_S_W("1101000 00000 ..... ... ..... 1010011", Format.R1_RM, Extension.F),
    FCVT_WU_S("1100000 00001 ..... ... ..... 1010011", Format.R1_RM, Extension.F),
    FCVT_S_WU("1101000 00001 ..... ... ..... 1010011", Format.R1_RM, Extension.F),
    FCVT_L_S("1100000 00010 ..... ... ..... 1010011", Format.R1_RM, Extension.F),
    FCVT_S_L("1101000 00010 ..... ... ..... 1010011", Format.R1_RM, Extension.F),
    FCVT_LU_S("1100000 00011 ..... ... ..... 1010011", Format.R1_RM, Extension.F),
    FCVT_S_LU("1101000 00011 ..... ... ..... 1010011", Format.R1_RM, Extension.F),
    FCLASS_S("1110000 00000 ..... 001 ..... 1010011", Format.R1, Extension.F),
    FMADD_D(".....01 ..... ..... ... ..... 1000011", Format.R4, Extension.D),
    FMSUB_D(".....01 ..... ..... ... ..... 1000111", Format.R4, Extension.D),
    FNMSUB_D(".....01 ..... ..... ... ..... 1001011", Format.R4, Extension.D),
    FNMADD_D(".....01 ..... ..... ... ..... 1001111", Format.R4, Extension.D),
    FADD_D("0000001 ..... ..... ... ..... 1010011", Format.R_RM, Extension.D),
    FSUB_D("0000101 ..... ..... ... ..... 1010011", Format.R_RM, Extension.D),
    FMUL_D("0001001 ..... ..... ... ..... 1010011", Format.R_RM, Extension.D),
    FDIV_D("0001101 ..... ..... ... ..... 1010011", Format.R_RM, Extension.D),
    FSQRT_D("0101101 00000 ..... ... ..... 1010011", Format.R1_RM, Extension.D),
    FSGNJ_D("0010001 ..... ..... 000 ..... 1010011", Format.R, Extension.D),
    FSGNJN_D("0010001 ..... ..... 001 ..... 1010011", Format.R, Extension.D),
    FSGNJX_D("0010001 ..... ..... 010 ..... 1010011", Format.R, Extension.D),
    FMIN_D("0010101 ..... ..... 000 ..... 1010011", Format.R, Extension.D),
    FMAX_D("0010101 ..... ..... 001 ..... 1010011", Format.R, Extension.D),
    FLE_D("1010001 ..... ..... 000 ..... 1010011", Format.R, Extension.D),
    FLT_D("1010001 ..... ..... 001 ..... 1010011", Format.R, Extension.D),
    FEQ_D("1010001 ..... ..... 010 ..... 1010011", Format.R, Extension.D),
    FCVT_W_D("1100001 00000 ..... ... ..... 1010011", Format.R1_RM, Extension.D),
    FCVT_D_W("1101001 00000 ..... ... ..... 1010011", Format.R1_RM, Extension.D),
    FCVT_WU_D("1100001 00001 ..... ... ..... 1010011", Format.R1_RM, Extension.D),
    FCVT_D_WU("1101001 00001 ..... ... ..... 1010011", Format.R1_RM, Extension.D),
    FCVT_L_D("1100001 00010 ..... ... ..... 1010011", Format.R1_RM, Extension.D),
    FCVT_D_L("1101001 00010 ..... ... ..... 1010011", Format.R1_RM, Extension.D),
    FCVT_LU_D("1100001 00011 ..... ... ..... 1010011", Format.R1_RM, Extension.D),
    FCVT_D_LU("1101001 00011 ..... ... ..... 1010011", Format.R1_RM, Extension.D),
    FCLASS_D("1110001 00000 ..... 001 ..... 1010011", Format.R1, Extension.D),
    FMV_X_W("1110000 00000 ..... 000 ..... 1010011", Format.R1, Extension.F),
    FMV_W_X("1111000 00000 ..... 000 ..... 1010011", Format.R1, Extension.F),
    FMV_X_D("1110001 00000 ..... 000 ..... 1010011", Format.R1, Extension.D),
    FMV_D_X("1111001 00000 ..... 000 ..... 1010011", Format.R1, Extension.D),
    FCVT_S_D("0100000 00001 ..... ... ..... 1010011", Format.R1_RM, Extension.D),
    FCVT_D_S("0100001 00000 ..... ... ..... 1010011", Format.R1_RM, Extension.D);

    private static final Opcode[] VALUES = values();
    private static final EnumSet<Opcode> FP_TO_INTEGER = EnumSet.of(FEQ_S, FLT_S, FLE_S, FEQ_D, FLT_D, FLE_D,
            FCLASS_S, FCLASS_D, FMV_X_W, FMV_X_D, FCVT_W_S, FCVT_WU_S, FCVT_L_S, FCVT_LU_S, FCVT_W_D, FCVT_WU_D,
            FCVT_L_D, FCVT_LU_D);
    private static final EnumSet<Opcode> INTEGER_TO_FP = EnumSet.of(FMV_W_X, FMV_D_X, FCVT_S_W, FCVT_S_WU,
            FCVT_S_L, FCVT_S_LU, FCVT_D_W, FCVT_D_WU, FCVT_D_L, FCVT_D_LU);

    /** Pattern with spaces removed; empty for internal opcodes. */
    private final String pattern;
    private final Format format;
    private final Extension extension;
    private final int mask;
    private final int match;

    Opcode(String pattern, Format format, Extension extension) {
        this.pattern = pattern.replace(" ", "");
        this.format = format;
        this.extension = extension;
        int m = 0;
        int v = 0;
        for (int i = 0; i < this.pattern.length(); i++) {
            char c = this.pattern.charAt(i);
            int bit = 1 << (31 - i);
            if (c != '.') {
                m |= bit;
                if (c == '1') {
                    v |= bit;
                }
            }
        }
        this.mask = m;
        this.match = v;
    }

    /** The opcode with this ordinal (no array copy, unlike {@code values()}). */
    public static Opcode of(int ordinal) {
        return VALUES[ordinal];
    }

    public static int count() {
        return VALUES.length;
    }

    public String pattern() {
        return pattern;
    }

    public Format format() {
        return format;
    }

    public Extension extension() {
        return extension;
    }

    /** Bits fixed by the pattern. */
    public int mask() {
        return mask;
    }

    /** Values of the fixed bits. */
    public int match() {
        return match;
    }

    /** True for opcodes that only exist inside the emulator. */
    public boolean isInternal() {
        return pattern.isEmpty();
    }

    /** An F/D instruction whose rd is an integer register: compares, fclass, fmv.x.*, fcvt to integers. */
    public boolean isFpToInteger() {
        return FP_TO_INTEGER.contains(this);
    }

    /**
     * An F/D instruction whose rs1 is an integer register: fmv.*.x, fcvt from integers (FP loads
     * and stores, which take their base address from rs1, are not counted here).
     */
    public boolean isIntegerToFp() {
        return INTEGER_TO_FP.contains(this);
    }

    /** The assembler mnemonic: {@code FCVT_W_S} becomes {@code fcvt.w.s}. */
    public String mnemonic() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '.');
    }
}
