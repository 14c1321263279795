package dev.hvscope.core.isa;

/** Operand layout of an instruction: which fields it reads, for decoding immediates and disassembly. */
public enum Format {
    /** rd, rs1, rs2. */
    R,
    /** rd, rs1, imm[11:0]. */
    I,
    /** rd, imm(rs1): integer and FP loads. */
    LOAD,
    /** rs2, imm(rs1): integer and FP stores. */
    STORE,
    /** rs1, rs2, pc-relative imm. */
    B,
    /** rd, imm[31:12]. */
    U,
    /** rd, pc-relative imm. */
    J,
    /** rd, rs1, shamt[5:0] (RV64 shifts). */
    SHIFT,
    /** rd, rs1, shamt[4:0] (word shifts). */
    SHIFTW,
    /** rd, csr, rs1. */
    CSR,
    /** rd, csr, uimm[4:0]. */
    CSRI,
    /** rd, rs2, (rs1) with aq/rl. */
    AMO,
    /** rd, (rs1) with aq/rl. */
    LR,
    /** pred, succ. */
    FENCE,
    /** no operands. */
    NONE,
    /** rs1, rs2 (sfence.vma, hfence.*). */
    FENCE_VMA,
    /** rd, rs1, rs2, rs3, rm (fused multiply-add). */
    R4,
    /** rd, rs1, rs2, rm. */
    R_RM,
    /** rd, rs1, rm (rs2 selects the operation). */
    R1_RM,
    /** rd, rs1: integer unary operations (Zbb's clz, sext.b, rev8, ...). */
    UNARY,
    /** rd, rs1 (rs2 selects the operation, no rounding mode). */
    R1,
    /** rd, (rs1): hypervisor loads. */
    HLV,
    /** rs2, (rs1): hypervisor stores. */
    HSV,
}
