package dev.hvscope.core.hart;

import dev.hvscope.core.isa.Opcode;

/**
 * The run loop: batches of instructions from the decode cache, one switch on the opcode, then
 * interrupts, timers and stop requests between batches (Spike's step(n)). Synchronous traps unwind
 * to here as the hart's one preallocated {@link TrapException}.
 */
public final class Executor {
    private Executor() {
    }

    /**
     * Takes a pending interrupt if any, then runs up to {@code budget} instructions (fewer when an
     * instruction ends the batch: xRET, WFI, CSR writes, device writes, a breakpoint).
     *
     * @return the number of instructions retired
     */
    public static int run(Hart h, int budget) {
        h.batchExecuted = 0;
        h.batchLimit = budget;
        h.breakpointHit = false;
        long irq = Traps.pendingInterrupt(h);
        if (irq != 0) {
            Traps.take(h, irq, 0, 0, 0, false);
        } else if (h.waitingForInterrupt) {
            if (!h.interruptPendingForWfi()) {
                return 0;
            }
            h.waitingForInterrupt = false;
        }
        while (h.batchExecuted < h.batchLimit) {
            try {
                loop(h);
            } catch (TrapException t) {
                h.takePendingTrap();
                h.batchLimit--;   // a trap uses budget too, so a fault loop still ends the batch
            }
        }
        int n = h.batchExecuted;
        h.instret += n;
        h.batchExecuted = 0;
        return n;
    }

