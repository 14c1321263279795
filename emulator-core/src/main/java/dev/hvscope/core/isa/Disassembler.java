package dev.hvscope.core.isa;

import java.util.function.LongFunction;

/**
 * Prints instructions the way {@code riscv64-unknown-elf-objdump -d} (binutils 2.40) does, with its
 * default aliases, ABI register names, CSR names and absolute branch targets, but with a single
 * space between mnemonic and operands instead of objdump's tab padding.
 *
 * <p>That objdump lists the three-operand aliases ahead of the immediate forms, so ADDI prints as
 * {@code add a0,a0,1}, SLLI as {@code sll}, CSRRWI as {@code csrrw}, RORI as {@code ror}; we
 * follow it. Its
 * {@code # address} comments after auipc/lui pairs need state across instructions and are not
 * produced.
 *
 * <p>Compressed instructions are printed from their own encoding, as objdump does, which is not
 * always the alias of the expansion: objdump shows C.ADDI as {@code add a0,a0,1} and the HINTs as
 * {@code c.nop 1}, {@code c.li zero,1}. Not on the hot path: it allocates freely.
 */
public final class Disassembler {
    private static final String[] X = new String[32];
    private static final String[] F = new String[32];

    static {
        for (int i = 0; i < 32; i++) {
            X[i] = RegNames.x(i);
            F[i] = RegNames.f(i);
        }
    }

    private static final String[] RM = {"rne", "rtz", "rdn", "rup", "rmm", "unknown", "unknown", "dyn"};
    private static final int DYN = 7;

    private static final int CSR_FFLAGS = 0x001;
    private static final int CSR_FRM = 0x002;
    private static final int CSR_FCSR = 0x003;
    private static final int CSR_CYCLE = 0xc00;
    private static final int CSR_TIME = 0xc01;
    private static final int CSR_INSTRET = 0xc02;

    private final LongFunction<String> symbols;

    /** A disassembler that prints branch targets as bare addresses. */
    public Disassembler() {
        this(null);
    }

    /**
     * @param symbols returns a symbol for an address (objdump's {@code <main+0x10>} is printed after
     *     the target as {@code <name>}), or null for none; may itself be null
     */
    public Disassembler(LongFunction<String> symbols) {
        this.symbols = symbols;
    }

    /**
     * Disassembles without symbols, telling the length from the low two bits: a value whose low
     * bits are not 11 is taken as a 16-bit instruction in its low halfword.
     */
    public static String disassemble(int raw, long pc) {
        return disassemble(raw, (raw & 3) != 3, pc);
    }

    /** Disassembles without symbols; {@code insn} holds the 16-bit halfword when {@code compressed}. */
    public static String disassemble(int insn, boolean compressed, long pc) {
        return new Disassembler().print(insn, compressed, pc);
    }

    /** One instruction; {@code insn} is the raw 16-bit halfword when {@code compressed}. */
    public String print(int insn, boolean compressed, long pc) {
        return compressed ? printCompressed(insn & 0xffff, pc) : print32(insn, pc);
    }

    // --- 16-bit ---------------------------------------------------------------------------------

