/* Trap delegation with V = 1: medeleg -> hedeleg -> VS. A trap from VS taken in M sets mcause,
   mepc, mtval, mstatus.MPV (and MPP = S), mstatus.GVA for guest-address faults (then mtval2 = GPA >> 2;
   GVA = 0 for other traps is in test_h_gva_clear); MRET with MPV = 1 returns to VS. Taken in HS: scause/sepc/stval, hstatus.SPV = 1,
   SPVP = the guest's privilege, GVA, htval; SRET with SPV = 1 returns to VS. With hedeleg too, the
   trap is taken in VS (vscause/vsepc/vstval) and HS sees nothing. ECALL from VS is cause 10 (never
   delegable to VS: hedeleg bit 10 is read-only zero), from VU cause 8. */
#include "hyp.h"

#define ILLEGAL_WORD 0x30002573u   /* csrr a0, mstatus: illegal in VS/VU */
#define LD_A0_A0     0x00053503u   /* ld a0, 0(a0) */
#define ECALL        0x00000073u

/* Traps on its first instruction, then returns `time`, which includes htimedelta (2^50) only if
   the trap returned to V = 1. */
uint64_t g_illegal_then_time(uint64_t);
__asm__(".text\n.balign 4\n.globl g_illegal_then_time\ng_illegal_then_time:\n"
        ".word 0x30002573\ncsrr a0, time\nret\n");
/* lr.d a0, (a0) on a misaligned address, then the same. */
uint64_t g_lr_then_time(uint64_t);
__asm__(".text\n.balign 4\n.globl g_lr_then_time\ng_lr_then_time:\n"
        ".word 0x1005352f\ncsrr a0, time\nret\n");
static uint64_t lr_target[2];
#define IN_V(t) ((t) >= (1UL << 50))
GUEST_INSN(g_ld, LD_A0_A0)
GUEST_INSN(g_ecall, ECALL)

#define GPA_UNMAPPED 0x40000010UL  /* outside the G-stage identity map */

