/* Synchronous exceptions from M, S and U: cause, tval and epc; delegation to S through medeleg
   (scause/stval/sepc/SPP); mret/sret privilege transitions and the MPP/MPIE/SPP/SPIE updates. */
#include "test.h"

#define UNMAPPED 0x90000000UL   /* above the 128 MiB of RAM: nothing is mapped there */

/* Executes one instruction word at a known address; returns that address. */
#define AT_LABEL(insn_asm) ({ uint64_t _pc; \
    __asm__ volatile(".option push\n\t.option norvc\n\t" \
                     "la %0, 1f\n1:\t" insn_asm "\n\t.option pop" : "=&r"(_pc) : : "memory", "a0"); _pc; })

static uint64_t do_ecall(uint64_t unused)
{
    __asm__ volatile("li a7, 0\n\tecall" ::: "a7", "memory");
    return 0;
}
static uint64_t do_illegal(uint64_t unused)
{
    __asm__ volatile(".word 0x0000000b" ::: "memory");   /* custom-0 opcode: not implemented */
    return 0;
}
/* An illegal instruction at a known address (for sepc/mepc checks). */
extern char labelled_illegal[];
static uint64_t do_labelled_illegal(uint64_t unused)
{
    __asm__ volatile(".globl labelled_illegal\nlabelled_illegal:\n\t.word 0x0000000b" ::: "memory");
    return 0;
}
static uint64_t do_read_mstatus(uint64_t unused)
{
    __asm__ volatile(".word 0x30002573" ::: "a0", "memory");   /* csrr a0, mstatus */
    return 0;
}
static uint64_t do_mret(uint64_t unused) { __asm__ volatile("mret" ::: "memory"); return 0; }
static uint64_t do_sret(uint64_t unused) { __asm__ volatile("sret" ::: "memory"); return 0; }
static uint64_t do_wfi(uint64_t unused) { __asm__ volatile("wfi" ::: "memory"); return 0; }
static uint64_t do_load(uint64_t addr) { return *(volatile uint64_t *)addr; }

static volatile uint64_t u_reached;
static uint64_t u_entry(uint64_t unused)
{
    u_reached = 1;
    __asm__ volatile("li a7, 0\n\tecall" ::: "a7", "memory");  /* proves we are in U: cause 8 */
    return 0;
}
/* Runs in S: sret into U at u_entry with SPIE=1, SIE=0, SPP=U. */
static uint64_t s_sret_to_u(uint64_t unused)
{
    csr_clear(sstatus, MSTATUS_SPP | MSTATUS_SIE);
    csr_set(sstatus, MSTATUS_SPIE);
    csr_write(sepc, (uint64_t)u_entry);
    __asm__ volatile("la ra, run_return\n\tsret" ::: "ra", "memory");
    return 1;
}
/* Runs in M through mret: reports mstatus as mret left it. */
static uint64_t m_after_mret(uint64_t unused) { return csr_read(mstatus); }