    private String printCompressed(int c, long pc) {
        int w = Rvc.expand(c);
        if (w == 0) {
            return c == 0 ? "unimp" : ".2byte 0x" + Integer.toHexString(c);
        }
        int rd = Insn.rd(w);
        int rs2 = Insn.rs2(w);
        long imm = Insn.immI(w);
        int funct3 = c >>> 13;
        switch (c & 3) {
            case 1:
                switch (funct3) {
                    case 0:
                        if (rd == 0) {
                            return imm == 0 ? "nop" : "c.nop " + imm;
                        }
                        return "add " + X[rd] + "," + X[rd] + "," + imm;
                    case 1:
                        return imm == 0 ? "sext.w " + X[rd] + "," + X[rd] : "addw " + X[rd] + "," + X[rd] + "," + imm;
                    case 2:
                        return (rd == 0 ? "c.li " : "li ") + X[rd] + "," + imm;
                    case 3:
                        if (rd == 2) {
                            return "add sp,sp," + imm;
                        }
                        return (rd == 0 ? "c.lui " : "lui ") + X[rd] + "," + hex(Insn.immU(w) >>> 12 & 0xfffff);
                    case 4:
                        return compressedArith(c, w);
                    default:
                        break;
                }
                break;
            case 2:
                if (funct3 == 0) {
                    int shamt = Insn.shamt(w);
                    if (shamt == 0) {
                        return "c.slli64 " + X[rd];
                    }
                    return rd == 0 ? "c.slli zero," + hex(shamt) : "sll " + X[rd] + "," + X[rd] + "," + hex(shamt);
                }
                if (funct3 == 4) {
                    if (Decoder.decode(w) == Opcode.ADD) {
                        if ((c & 0x1000) == 0) {
                            return (rd == 0 ? "c.mv " : "mv ") + X[rd] + "," + X[rs2];
                        }
                        return rd == 0 ? "c.add zero," + X[rs2] : "add " + X[rd] + "," + X[rd] + "," + X[rs2];
                    }
                }
                break;
            default:
                if (funct3 == 0) { // C.ADDI4SPN
                    return "add " + X[rd] + ",sp," + imm;
                }
                break;
        }
        return print32(w, pc); // loads, stores, jumps and branches print like their expansion
    }

    private static String compressedArith(int c, int w) {
        int rd = Insn.rd(w);
        String r = X[rd] + "," + X[rd] + ",";
        switch ((c >>> 10) & 3) {
            case 0:
            case 1: {
                String name = ((c >>> 10) & 3) == 0 ? "srl" : "sra";
                int shamt = Insn.shamt(w);
                return shamt == 0 ? "c." + name + "i64 " + X[rd] : name + " " + r + hex(shamt);
            }
            case 2:
                return "and " + r + Insn.immI(w);
            default:
                return Decoder.decode(w).mnemonic() + " " + r + X[Insn.rs2(w)];
        }
    }

    // --- 32-bit ---------------------------------------------------------------------------------

    private String print32(int w, long pc) {
        Opcode op = Decoder.decode(w);
        if (op == Opcode.ILLEGAL) {
            return illegal(w);
        }
        String alias = alias(op, w, pc);
        if (alias != null) {
            return alias;
        }
        String m = mnemonic(op);
        int rd = Insn.rd(w);
        int rs1 = Insn.rs1(w);
        int rs2 = Insn.rs2(w);
        boolean fp = op.extension() == Extension.F || op.extension() == Extension.D;
        switch (op.format()) {
            case R:
                if (fp) {
                    return m + " " + fpRd(op, rd) + "," + F[rs1] + "," + F[rs2];
                }
                return m + " " + X[rd] + "," + X[rs1] + "," + X[rs2];
            case I:
                if (op == Opcode.JALR) {
                    return m + " " + X[rd] + "," + Insn.immI(w) + "(" + X[rs1] + ")";
                }
                return m + " " + X[rd] + "," + X[rs1] + "," + Insn.immI(w);
            case LOAD:
                return m + " " + (fp ? F[rd] : X[rd]) + "," + Insn.immI(w) + "(" + X[rs1] + ")";
            case STORE:
                return m + " " + (fp ? F[rs2] : X[rs2]) + "," + Insn.immS(w) + "(" + X[rs1] + ")";
            case B:
                return m + " " + X[rs1] + "," + X[rs2] + "," + target(pc + Insn.immB(w));
            case U:
                return m + " " + X[rd] + "," + hex(Insn.immU(w) >>> 12 & 0xfffff);
            case J:
                return m + " " + X[rd] + "," + target(pc + Insn.immJ(w));
            case SHIFT:
                return m + " " + X[rd] + "," + X[rs1] + "," + hex(Insn.shamt(w));
            case SHIFTW:
                return m + " " + X[rd] + "," + X[rs1] + "," + hex(rs2);
            case CSR:
                return m + " " + X[rd] + "," + CsrNames.nameOrHex(Insn.csr(w)) + "," + X[rs1];
            case CSRI:
                return m + " " + X[rd] + "," + CsrNames.nameOrHex(Insn.csr(w)) + "," + rs1;
            case AMO:
                return m + aqrl(w) + " " + X[rd] + "," + X[rs2] + ",(" + X[rs1] + ")";
            case LR:
                return m + aqrl(w) + " " + X[rd] + ",(" + X[rs1] + ")";
            case FENCE:
                return fence(w);
            case FENCE_VMA:
                if (rs2 != 0) {
                    return m + " " + X[rs1] + "," + X[rs2];
                }
                return rs1 != 0 ? m + " " + X[rs1] : m;
            case R4:
                return m + " " + F[rd] + "," + F[rs1] + "," + F[rs2] + "," + F[Insn.rs3(w)] + rm(w);
            case R_RM:
                return m + " " + F[rd] + "," + F[rs1] + "," + F[rs2] + rm(w);
            case R1_RM:
                return m + " " + fpRd(op, rd) + "," + fpRs1(op, rs1) + rm(w);
            case R1:
                return m + " " + fpRd(op, rd) + "," + fpRs1(op, rs1);
            case UNARY:
                return m + " " + X[rd] + "," + X[rs1];
            case HLV:
                return m + " " + X[rd] + ",(" + X[rs1] + ")";
            case HSV:
                return m + " " + X[rs2] + ",(" + X[rs1] + ")";
            case NONE:
            default:
                return m;
        }
    }

