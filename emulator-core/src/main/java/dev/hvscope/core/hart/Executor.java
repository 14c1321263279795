package dev.hvscope.core.hart;

import dev.hvscope.core.hart.jit.BlockTranslator;
import dev.hvscope.core.hart.jit.CompiledBlock;
import dev.hvscope.core.hart.jit.Jit;
import dev.hvscope.core.isa.OpId;

/**
 * The run loop: batches of instructions from the decode cache, one switch on the opcode, then
 * interrupts, timers and stop requests between batches (Spike's step(n)). Synchronous traps unwind
 * to here as the hart's one preallocated {@link TrapException}; the try region costs nothing until
 * one is thrown.
 *
 * <p>Hot block heads (decode-cache entries the interpreter started at more than
 * {@link Jit#threshold()} times) are translated to JVM bytecode by {@link BlockTranslator} and from
 * then on run as one call, when the remaining budget covers the whole block (so budgets stay exact:
 * {@code run(h, 1)} executes one instruction).
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
        h.breakpointHit = false;
        long irq = h.pendingInterruptUnlessMasked();   // debugger hook: a step may mask interrupts
        if (irq != 0) {
            if (h.takeInterrupt(irq)) {                  // debugger hook: stop at a caught VM exit
                return 0;
            }
        } else if (h.waitingForInterrupt) {
            if (!h.interruptPendingForWfi()) {
                return 0;
            }
            h.waitingForInterrupt = false;
        }
        int n = loop(h, budget);
        h.instret += n;
        h.batchExecuted = 0;
        return n;
    }

    /** Blocks are hidden classes in this package: they read {@link Hart#batchLimit}. */
    private static final java.lang.invoke.MethodHandles.Lookup HART_PACKAGE = java.lang.invoke.MethodHandles.lookup();

    private static int loop(Hart h, int budget) {
        final boolean jit = Jit.isEnabled();
        final int threshold = Jit.threshold();
        int executed = 0;
        long pc = h.pc;
        CompiledBlock running = null;
        // Blocks start where control arrives by a jump, a branch, a block exit or a trap: only
        // there does the loop look for one or count towards translating one.
        boolean jumped = true;
        h.batchLimit = budget;
        while (executed < h.batchLimit) {
            try {
                // h.pc is written only where it is read: before anything that may trap or stop
                // (fetch, memory access, the instructions off the hot path), never for plain
                // arithmetic and branches, which get pc as an argument.
                DecodedPage page = h.fetchPage;
                if ((pc >>> 12) != h.fetchVpn) {
                    h.pc = pc;
                    page = h.enterPage(pc);
                }
                int i = DecodedPage.index(pc);
                long entry = page.entry[i];
                if (entry == 0) {
                    h.pc = pc;
                    page = h.decode(page, i, pc);
                    entry = page.entry[i];
                }
                int meta = DecodedPage.meta(entry);
                if (jit && jumped) {
                    CompiledBlock b = page.blocks[i];
                    if (b != null) {
                        int left = h.batchLimit - executed;
                        if (b.count() <= left && b.startPc() == pc) {   // another virtual alias runs interpreted
                            // Chained: a block whose exit lands on another block of the same page
                            // runs it at once, without the lookups at the top of the loop.
                            do {
                                running = b;
                                pc = b.run(h, left);
                                running = null;
                                executed += b.retired();
                                left = h.batchLimit - executed;
                                if ((pc >>> 12) != h.fetchVpn) {
                                    break;   // another page, or this one was written: look it up
                                }
                                b = h.fetchPage.blocks[DecodedPage.index(pc)];
                            } while (b != null && b.count() <= left && b.startPc() == pc);
                            continue;
                        }
                    } else if (++page.hits[i] > threshold) {
                        page.hits[i] = Integer.MIN_VALUE;   // translate once per page lifetime
                        if (translate(h, page, i, pc)) {
                            continue;
                        }
                    }
                }
                int insn = DecodedPage.word(entry);
                long fallThrough = pc + DecodedPage.length(meta);
                long next = fallThrough;
                int op = DecodedPage.op(meta);
                if (op == OpId.BREAK) {
                    h.pc = pc;
                    if (h.debug.stopsAtBreakpoint()) {
                        h.breakpointHit = true;
                        h.batchLimit = 0;
                        continue;
                    }
                    op = Hart.originalOp(page, i);   // stepping off the breakpoint
                }
                switch (op) {
                    case OpId.ILLEGAL:
                        h.pc = pc;
                        throw h.illegalInstruction();
                    case OpId.LUI:
                        RvI.lui(h, insn);
                        break;
                    case OpId.AUIPC:
                        RvI.auipc(h, insn, pc);
                        break;
                    case OpId.JAL:
                        next = RvI.jal(h, insn, pc, next);
                        break;
                    case OpId.JALR:
                        next = RvI.jalr(h, insn, next);
                        break;
                    case OpId.BEQ:
                        next = RvI.beq(h, insn, pc, next);
                        break;
                    case OpId.BNE:
                        next = RvI.bne(h, insn, pc, next);
                        break;
                    case OpId.BLT:
                        next = RvI.blt(h, insn, pc, next);
                        break;
                    case OpId.BGE:
                        next = RvI.bge(h, insn, pc, next);
                        break;
                    case OpId.BLTU:
                        next = RvI.bltu(h, insn, pc, next);
                        break;
                    case OpId.BGEU:
                        next = RvI.bgeu(h, insn, pc, next);
                        break;
                    case OpId.LB:
                        h.pc = pc;
                        RvI.lb(h, insn);
                        break;
                    case OpId.LH:
                        h.pc = pc;
                        RvI.lh(h, insn);
                        break;
                    case OpId.LW:
                        h.pc = pc;
                        RvI.lw(h, insn);
                        break;
                    case OpId.LD:
                        h.pc = pc;
                        RvI.ld(h, insn);
                        break;
                    case OpId.LBU:
                        h.pc = pc;
                        RvI.lbu(h, insn);
                        break;
                    case OpId.LHU:
                        h.pc = pc;
                        RvI.lhu(h, insn);
                        break;
                    case OpId.LWU:
                        h.pc = pc;
                        RvI.lwu(h, insn);
                        break;
                    case OpId.SB:
                        h.pc = pc;
                        RvI.sb(h, insn);
                        break;
                    case OpId.SH:
                        h.pc = pc;
                        RvI.sh(h, insn);
                        break;
                    case OpId.SW:
                        h.pc = pc;
                        RvI.sw(h, insn);
                        break;
                    case OpId.SD:
                        h.pc = pc;
                        RvI.sd(h, insn);
                        break;
                    case OpId.ADDI:
                        RvI.addi(h, insn);
                        break;
                    case OpId.SLTI:
                        RvI.slti(h, insn);
                        break;
                    case OpId.SLTIU:
                        RvI.sltiu(h, insn);
                        break;
                    case OpId.XORI:
                        RvI.xori(h, insn);
                        break;
                    case OpId.ORI:
                        RvI.ori(h, insn);
                        break;
                    case OpId.ANDI:
                        RvI.andi(h, insn);
                        break;
                    case OpId.SLLI:
                        RvI.slli(h, insn);
                        break;
                    case OpId.SRLI:
                        RvI.srli(h, insn);
                        break;
                    case OpId.SRAI:
                        RvI.srai(h, insn);
                        break;
                    case OpId.ADD:
                        RvI.add(h, insn);
                        break;
                    case OpId.SUB:
                        RvI.sub(h, insn);
                        break;
                    case OpId.SLL:
                        RvI.sll(h, insn);
                        break;
                    case OpId.SLT:
                        RvI.slt(h, insn);
                        break;
                    case OpId.SLTU:
                        RvI.sltu(h, insn);
                        break;
                    case OpId.XOR:
                        RvI.xor(h, insn);
                        break;
                    case OpId.SRL:
                        RvI.srl(h, insn);
                        break;
                    case OpId.SRA:
                        RvI.sra(h, insn);
                        break;
                    case OpId.OR:
                        RvI.or(h, insn);
                        break;
                    case OpId.AND:
                        RvI.and(h, insn);
                        break;
                    case OpId.ADDIW:
                        RvI.addiw(h, insn);
                        break;
                    case OpId.SLLIW:
                        RvI.slliw(h, insn);
                        break;
                    case OpId.SRLIW:
                        RvI.srliw(h, insn);
                        break;
                    case OpId.SRAIW:
                        RvI.sraiw(h, insn);
                        break;
                    case OpId.ADDW:
                        RvI.addw(h, insn);
                        break;
                    case OpId.SUBW:
                        RvI.subw(h, insn);
                        break;
                    case OpId.SLLW:
                        RvI.sllw(h, insn);
                        break;
                    case OpId.SRLW:
                        RvI.srlw(h, insn);
                        break;
                    case OpId.SRAW:
                        RvI.sraw(h, insn);
                        break;
                    case OpId.FENCE:
                        break;
                    case OpId.MUL:
                        RvM.mul(h, insn);
                        break;
                    case OpId.MULH:
                        RvM.mulh(h, insn);
                        break;
                    case OpId.MULHSU:
                        RvM.mulhsu(h, insn);
                        break;
                    case OpId.MULHU:
                        RvM.mulhu(h, insn);
                        break;
                    case OpId.DIV:
                        RvM.div(h, insn);
                        break;
                    case OpId.DIVU:
                        RvM.divu(h, insn);
                        break;
                    case OpId.REM:
                        RvM.rem(h, insn);
                        break;
                    case OpId.REMU:
                        RvM.remu(h, insn);
                        break;
                    case OpId.MULW:
                        RvM.mulw(h, insn);
                        break;
                    case OpId.DIVW:
                        RvM.divw(h, insn);
                        break;
                    case OpId.DIVUW:
                        RvM.divuw(h, insn);
                        break;
                    case OpId.REMW:
                        RvM.remw(h, insn);
                        break;
                    case OpId.REMUW:
                        RvM.remuw(h, insn);
                        break;
                    case OpId.ADD_UW:
                        RvB.addUw(h, insn);
                        break;
                    case OpId.SH1ADD:
                        RvB.sh1add(h, insn);
                        break;
                    case OpId.SH2ADD:
                        RvB.sh2add(h, insn);
                        break;
                    case OpId.SH3ADD:
                        RvB.sh3add(h, insn);
                        break;
                    case OpId.SH1ADD_UW:
                        RvB.sh1addUw(h, insn);
                        break;
                    case OpId.SH2ADD_UW:
                        RvB.sh2addUw(h, insn);
                        break;
                    case OpId.SH3ADD_UW:
                        RvB.sh3addUw(h, insn);
                        break;
                    case OpId.SLLI_UW:
                        RvB.slliUw(h, insn);
                        break;
                    case OpId.ANDN:
                        RvB.andn(h, insn);
                        break;
                    case OpId.ORN:
                        RvB.orn(h, insn);
                        break;
                    case OpId.XNOR:
                        RvB.xnor(h, insn);
                        break;
                    case OpId.CLZ:
                        RvB.clz(h, insn);
                        break;
                    case OpId.CTZ:
                        RvB.ctz(h, insn);
                        break;
                    case OpId.CPOP:
                        RvB.cpop(h, insn);
                        break;
                    case OpId.CLZW:
                        RvB.clzw(h, insn);
                        break;
                    case OpId.CTZW:
                        RvB.ctzw(h, insn);
                        break;
                    case OpId.CPOPW:
                        RvB.cpopw(h, insn);
                        break;
                    case OpId.MAX:
                        RvB.max(h, insn);
                        break;
                    case OpId.MAXU:
                        RvB.maxu(h, insn);
                        break;
                    case OpId.MIN:
                        RvB.min(h, insn);
                        break;
                    case OpId.MINU:
                        RvB.minu(h, insn);
                        break;
                    case OpId.SEXT_B:
                        RvB.sextB(h, insn);
                        break;
                    case OpId.SEXT_H:
                        RvB.sextH(h, insn);
                        break;
                    case OpId.ZEXT_H:
                        RvB.zextH(h, insn);
                        break;
                    case OpId.ROL:
                        RvB.rol(h, insn);
                        break;
                    case OpId.ROR:
                        RvB.ror(h, insn);
                        break;
                    case OpId.ROLW:
                        RvB.rolw(h, insn);
                        break;
                    case OpId.RORW:
                        RvB.rorw(h, insn);
                        break;
                    case OpId.RORI:
                        RvB.rori(h, insn);
                        break;
                    case OpId.RORIW:
                        RvB.roriw(h, insn);
                        break;
                    case OpId.ORC_B:
                        RvB.orcB(h, insn);
                        break;
                    case OpId.REV8:
                        RvB.rev8(h, insn);
                        break;
                    case OpId.BCLR:
                        RvB.bclr(h, insn);
                        break;
                    case OpId.BCLRI:
                        RvB.bclri(h, insn);
                        break;
                    case OpId.BEXT:
                        RvB.bext(h, insn);
                        break;
                    case OpId.BEXTI:
                        RvB.bexti(h, insn);
                        break;
                    case OpId.BINV:
                        RvB.binv(h, insn);
                        break;
                    case OpId.BINVI:
                        RvB.binvi(h, insn);
                        break;
                    case OpId.BSET:
                        RvB.bset(h, insn);
                        break;
                    case OpId.BSETI:
                        RvB.bseti(h, insn);
                        break;
                    default:
                        h.pc = pc;
                        next = executeOther(h, op, insn, next, executed);
                        break;
                }
                jumped = next != fallThrough;
                pc = next;
                executed++;
            } catch (TrapException t) {
                jumped = true;
                if (running != null) {
                    // The block set h.pc to the faulting instruction; those before it retired.
                    executed += running.retired() + running.retiredBefore(h.pc);
                    running = null;
                }
                h.takePendingTrap();
                pc = h.pc;
                h.batchLimit--;   // a trap uses budget too, so a fault loop still ends the batch
            }
        }
        h.pc = pc;
        return executed;
    }

    /**
     * The instructions off the hot path (FENCE.I, system, CSR, hypervisor, A, F and D), kept out of
     * {@link #loop} so the JVM compiles the hot integer loop small and fast.
     *
     * @return the next pc
     */
    private static long executeOther(Hart h, int op, int insn, long next, int executed) {
        switch (op) {
            case OpId.CLMUL:
                RvB.clmul(h, insn);
                break;
            case OpId.CLMULR:
                RvB.clmulr(h, insn);
                break;
            case OpId.CLMULH:
                RvB.clmulh(h, insn);
                break;
            case OpId.FENCE_I:
                RvI.fenceI(h);
                break;
            case OpId.ECALL:
                next = RvPriv.ecall(h);
                break;
            case OpId.EBREAK:
                next = RvPriv.ebreak(h);
                break;
            case OpId.SRET:
                next = RvPriv.sret(h);
                break;
            case OpId.MRET:
                next = RvPriv.mret(h);
                break;
            case OpId.WFI:
                next = RvPriv.wfi(h, next);
                break;
            case OpId.SFENCE_VMA:
                RvPriv.sfenceVma(h, insn);
                break;
            case OpId.HFENCE_VVMA:
                RvH.hfenceVvma(h, insn);
                break;
            case OpId.HFENCE_GVMA:
                RvH.hfenceGvma(h, insn);
                break;
            case OpId.CSRRW:
                h.batchExecuted = executed;   // instret reads see the instructions before this one
                RvZicsr.csrrw(h, insn);
                break;
            case OpId.CSRRS:
                h.batchExecuted = executed;   // instret reads see the instructions before this one
                RvZicsr.csrrs(h, insn);
                break;
            case OpId.CSRRC:
                h.batchExecuted = executed;   // instret reads see the instructions before this one
                RvZicsr.csrrc(h, insn);
                break;
            case OpId.CSRRWI:
                h.batchExecuted = executed;   // instret reads see the instructions before this one
                RvZicsr.csrrwi(h, insn);
                break;
            case OpId.CSRRSI:
                h.batchExecuted = executed;   // instret reads see the instructions before this one
                RvZicsr.csrrsi(h, insn);
                break;
            case OpId.CSRRCI:
                h.batchExecuted = executed;   // instret reads see the instructions before this one
                RvZicsr.csrrci(h, insn);
                break;
            case OpId.HLV_B:
                RvH.hlvB(h, insn);
                break;
            case OpId.HLV_BU:
                RvH.hlvBu(h, insn);
                break;
            case OpId.HLV_H:
                RvH.hlvH(h, insn);
                break;
            case OpId.HLV_HU:
                RvH.hlvHu(h, insn);
                break;
            case OpId.HLVX_HU:
                RvH.hlvxHu(h, insn);
                break;
            case OpId.HLV_W:
                RvH.hlvW(h, insn);
                break;
            case OpId.HLV_WU:
                RvH.hlvWu(h, insn);
                break;
            case OpId.HLVX_WU:
                RvH.hlvxWu(h, insn);
                break;
            case OpId.HLV_D:
                RvH.hlvD(h, insn);
                break;
            case OpId.HSV_B:
                RvH.hsvB(h, insn);
                break;
            case OpId.HSV_H:
                RvH.hsvH(h, insn);
                break;
            case OpId.HSV_W:
                RvH.hsvW(h, insn);
                break;
            case OpId.HSV_D:
                RvH.hsvD(h, insn);
                break;
            case OpId.LR_W:
                RvA.lrW(h, insn);
                break;
            case OpId.SC_W:
                RvA.scW(h, insn);
                break;
            case OpId.AMOSWAP_W:
                RvA.amoswapW(h, insn);
                break;
            case OpId.AMOADD_W:
                RvA.amoaddW(h, insn);
                break;
            case OpId.AMOXOR_W:
                RvA.amoxorW(h, insn);
                break;
            case OpId.AMOAND_W:
                RvA.amoandW(h, insn);
                break;
            case OpId.AMOOR_W:
                RvA.amoorW(h, insn);
                break;
            case OpId.AMOMIN_W:
                RvA.amominW(h, insn);
                break;
            case OpId.AMOMAX_W:
                RvA.amomaxW(h, insn);
                break;
            case OpId.AMOMINU_W:
                RvA.amominuW(h, insn);
                break;
            case OpId.AMOMAXU_W:
                RvA.amomaxuW(h, insn);
                break;
            case OpId.LR_D:
                RvA.lrD(h, insn);
                break;
            case OpId.SC_D:
                RvA.scD(h, insn);
                break;
            case OpId.AMOSWAP_D:
                RvA.amoswapD(h, insn);
                break;
            case OpId.AMOADD_D:
                RvA.amoaddD(h, insn);
                break;
            case OpId.AMOXOR_D:
                RvA.amoxorD(h, insn);
                break;
            case OpId.AMOAND_D:
                RvA.amoandD(h, insn);
                break;
            case OpId.AMOOR_D:
                RvA.amoorD(h, insn);
                break;
            case OpId.AMOMIN_D:
                RvA.amominD(h, insn);
                break;
            case OpId.AMOMAX_D:
                RvA.amomaxD(h, insn);
                break;
            case OpId.AMOMINU_D:
                RvA.amominuD(h, insn);
                break;
            case OpId.AMOMAXU_D:
                RvA.amomaxuD(h, insn);
                break;
            case OpId.FLW:
                RvFd.flw(h, insn);
                break;
            case OpId.FSW:
                RvFd.fsw(h, insn);
                break;
            case OpId.FLD:
                RvFd.fld(h, insn);
                break;
            case OpId.FSD:
                RvFd.fsd(h, insn);
                break;
            case OpId.FMADD_S:
                RvFd.fmaddS(h, insn);
                break;
            case OpId.FMSUB_S:
                RvFd.fmsubS(h, insn);
                break;
            case OpId.FNMSUB_S:
                RvFd.fnmsubS(h, insn);
                break;
            case OpId.FNMADD_S:
                RvFd.fnmaddS(h, insn);
                break;
            case OpId.FADD_S:
                RvFd.faddS(h, insn);
                break;
            case OpId.FSUB_S:
                RvFd.fsubS(h, insn);
                break;
            case OpId.FMUL_S:
                RvFd.fmulS(h, insn);
                break;
            case OpId.FDIV_S:
                RvFd.fdivS(h, insn);
                break;
            case OpId.FSQRT_S:
                RvFd.fsqrtS(h, insn);
                break;
            case OpId.FSGNJ_S:
                RvFd.fsgnjS(h, insn);
                break;
            case OpId.FSGNJN_S:
                RvFd.fsgnjnS(h, insn);
                break;
            case OpId.FSGNJX_S:
                RvFd.fsgnjxS(h, insn);
                break;
            case OpId.FMIN_S:
                RvFd.fminS(h, insn);
                break;
            case OpId.FMAX_S:
                RvFd.fmaxS(h, insn);
                break;
            case OpId.FLE_S:
                RvFd.fleS(h, insn);
                break;
            case OpId.FLT_S:
                RvFd.fltS(h, insn);
                break;
            case OpId.FEQ_S:
                RvFd.feqS(h, insn);
                break;
            case OpId.FCVT_W_S:
                RvFd.fcvtWS(h, insn);
                break;
            case OpId.FCVT_S_W:
                RvFd.fcvtSW(h, insn);
                break;
            case OpId.FCVT_WU_S:
                RvFd.fcvtWuS(h, insn);
                break;
            case OpId.FCVT_S_WU:
                RvFd.fcvtSWu(h, insn);
                break;
            case OpId.FCVT_L_S:
                RvFd.fcvtLS(h, insn);
                break;
            case OpId.FCVT_S_L:
                RvFd.fcvtSL(h, insn);
                break;
            case OpId.FCVT_LU_S:
                RvFd.fcvtLuS(h, insn);
                break;
            case OpId.FCVT_S_LU:
                RvFd.fcvtSLu(h, insn);
                break;
            case OpId.FCLASS_S:
                RvFd.fclassS(h, insn);
                break;
            case OpId.FMADD_D:
                RvFd.fmaddD(h, insn);
                break;
            case OpId.FMSUB_D:
                RvFd.fmsubD(h, insn);
                break;
            case OpId.FNMSUB_D:
                RvFd.fnmsubD(h, insn);
                break;
            case OpId.FNMADD_D:
                RvFd.fnmaddD(h, insn);
                break;
            case OpId.FADD_D:
                RvFd.faddD(h, insn);
                break;
            case OpId.FSUB_D:
                RvFd.fsubD(h, insn);
                break;
            case OpId.FMUL_D:
                RvFd.fmulD(h, insn);
                break;
            case OpId.FDIV_D:
                RvFd.fdivD(h, insn);
                break;
            case OpId.FSQRT_D:
                RvFd.fsqrtD(h, insn);
                break;
            case OpId.FSGNJ_D:
                RvFd.fsgnjD(h, insn);
                break;
            case OpId.FSGNJN_D:
                RvFd.fsgnjnD(h, insn);
                break;
            case OpId.FSGNJX_D:
                RvFd.fsgnjxD(h, insn);
                break;
            case OpId.FMIN_D:
                RvFd.fminD(h, insn);
                break;
            case OpId.FMAX_D:
                RvFd.fmaxD(h, insn);
                break;
            case OpId.FLE_D:
                RvFd.fleD(h, insn);
                break;
            case OpId.FLT_D:
                RvFd.fltD(h, insn);
                break;
            case OpId.FEQ_D:
                RvFd.feqD(h, insn);
                break;
            case OpId.FCVT_W_D:
                RvFd.fcvtWD(h, insn);
                break;
            case OpId.FCVT_D_W:
                RvFd.fcvtDW(h, insn);
                break;
            case OpId.FCVT_WU_D:
                RvFd.fcvtWuD(h, insn);
                break;
            case OpId.FCVT_D_WU:
                RvFd.fcvtDWu(h, insn);
                break;
            case OpId.FCVT_L_D:
                RvFd.fcvtLD(h, insn);
                break;
            case OpId.FCVT_D_L:
                RvFd.fcvtDL(h, insn);
                break;
            case OpId.FCVT_LU_D:
                RvFd.fcvtLuD(h, insn);
                break;
            case OpId.FCVT_D_LU:
                RvFd.fcvtDLu(h, insn);
                break;
            case OpId.FCLASS_D:
                RvFd.fclassD(h, insn);
                break;
            case OpId.FMV_X_W:
                RvFd.fmvXW(h, insn);
                break;
            case OpId.FMV_W_X:
                RvFd.fmvWX(h, insn);
                break;
            case OpId.FMV_X_D:
                RvFd.fmvXD(h, insn);
                break;
            case OpId.FMV_D_X:
                RvFd.fmvDX(h, insn);
                break;
            case OpId.FCVT_S_D:
                RvFd.fcvtSD(h, insn);
                break;
            case OpId.FCVT_D_S:
                RvFd.fcvtDS(h, insn);
                break;
            default:
                throw h.illegalInstruction();
        }
        return next;
    }

    /**
     * Translates the block starting at entry i of a page (pc): following the fall-through path
     * through the page's entries, decoding ahead where needed, up to a jump, the end of the page or
     * the first instruction the translator does not handle.
     *
     * @return true when a block was installed at the entry
     */
    private static boolean translate(Hart h, DecodedPage page, int i, long pc) {
        int max = BlockTranslator.MAX_INSTRUCTIONS;
        int[] words = new int[max];
        int[] ops = new int[max];
        byte[] lens = new byte[max];
        long pageEnd = (pc | 0xfff) + 1;
        long p = pc;
        int n = 0;
        while (n < max && p < pageEnd) {
            int k = DecodedPage.index(p);
            long entry = page.entry[k];
            if (entry == 0 && (entry = h.decodeAhead(page, k, p)) == 0) {
                break;
            }
            int meta = DecodedPage.meta(entry);
            int op = DecodedPage.op(meta);
            int len = DecodedPage.length(meta);
            if (p + len > pageEnd || !BlockTranslator.translatable(op)) {
                break;
            }
            words[n] = DecodedPage.word(entry);
            ops[n] = op;
            lens[n] = (byte) len;
            n++;
            p += len;
            if (BlockTranslator.endsBlock(op)) {
                break;
            }
        }
        if (n == 0) {
            return false;
        }
        CompiledBlock block = BlockTranslator.translate(HART_PACKAGE, pc, words, ops, lens, n);
        h.codeCache.blockAdded(page);
        page.blocks[i] = block;
        return true;
    }
}