static void check_m_traps(void)
{
    uint64_t pc;
    /* Illegal instructions: mtval holds the instruction bits (32- or 16-bit). */
    EXPECT_TRAP(CAUSE_ILLEGAL_INSTRUCTION, 0x0000000b, pc = AT_LABEL(".word 0x0000000b"));
    CHECK_EQ(trap_last.epc, pc);
    EXPECT_TRAP(CAUSE_ILLEGAL_INSTRUCTION, 0xc0001073, pc = AT_LABEL(".word 0xc0001073")); /* csrw cycle */
    EXPECT_TRAP(CAUSE_ILLEGAL_INSTRUCTION, 0xf1401073, pc = AT_LABEL(".word 0xf1401073")); /* csrw mhartid */
    EXPECT_TRAP(CAUSE_ILLEGAL_INSTRUCTION, 0x0000, pc = AT_LABEL(".half 0x0000"));          /* c.illegal */
    CHECK_EQ(trap_last.epc, pc);
    /* Breakpoints from ebreak: QEMU writes mtval = 0 (the spec allows 0 or the pc). */
    EXPECT_TRAP(CAUSE_BREAKPOINT, 0, pc = AT_LABEL("ebreak"));
    CHECK_EQ(trap_last.epc, pc);
    EXPECT_TRAP(CAUSE_BREAKPOINT, 0, pc = AT_LABEL(".half 0x9002")); /* c.ebreak */
    CHECK_EQ(trap_last.epc, pc);
    /* ecall from M. */
    EXPECT_TRAP(CAUSE_MACHINE_ECALL, 0, pc = AT_LABEL("ecall"));
    CHECK_EQ(trap_last.epc, pc);
    CHECK_EQ((trap_last.status & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT, PRV_M);

    /* LR must be naturally aligned: load address misaligned. (AMO and SC causes are in
       test_amo_fault_causes, where QEMU 7.2 deviates from the spec.) */
    static volatile uint64_t word[2];
    uint64_t odd = (uint64_t)&word[0] + 4;
    EXPECT_TRAP(CAUSE_MISALIGNED_LOAD, odd,
                __asm__ volatile("lr.d t0, (%0)" : : "r"(odd) : "t0", "memory"));
    EXPECT_TRAP(CAUSE_MISALIGNED_LOAD, odd + 2,
                __asm__ volatile("lr.w t0, (%0)" : : "r"(odd + 2) : "t0", "memory"));

    /* Access faults on unmapped physical addresses. */
    EXPECT_TRAP(CAUSE_LOAD_ACCESS, UNMAPPED + 8,
                __asm__ volatile("ld t0, 8(%0)" : : "r"(UNMAPPED) : "t0", "memory"));
    EXPECT_TRAP(CAUSE_STORE_ACCESS, UNMAPPED + 16,
                __asm__ volatile("sw zero, 16(%0)" : : "r"(UNMAPPED) : "memory"));
    EXPECT_TRAP(CAUSE_LOAD_ACCESS, UNMAPPED,
                __asm__ volatile("lr.d t0, (%0)" : : "r"(UNMAPPED) : "t0", "memory"));
    /* Fetch fault: mtval and mepc = the target; the handler resumes at ra. */
    EXPECT_TRAP(CAUSE_FETCH_ACCESS, UNMAPPED + 0x100,
                __asm__ volatile("jalr ra, 0(%0)" : : "r"(UNMAPPED + 0x100) : "ra", "memory"));
    CHECK_EQ(trap_last.epc, UNMAPPED + 0x100);
}

static void check_lower_modes(void)
{
    /* ecall from S and U, with MPP recording where the trap came from. */
    EXPECT_TRAP(CAUSE_SUPERVISOR_ECALL, 0, run_in_mode(PRV_S, do_ecall, 0));
    CHECK_EQ((trap_last.status & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT, PRV_S);
    EXPECT_TRAP(CAUSE_USER_ECALL, 0, run_in_mode(PRV_U, do_ecall, 0));
    CHECK_EQ((trap_last.status & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT, PRV_U);

    /* Privileged instructions and CSRs above the current mode. */
    EXPECT_TRAP(CAUSE_ILLEGAL_INSTRUCTION, 0x30002573 /* csrr a0, mstatus */,
                run_in_mode(PRV_S, do_read_mstatus, 0));
    EXPECT_TRAP(CAUSE_ILLEGAL_INSTRUCTION, 0x30200073 /* mret */, run_in_mode(PRV_S, do_mret, 0));
    EXPECT_TRAP(CAUSE_ILLEGAL_INSTRUCTION, 0x10200073 /* sret */, run_in_mode(PRV_U, do_sret, 0));
    EXPECT_TRAP(CAUSE_ILLEGAL_INSTRUCTION, 0x10500073 /* wfi */, run_in_mode(PRV_U, do_wfi, 0));
    csr_set(mstatus, MSTATUS_TSR);
    EXPECT_TRAP(CAUSE_ILLEGAL_INSTRUCTION, 0x10200073, run_in_mode(PRV_S, do_sret, 0));
    csr_clear(mstatus, MSTATUS_TSR);
    csr_set(mstatus, MSTATUS_TW);
    EXPECT_TRAP(CAUSE_ILLEGAL_INSTRUCTION, 0x10500073, run_in_mode(PRV_S, do_wfi, 0));
    csr_clear(mstatus, MSTATUS_TW);
    EXPECT_TRAP(CAUSE_LOAD_ACCESS, UNMAPPED, run_in_mode(PRV_U, do_load, UNMAPPED));
    EXPECT_TRAP(CAUSE_ILLEGAL_INSTRUCTION, 0x0000000b, run_in_mode(PRV_U, do_illegal, 0));
}

static void check_delegation(void)
{
    s_trap_init();
    csr_write(medeleg, (1UL << CAUSE_ILLEGAL_INSTRUCTION) | (1UL << CAUSE_USER_ECALL)
                           | (1UL << CAUSE_LOAD_ACCESS) | (1UL << CAUSE_BREAKPOINT));
    /* From S and U the delegated causes go to the S handler: scause/stval/sepc. */
    EXPECT_TRAP_AT('S', CAUSE_ILLEGAL_INSTRUCTION, 0x0000000b, run_in_mode(PRV_S, do_illegal, 0));
    CHECK_EQ(trap_last.status & MSTATUS_SPP, MSTATUS_SPP);     /* came from S */
    EXPECT_TRAP_AT('S', CAUSE_ILLEGAL_INSTRUCTION, 0x0000000b, run_in_mode(PRV_S, do_labelled_illegal, 0));
    CHECK_EQ(trap_last.epc, (uint64_t)labelled_illegal);        /* sepc */
    CHECK_EQ(csr_read(scause), CAUSE_ILLEGAL_INSTRUCTION);
    CHECK_EQ(csr_read(stval), 0x0000000b);
    CHECK_EQ(csr_read(sepc), (uint64_t)labelled_illegal + 4);  /* the handler advanced it */
    EXPECT_TRAP_AT('S', CAUSE_ILLEGAL_INSTRUCTION, 0x0000000b, run_in_mode(PRV_U, do_illegal, 0));
    CHECK_EQ(trap_last.status & MSTATUS_SPP, 0);               /* came from U */
    EXPECT_TRAP_AT('S', CAUSE_USER_ECALL, 0, run_in_mode(PRV_U, do_ecall, 0));
    EXPECT_TRAP_AT('S', CAUSE_LOAD_ACCESS, UNMAPPED + 24, run_in_mode(PRV_U, do_load, UNMAPPED + 24));
    /* Not delegated: ecall from S still goes to M. */
    EXPECT_TRAP_AT('M', CAUSE_SUPERVISOR_ECALL, 0, run_in_mode(PRV_S, do_ecall, 0));
    /* Traps taken in M are never delegated. */
    EXPECT_TRAP_AT('M', CAUSE_ILLEGAL_INSTRUCTION, 0x0000000b, AT_LABEL(".word 0x0000000b"));
    EXPECT_TRAP_AT('M', CAUSE_BREAKPOINT, 0, AT_LABEL("ebreak"));
    csr_write(medeleg, 0);
    CHECK_EQ(csr_read(mcause), CAUSE_BREAKPOINT);
}

static void check_xret_transitions(void)
{
    /* mret: privilege <- MPP, MIE <- MPIE, MPIE <- 1, MPP <- U. Enter M itself (MPP = M) with
       MPIE = 0 and MIE = 0 and look at mstatus from inside. */
    csr_clear(mstatus, MSTATUS_MPIE | MSTATUS_MIE);
    uint64_t ms = run_in_mode(PRV_M, m_after_mret, 0);
    CHECK_EQ((ms & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT, PRV_U);
    CHECK_EQ(ms & MSTATUS_MPIE, MSTATUS_MPIE);
    CHECK_EQ(ms & MSTATUS_MIE, 0);
    /* A trap sets MPIE <- MIE and MIE <- 0: take an ecall with MIE = 1 (mie = 0, so no
       interrupt can be taken). */
    csr_write(mie, 0);
    csr_set(mstatus, MSTATUS_MIE);
    EXPECT_TRAP(CAUSE_MACHINE_ECALL, 0, AT_LABEL("ecall"));
    CHECK_EQ(trap_last.status & (MSTATUS_MPIE | MSTATUS_MIE), MSTATUS_MPIE);
    CHECK_EQ(csr_read(mstatus) & MSTATUS_MIE, MSTATUS_MIE);   /* mret restored it */
    csr_clear(mstatus, MSTATUS_MIE);

    /* sret from S into U: SIE <- SPIE, SPIE <- 1, SPP <- U; U's ecall reaches M with MPP = U. */
    csr_write(medeleg, 0);
    u_reached = 0;
    EXPECT_TRAP(CAUSE_USER_ECALL, 0, run_in_mode(PRV_S, s_sret_to_u, 0));
    CHECK_EQ(u_reached, 1);
    CHECK_EQ((trap_last.status & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT, PRV_U);
    uint64_t s = csr_read(mstatus);
    CHECK_EQ(s & (MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP), MSTATUS_SIE | MSTATUS_SPIE);
    csr_clear(mstatus, MSTATUS_SIE);
}

int main(void)
{
    check_m_traps();
    check_lower_modes();
    check_delegation();
    check_xret_transitions();
    return 0;
}