    /**
     * The name objdump prints for the canonical form. binutils 2.40 lists the three-operand
     * aliases ({@code add rd,rs1,imm} for ADDI, {@code csrrw rd,csr,uimm} for CSRRWI) ahead of the
     * immediate instructions, so those are what it prints.
     */
    private static String mnemonic(Opcode op) {
        switch (op) {
            case ADDI:
                return "add";
            case XORI:
                return "xor";
            case ORI:
                return "or";
            case ANDI:
                return "and";
            case SLLI:
                return "sll";
            case SRLI:
                return "srl";
            case SRAI:
                return "sra";
            case ADDIW:
                return "addw";
            case SLLIW:
                return "sllw";
            case SRLIW:
                return "srlw";
            case SRAIW:
                return "sraw";
            case CSRRWI:
                return "csrrw";
            case CSRRSI:
                return "csrrs";
            case CSRRCI:
                return "csrrc";
            case RORI:
                return "ror";
            case RORIW:
                return "rorw";
            case BCLRI:
                return "bclr";
            case BEXTI:
                return "bext";
            case BINVI:
                return "binv";
            case BSETI:
                return "bset";
            default:
                return op.mnemonic();
        }
    }

    /** objdump's preferred alias for this word, or null to print the canonical form. */
    private String alias(Opcode op, int w, long pc) {
        int rd = Insn.rd(w);
        int rs1 = Insn.rs1(w);
        int rs2 = Insn.rs2(w);
        long imm = Insn.immI(w);
        switch (op) {
            case ADDI:
                if (rd == 0 && rs1 == 0 && imm == 0) {
                    return "nop";
                }
                if (rs1 == 0) {
                    return "li " + X[rd] + "," + imm;
                }
                return imm == 0 ? "mv " + X[rd] + "," + X[rs1] : null;
            case ADDIW:
                return imm == 0 ? "sext.w " + X[rd] + "," + X[rs1] : null;
            case ADD_UW:
                return rs2 == 0 ? "zext.w " + X[rd] + "," + X[rs1] : null;
            case XORI:
                return imm == -1 ? "not " + X[rd] + "," + X[rs1] : null;
            case ANDI:
                return imm == 255 ? "zext.b " + X[rd] + "," + X[rs1] : null;
            case SLTIU:
                return imm == 1 ? "seqz " + X[rd] + "," + X[rs1] : null;
            case SLTU:
                return rs1 == 0 ? "snez " + X[rd] + "," + X[rs2] : null;
            case SLT:
                if (rs2 == 0) {
                    return "sltz " + X[rd] + "," + X[rs1];
                }
                return rs1 == 0 ? "sgtz " + X[rd] + "," + X[rs2] : null;
            case SUB:
                return rs1 == 0 ? "neg " + X[rd] + "," + X[rs2] : null;
            case SUBW:
                return rs1 == 0 ? "negw " + X[rd] + "," + X[rs2] : null;
            case BEQ:
                return rs2 == 0 ? "beqz " + X[rs1] + "," + target(pc + Insn.immB(w)) : null;
            case BNE:
                return rs2 == 0 ? "bnez " + X[rs1] + "," + target(pc + Insn.immB(w)) : null;
            case BLT:
                if (rs2 == 0) {
                    return "bltz " + X[rs1] + "," + target(pc + Insn.immB(w));
                }
                return rs1 == 0 ? "bgtz " + X[rs2] + "," + target(pc + Insn.immB(w)) : null;
            case BGE:
                if (rs1 == 0) {
                    return "blez " + X[rs2] + "," + target(pc + Insn.immB(w));
                }
                return rs2 == 0 ? "bgez " + X[rs1] + "," + target(pc + Insn.immB(w)) : null;
            case FENCE:
                return fence(w);
            case FENCE_I:
                return (w & 0xfff00000) == 0 && rd == 0 && rs1 == 0 ? "fence.i" : illegal(w);
            case FCVT_D_W:
            case FCVT_D_WU:
            case FCVT_D_S: // exact conversions: objdump prints no rounding mode for rm=0 (RNE)
                int rm = Insn.funct3(w);
                return rm == 0 ? op.mnemonic() + " " + F[rd] + "," + (op == Opcode.FCVT_D_S ? F[rs1] : X[rs1]) : null;
            case JAL:
                if (rd == 0) {
                    return "j " + target(pc + Insn.immJ(w));
                }
                return rd == 1 ? "jal " + target(pc + Insn.immJ(w)) : null;
            case JALR:
                return jalr(rd, rs1, imm);
            case CSRRW:
            case CSRRS:
            case CSRRC:
            case CSRRWI:
            case CSRRSI:
            case CSRRCI:
                return csrAlias(op, w);
            case FSGNJ_S:
            case FSGNJ_D:
            case FSGNJN_S:
            case FSGNJN_D:
            case FSGNJX_S:
            case FSGNJX_D:
                if (rs1 != rs2) {
                    return null;
                }
                String kind = op.name().startsWith("FSGNJN") ? "fneg" : op.name().startsWith("FSGNJX") ? "fabs" : "fmv";
                return kind + (op.extension() == Extension.D ? ".d " : ".s ") + F[rd] + "," + F[rs1];
            default:
                return null;
        }
    }