int main(void)
{
    hyp_init();
    csr_write(mcounteren, 7);
    csr_write(hcounteren, 7);
    csr_write(scounteren, 7);
    csr_write(htimedelta, 1UL << 50);
    uint64_t entry = (uint64_t)g_illegal_then_time;

    /* Not delegated: M. */
    uint64_t back;
    EXPECT_HTRAP('M', CAUSE_ILLEGAL_INSTRUCTION, ILLEGAL_WORD, back = run_in_v(PRV_S, g_illegal_then_time, 0));
    CHECK_EQ(ht.epc, entry);
    CHECK(ht.status & MSTATUS_MPV);
    CHECK_EQ((ht.status & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT, PRV_S);
    CHECK(IN_V(back));                 /* MRET with MPV = 1 went back to VS */
    EXPECT_HTRAP('M', CAUSE_ILLEGAL_INSTRUCTION, ILLEGAL_WORD, back = run_in_v(PRV_U, g_illegal_then_time, 0));
    CHECK(ht.status & MSTATUS_MPV);
    CHECK_EQ((ht.status & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT, PRV_U);
    CHECK(IN_V(back));
    test_note("VS/VU trap into M: MPV, MPP, mret back to V");

    /* medeleg: HS. */
    csr_write(medeleg, 1UL << CAUSE_ILLEGAL_INSTRUCTION);
    EXPECT_HTRAP('S', CAUSE_ILLEGAL_INSTRUCTION, ILLEGAL_WORD, back = run_in_v(PRV_S, g_illegal_then_time, 0));
    CHECK_EQ(ht.epc, entry);
    CHECK_EQ(ht.hstatus & (HSTATUS_SPV | HSTATUS_SPVP | HSTATUS_GVA), HSTATUS_SPV | HSTATUS_SPVP);
    CHECK(ht.status & MSTATUS_SPP);
    CHECK(IN_V(back));                 /* SRET with SPV = 1 went back to VS */
    EXPECT_HTRAP('S', CAUSE_ILLEGAL_INSTRUCTION, ILLEGAL_WORD, back = run_in_v(PRV_U, g_illegal_then_time, 0));
    CHECK_EQ(ht.hstatus & (HSTATUS_SPV | HSTATUS_SPVP), HSTATUS_SPV);
    CHECK_EQ(ht.status & MSTATUS_SPP, 0);
    CHECK(IN_V(back));
    test_note("VS/VU trap into HS: SPV, SPVP, SPP, sret back to V");

    /* medeleg + hedeleg: VS (a misaligned LR, cause 4: QEMU 7.2 renumbers delegated causes 2, 6
       and 10 as if they were VS interrupts, see test_h_vs_exception_cause). HS's CSRs are not
       written. */
    uint64_t odd = (uint64_t)&lr_target + 4;
    csr_write(medeleg, 1UL << CAUSE_MISALIGNED_LOAD);
    csr_write(hedeleg, 1UL << CAUSE_MISALIGNED_LOAD);
    csr_write(scause, 0x5a);
    EXPECT_HTRAP('V', CAUSE_MISALIGNED_LOAD, odd, back = run_in_v(PRV_S, g_lr_then_time, odd));
    CHECK_EQ(ht.epc, (uint64_t)g_lr_then_time);
    CHECK(ht.status & MSTATUS_SPP);            /* vsstatus.SPP */
    CHECK_EQ(csr_read(vscause), CAUSE_MISALIGNED_LOAD);
    CHECK_EQ(csr_read(vsepc), (uint64_t)g_lr_then_time + 4);  /* as the VS handler left it */
    CHECK_EQ(csr_read(vstval), odd);
    CHECK_EQ(csr_read(scause), 0x5a);
    CHECK(IN_V(back));
    EXPECT_HTRAP('V', CAUSE_MISALIGNED_LOAD, odd, back = run_in_v(PRV_U, g_lr_then_time, odd));
    CHECK_EQ(ht.status & MSTATUS_SPP, 0);
    CHECK(IN_V(back));
    /* hedeleg without medeleg does nothing: M. */
    csr_write(medeleg, 0);
    EXPECT_HTRAP('M', CAUSE_MISALIGNED_LOAD, odd, run_in_v(PRV_S, g_lr_then_time, odd));
    csr_write(hedeleg, 0);
    test_note("medeleg + hedeleg: taken in VS");

    /* ECALL: 10 from VS, 8 from VU; hedeleg bit 10 cannot be set. */
    EXPECT_HTRAP('M', CAUSE_VS_ECALL, 0, run_in_v(PRV_S, g_ecall, 0));
    EXPECT_HTRAP('M', CAUSE_USER_ECALL, 0, run_in_v(PRV_U, g_ecall, 0));
    csr_write(medeleg, 1UL << CAUSE_VS_ECALL);
    EXPECT_HTRAP('S', CAUSE_VS_ECALL, 0, run_in_v(PRV_S, g_ecall, 0));
    CHECK(ht.hstatus & HSTATUS_SPV);
    csr_write(hedeleg, 1UL << CAUSE_VS_ECALL);
    CHECK_EQ(csr_read(hedeleg), 0);
    EXPECT_HTRAP('S', CAUSE_VS_ECALL, 0, run_in_v(PRV_S, g_ecall, 0));
    csr_write(medeleg, 0);
    test_note("ecall from VS = 10, from VU = 8");

    /* Guest-page fault: GVA = 1 and the GPA >> 2 in mtval2 / htval; mtinst/htinst hold 0 or the
       transformed load (rs1 cleared). */
    uint64_t *groot = g_root(0);
    g_identity(groot);
    csr_write(hgatp, hgatp_sv39x4(groot, 1));
    HFENCE_ALL();
    EXPECT_HTRAP('M', CAUSE_LOAD_GUEST_PAGE_FAULT, GPA_UNMAPPED, run_in_v(PRV_S, g_ld, GPA_UNMAPPED));
    CHECK_EQ(ht.status & (MSTATUS_MPV | MSTATUS_GVA), MSTATUS_MPV | MSTATUS_GVA);
    CHECK_EQ(ht.tval2, GPA_UNMAPPED >> 2);
    CHECK(ht.tinst == 0 || ht.tinst == (LD_A0_A0 & ~(0x1fu << 15)));
    csr_write(medeleg, 1UL << CAUSE_LOAD_GUEST_PAGE_FAULT);
    EXPECT_HTRAP('S', CAUSE_LOAD_GUEST_PAGE_FAULT, GPA_UNMAPPED, run_in_v(PRV_S, g_ld, GPA_UNMAPPED));
    CHECK_EQ(ht.hstatus & (HSTATUS_SPV | HSTATUS_SPVP | HSTATUS_GVA), HSTATUS_SPV | HSTATUS_SPVP | HSTATUS_GVA);
    CHECK_EQ(ht.tval2, GPA_UNMAPPED >> 2);
    CHECK(ht.tinst == 0 || ht.tinst == (LD_A0_A0 & ~(0x1fu << 15)));
    csr_write(medeleg, 0);
    csr_write(hgatp, 0);
    test_note("guest-page fault: GVA, mtval2/htval = GPA >> 2");
    return 0;
}