    private static void loop(Hart h) {
        final DecodeCache c = h.decodeCache;
        final long[] tags = c.tag;
        final int[] words = c.word;
        final int[] ops = c.op;
        final byte[] lengths = c.length;
        while (h.batchExecuted < h.batchLimit) {
            long pc = h.pc;
            int slot = h.decodeBase + DecodeCache.index(pc);
            if (tags[slot] != pc) {
                h.fillDecode(pc, slot);
            }
            h.currentSlot = slot;
            int insn = words[slot];
            long next = pc + lengths[slot];
            switch (Opcode.of(ops[slot])) {
                case ILLEGAL:
                    throw h.illegalInstruction();
                case BREAK:
                    h.breakpointHit = true;
                    h.batchLimit = 0;
                    return;
                case LUI:
                    RvI.lui(h, insn);
                    break;
                case AUIPC:
                    RvI.auipc(h, insn);
                    break;
                case JAL:
                    next = RvI.jal(h, insn, next);
                    break;
                case JALR:
                    next = RvI.jalr(h, insn, next);
                    break;
                case BEQ:
                    next = RvI.beq(h, insn, next);
                    break;
                case BNE:
                    next = RvI.bne(h, insn, next);
                    break;
                case BLT:
                    next = RvI.blt(h, insn, next);
                    break;
                case BGE:
                    next = RvI.bge(h, insn, next);
                    break;
                case BLTU:
                    next = RvI.bltu(h, insn, next);
                    break;
                case BGEU:
                    next = RvI.bgeu(h, insn, next);
                    break;
                case LB:
                    RvI.lb(h, insn);
                    break;
                case LH:
                    RvI.lh(h, insn);
                    break;
                case LW:
                    RvI.lw(h, insn);
                    break;
                case LD:
                    RvI.ld(h, insn);
                    break;
                case LBU:
                    RvI.lbu(h, insn);
                    break;
                case LHU:
                    RvI.lhu(h, insn);
                    break;
                case LWU:
                    RvI.lwu(h, insn);
                    break;
                case SB:
                    RvI.sb(h, insn);
                    break;
                case SH:
                    RvI.sh(h, insn);
                    break;
                case SW:
                    RvI.sw(h, insn);
                    break;
                case SD:
                    RvI.sd(h, insn);
                    break;
                case ADDI:
                    RvI.addi(h, insn);
                    break;
                case SLTI:
                    RvI.slti(h, insn);
                    break;
                case SLTIU:
                    RvI.sltiu(h, insn);
                    break;
                case XORI:
                    RvI.xori(h, insn);
                    break;
                case ORI:
                    RvI.ori(h, insn);
                    break;
                case ANDI:
                    RvI.andi(h, insn);
                    break;
                case SLLI:
                    RvI.slli(h, insn);
                    break;
                case SRLI:
                    RvI.srli(h, insn);
                    break;
                case SRAI:
                    RvI.srai(h, insn);
                    break;
                case ADD:
                    RvI.add(h, insn);
                    break;
                case SUB:
                    RvI.sub(h, insn);
                    break;
                case SLL:
                    RvI.sll(h, insn);
                    break;
                case SLT:
                    RvI.slt(h, insn);
                    break;
                case SLTU:
                    RvI.sltu(h, insn);
                    break;
                case XOR:
                    RvI.xor(h, insn);
                    break;
                case SRL:
                    RvI.srl(h, insn);
                    break;
                case SRA:
                    RvI.sra(h, insn);
                    break;
                case OR:
                    RvI.or(h, insn);
                    break;
                case AND:
                    RvI.and(h, insn);
                    break;
                case ADDIW:
                    RvI.addiw(h, insn);
                    break;
                case SLLIW:
                    RvI.slliw(h, insn);
                    break;
                case SRLIW:
                    RvI.srliw(h, insn);
                    break;
                case SRAIW:
                    RvI.sraiw(h, insn);
                    break;
                case ADDW:
                    RvI.addw(h, insn);
                    break;
                case SUBW:
                    RvI.subw(h, insn);
                    break;
                case SLLW:
                    RvI.sllw(h, insn);
                    break;
                case SRLW:
                    RvI.srlw(h, insn);
                    break;
                case SRAW:
                    RvI.sraw(h, insn);
                    break;
                case FENCE:
                    break;
                case FENCE_I:
                    RvI.fenceI(h);
                    break;
                case ECALL:
                    next = RvPriv.ecall(h);
                    break;
                case EBREAK:
                    next = RvPriv.ebreak(h);
                    break;
                case SRET:
                    next = RvPriv.sret(h);
                    break;
                case MRET:
                    next = RvPriv.mret(h);
                    break;
                case WFI:
                    next = RvPriv.wfi(h, next);
                    break;
                case SFENCE_VMA:
                    RvPriv.sfenceVma(h, insn);
                    break;
                case HFENCE_VVMA:
                    RvH.hfenceVvma(h, insn);
                    break;
                case HFENCE_GVMA:
                    RvH.hfenceGvma(h, insn);
                    break;
                case CSRRW:
                    RvZicsr.csrrw(h, insn);
                    break;
                case CSRRS:
                    RvZicsr.csrrs(h, insn);
                    break;
                case CSRRC:
                    RvZicsr.csrrc(h, insn);
                    break;
                case CSRRWI:
                    RvZicsr.csrrwi(h, insn);
                    break;
                case CSRRSI:
                    RvZicsr.csrrsi(h, insn);
                    break;
                case CSRRCI:
                    RvZicsr.csrrci(h, insn);
                    break;
                case HLV_B:
                    RvH.hlvB(h, insn);
                    break;
                case HLV_BU:
                    RvH.hlvBu(h, insn);
                    break;
                case HLV_H:
                    RvH.hlvH(h, insn);
                    break;
                case HLV_HU:
                    RvH.hlvHu(h, insn);
                    break;
                case HLVX_HU:
                    RvH.hlvxHu(h, insn);
                    break;
                case HLV_W:
                    RvH.hlvW(h, insn);
                    break;
                case HLV_WU:
                    RvH.hlvWu(h, insn);
                    break;
                case HLVX_WU:
                    RvH.hlvxWu(h, insn);
                    break;
                case HLV_D:
                    RvH.hlvD(h, insn);
                    break;
                case HSV_B:
                    RvH.hsvB(h, insn);
                    break;
                case HSV_H:
                    RvH.hsvH(h, insn);
                    break;
                case HSV_W:
                    RvH.hsvW(h, insn);
                    break;
                case HSV_D:
                    RvH.hsvD(h, insn);
                    break;
                case MUL:
                    RvM.mul(h, insn);
                    break;
                case MULH:
                    RvM.mulh(h, insn);
                    break;
                case MULHSU:
                    RvM.mulhsu(h, insn);
                    break;
                case MULHU:
                    RvM.mulhu(h, insn);
                    break;
                case DIV:
                    RvM.div(h, insn);
                    break;
                case DIVU:
                    RvM.divu(h, insn);
                    break;
                case REM:
                    RvM.rem(h, insn);
                    break;
                case REMU:
                    RvM.remu(h, insn);
                    break;
                case MULW:
                    RvM.mulw(h, insn);
                    break;
                case DIVW:
                    RvM.divw(h, insn);
                    break;
                case DIVUW:
                    RvM.divuw(h, insn);
                    break;
                case REMW:
                    RvM.remw(h, insn);
                    break;
                case REMUW:
                    RvM.remuw(h, insn);
                    break;
                case LR_W:
                    RvA.lrW(h, insn);
                    break;
                case SC_W:
                    RvA.scW(h, insn);
                    break;
                case AMOSWAP_W:
                    RvA.amoswapW(h, insn);
                    break;
                case AMOADD_W:
                    RvA.amoaddW(h, insn);
                    break;
                case AMOXOR_W:
                    RvA.amoxorW(h, insn);
                    break;
                case AMOAND_W:
                    RvA.amoandW(h, insn);
                    break;
                case AMOOR_W:
                    RvA.amoorW(h, insn);
                    break;
                case AMOMIN_W:
                    RvA.amominW(h, insn);
                    break;
                case AMOMAX_W:
                    RvA.amomaxW(h, insn);
                    break;
                case AMOMINU_W:
                    RvA.amominuW(h, insn);
                    break;
                case AMOMAXU_W:
                    RvA.amomaxuW(h, insn);
                    break;
                case LR_D:
                    RvA.lrD(h, insn);
                    break;
                case SC_D:
                    RvA.scD(h, insn);
                    break;
                case AMOSWAP_D:
                    RvA.amoswapD(h, insn);
                    break;
                case AMOADD_D:
                    RvA.amoaddD(h, insn);
                    break;
                case AMOXOR_D:
                    RvA.amoxorD(h, insn);
                    break;
                case AMOAND_D:
                    RvA.amoandD(h, insn);
                    break;
                case AMOOR_D:
                    RvA.amoorD(h, insn);
                    break;
                case AMOMIN_D:
                    RvA.amominD(h, insn);
                    break;
                case AMOMAX_D:
                    RvA.amomaxD(h, insn);
                    break;
                case AMOMINU_D:
                    RvA.amominuD(h, insn);
                    break;
                case AMOMAXU_D:
                    RvA.amomaxuD(h, insn);
                    break;
                case FLW:
                    RvFd.flw(h, insn);
                    break;
                case FSW:
                    RvFd.fsw(h, insn);
                    break;
                case FLD:
                    RvFd.fld(h, insn);
                    break;
                case FSD:
                    RvFd.fsd(h, insn);
                    break;
                case FMADD_S:
                    RvFd.fmaddS(h, insn);
                    break;
                case FMSUB_S:
                    RvFd.fmsubS(h, insn);
                    break;
                case FNMSUB_S:
                    RvFd.fnmsubS(h, insn);
                    break;
                case FNMADD_S:
                    RvFd.fnmaddS(h, insn);
                    break;
                case FADD_S:
                    RvFd.faddS(h, insn);
                    break;
                case FSUB_S:
                    RvFd.fsubS(h, insn);
                    break;
                case FMUL_S:
                    RvFd.fmulS(h, insn);
                    break;
                case FDIV_S:
                    RvFd.fdivS(h, insn);
                    break;
                case FSQRT_S:
                    RvFd.fsqrtS(h, insn);
                    break;
                case FSGNJ_S:
                    RvFd.fsgnjS(h, insn);
                    break;
                case FSGNJN_S:
                    RvFd.fsgnjnS(h, insn);
                    break;
                case FSGNJX_S:
                    RvFd.fsgnjxS(h, insn);
                    break;
                case FMIN_S:
                    RvFd.fminS(h, insn);
                    break;
                case FMAX_S:
                    RvFd.fmaxS(h, insn);
                    break;
                case FLE_S:
                    RvFd.fleS(h, insn);
                    break;
                case FLT_S:
                    RvFd.fltS(h, insn);
                    break;
                case FEQ_S:
                    RvFd.feqS(h, insn);
                    break;
                case FCVT_W_S:
                    RvFd.fcvtWS(h, insn);
                    break;
                case FCVT_S_W:
                    RvFd.fcvtSW(h, insn);
                    break;
                case FCVT_WU_S:
                    RvFd.fcvtWuS(h, insn);
                    break;
                case FCVT_S_WU:
                    RvFd.fcvtSWu(h, insn);
                    break;
                case FCVT_L_S:
                    RvFd.fcvtLS(h, insn);
                    break;
                case FCVT_S_L:
                    RvFd.fcvtSL(h, insn);
                    break;
                case FCVT_LU_S:
                    RvFd.fcvtLuS(h, insn);
                    break;
                case FCVT_S_LU:
                    RvFd.fcvtSLu(h, insn);
                    break;
                case FCLASS_S:
                    RvFd.fclassS(h, insn);
                    break;
                case FMADD_D:
                    RvFd.fmaddD(h, insn);
                    break;
                case FMSUB_D:
                    RvFd.fmsubD(h, insn);
                    break;
                case FNMSUB_D:
                    RvFd.fnmsubD(h, insn);
                    break;
                case FNMADD_D:
                    RvFd.fnmaddD(h, insn);
                    break;
                case FADD_D:
                    RvFd.faddD(h, insn);
                    break;
                case FSUB_D:
                    RvFd.fsubD(h, insn);
                    break;
                case FMUL_D:
                    RvFd.fmulD(h, insn);
                    break;
                case FDIV_D:
                    RvFd.fdivD(h, insn);
                    break;
                case FSQRT_D:
                    RvFd.fsqrtD(h, insn);
                    break;
                case FSGNJ_D:
                    RvFd.fsgnjD(h, insn);
                    break;
                case FSGNJN_D:
                    RvFd.fsgnjnD(h, insn);
                    break;
                case FSGNJX_D:
                    RvFd.fsgnjxD(h, insn);
                    break;
                case FMIN_D:
                    RvFd.fminD(h, insn);
                    break;
                case FMAX_D:
                    RvFd.fmaxD(h, insn);
                    break;
                case FLE_D:
                    RvFd.fleD(h, insn);
                    break;
                case FLT_D:
                    RvFd.fltD(h, insn);
                    break;
                case FEQ_D:
                    RvFd.feqD(h, insn);
                    break;
                case FCVT_W_D:
                    RvFd.fcvtWD(h, insn);
                    break;
                case FCVT_D_W:
                    RvFd.fcvtDW(h, insn);
                    break;
                case FCVT_WU_D:
                    RvFd.fcvtWuD(h, insn);
                    break;
                case FCVT_D_WU:
                    RvFd.fcvtDWu(h, insn);
                    break;
                case FCVT_L_D:
                    RvFd.fcvtLD(h, insn);
                    break;
                case FCVT_D_L:
                    RvFd.fcvtDL(h, insn);
                    break;
                case FCVT_LU_D:
                    RvFd.fcvtLuD(h, insn);
                    break;
                case FCVT_D_LU:
                    RvFd.fcvtDLu(h, insn);
                    break;
                case FCLASS_D:
                    RvFd.fclassD(h, insn);
                    break;
                case FMV_X_W:
                    RvFd.fmvXW(h, insn);
                    break;
                case FMV_W_X:
                    RvFd.fmvWX(h, insn);
                    break;
                case FMV_X_D:
                    RvFd.fmvXD(h, insn);
                    break;
                case FMV_D_X:
                    RvFd.fmvDX(h, insn);
                    break;
                case FCVT_S_D:
                    RvFd.fcvtSD(h, insn);
                    break;
                case FCVT_D_S:
                    RvFd.fcvtDS(h, insn);
                    break;
                default:
                    throw h.illegalInstruction();
            }
            h.pc = next;
            h.batchExecuted++;
        }
    }
}