    private static String jalr(int rd, int rs1, long imm) {
        if (rd == 0) {
            if (rs1 == 1 && imm == 0) {
                return "ret";
            }
            return imm == 0 ? "jr " + X[rs1] : "jr " + imm + "(" + X[rs1] + ")";
        }
        if (rd == 1) {
            return imm == 0 ? "jalr " + X[rs1] : "jalr " + imm + "(" + X[rs1] + ")";
        }
        return imm == 0 ? "jalr " + X[rd] + "," + X[rs1] : null;
    }

    private static String csrAlias(Opcode op, int w) {
        int rd = Insn.rd(w);
        int rs1 = Insn.rs1(w);
        int csr = Insn.csr(w);
        String name = CsrNames.nameOrHex(csr);
        switch (op) {
            case CSRRS:
                if (rs1 == 0) {
                    switch (csr) {
                        case CSR_FFLAGS:
                            return "frflags " + X[rd];
                        case CSR_FRM:
                            return "frrm " + X[rd];
                        case CSR_FCSR:
                            return "frcsr " + X[rd];
                        case CSR_CYCLE:
                            return "rdcycle " + X[rd];
                        case CSR_TIME:
                            return "rdtime " + X[rd];
                        case CSR_INSTRET:
                            return "rdinstret " + X[rd];
                        default:
                            return "csrr " + X[rd] + "," + name;
                    }
                }
                return rd == 0 ? "csrs " + name + "," + X[rs1] : null;
            case CSRRW:
                if (csr == CSR_CYCLE && rd == 0 && rs1 == 0) {
                    return "unimp";
                }
                if (csr == CSR_FFLAGS || csr == CSR_FRM || csr == CSR_FCSR) {
                    String f = csr == CSR_FFLAGS ? "fsflags " : csr == CSR_FRM ? "fsrm " : "fscsr ";
                    return rd == 0 ? f + X[rs1] : f + X[rd] + "," + X[rs1];
                }
                return rd == 0 ? "csrw " + name + "," + X[rs1] : null;
            case CSRRC:
                return rd == 0 ? "csrc " + name + "," + X[rs1] : null;
            case CSRRWI:
                if (csr == CSR_FFLAGS || csr == CSR_FRM) {
                    return (csr == CSR_FFLAGS ? "fsflagsi " : "fsrmi ") + X[rd] + "," + rs1;
                }
                return rd == 0 ? "csrw " + name + "," + rs1 : null;
            case CSRRSI:
                return rd == 0 ? "csrs " + name + "," + rs1 : null;
            case CSRRCI:
                return rd == 0 ? "csrc " + name + "," + rs1 : null;
            default:
                return null;
        }
    }

    /**
     * objdump only knows FENCE with rd, rs1 and fm zero (and FENCE.TSO); the hart executes the
     * other encodings as plain fences, as the spec asks, but objdump shows them as data.
     */
    private static String fence(int w) {
        int pred = (w >>> 24) & 15;
        int succ = (w >>> 20) & 15;
        int fm = w >>> 28;
        if ((w & 0x000f8f80) != 0) {
            return illegal(w);
        }
        if (fm == 8 && pred == 3 && succ == 3) {
            return "fence.tso";
        }
        if (fm == 0 && pred == 1 && succ == 0) {
            return "pause"; // Zihintpause: fence w,0
        }
        if (fm != 0) {
            return illegal(w);
        }
        if (pred == 15 && succ == 15) {
            return "fence";
        }
        return "fence " + fenceSet(pred) + "," + fenceSet(succ);
    }

    private static String illegal(int w) {
        return ".4byte 0x" + Integer.toHexString(w);
    }

    private static String fenceSet(int set) {
        if (set == 0) {
            return "unknown";
        }
        StringBuilder sb = new StringBuilder();
        String letters = "iorw";
        for (int i = 0; i < 4; i++) {
            if ((set & (8 >>> i)) != 0) {
                sb.append(letters.charAt(i));
            }
        }
        return sb.toString();
    }

    private static String aqrl(int w) {
        int bits = (w >>> 25) & 3;
        return bits == 3 ? ".aqrl" : bits == 2 ? ".aq" : bits == 1 ? ".rl" : "";
    }

    private static String rm(int w) {
        int rm = Insn.funct3(w);
        return rm == DYN ? "" : "," + RM[rm];
    }

    private static String fpRd(Opcode op, int rd) {
        return op.isFpToInteger() ? X[rd] : F[rd];
    }

    private static String fpRs1(Opcode op, int rs1) {
        return op.isIntegerToFp() ? X[rs1] : F[rs1];
    }

    private String target(long addr) {
        String s = Long.toHexString(addr);
        if (symbols != null) {
            String sym = symbols.apply(addr);
            if (sym != null) {
                return s + " <" + sym + ">";
            }
        }
        return s;
    }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }
}
