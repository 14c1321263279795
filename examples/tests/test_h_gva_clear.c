/* mstatus.GVA / hstatus.GVA are written on every trap from V = 1: 1 only when the trap writes a
   guest-virtual address to mtval/stval, 0 for any other trap (priv spec, H extension, mstatus
   and hstatus GVA fields).
   QEMU-DIFF: QEMU 7.2 sets mstatus.GVA for any trap from V = 1 with a nonzero mtval (an illegal
   instruction's bits) and never clears it, and leaves it 0 for faults of HLV/HSV executed with
   V = 0, whose mtval is a guest-virtual address too. */
#include "hyp.h"

#define ILLEGAL_WORD 0x30002573u   /* csrr a0, mstatus */
GUEST_INSN(g_illegal, ILLEGAL_WORD)
GUEST_INSN(g_ld, 0x00053503u)      /* ld a0, 0(a0) */

int main(void)
{
    hyp_init();
    EXPECT_HTRAP('M', CAUSE_ILLEGAL_INSTRUCTION, ILLEGAL_WORD, run_in_v(PRV_S, g_illegal, 0));
    CHECK_EQ(ht.status & (MSTATUS_MPV | MSTATUS_GVA), MSTATUS_MPV);   // QEMU-DIFF: QEMU sets GVA
    test_note("illegal instruction from VS: mstatus.GVA = 0");

    uint64_t *groot = g_root(0);
    g_identity(groot);
    csr_write(hgatp, hgatp_sv39x4(groot, 1));
    HFENCE_ALL();
    EXPECT_HTRAP('M', CAUSE_LOAD_GUEST_PAGE_FAULT, 0x40000000UL, run_in_v(PRV_S, g_ld, 0x40000000UL));
    CHECK(ht.status & MSTATUS_GVA);
    /* The next non-address trap clears it again. */
    EXPECT_HTRAP('M', CAUSE_ILLEGAL_INSTRUCTION, ILLEGAL_WORD, run_in_v(PRV_S, g_illegal, 0));
    CHECK_EQ(ht.status & MSTATUS_GVA, 0);                             // QEMU-DIFF
    test_note("mstatus.GVA cleared by the next non-address trap");

    /* HLV from M (V = 0): its guest-page fault also carries a guest-virtual address. */
    csr_clear(mstatus, MSTATUS_GVA);
    EXPECT_HTRAP('M', CAUSE_LOAD_GUEST_PAGE_FAULT, 0x40000008UL, HLV("hlv.d", 0x40000008UL));
    CHECK_EQ(ht.status & (MSTATUS_MPV | MSTATUS_GVA), MSTATUS_GVA);   // QEMU-DIFF: QEMU leaves GVA = 0
    test_note("HLV fault from M: mstatus.GVA = 1, MPV = 0");

    csr_write(medeleg, (1UL << CAUSE_LOAD_GUEST_PAGE_FAULT) | (1UL << CAUSE_ILLEGAL_INSTRUCTION));
    EXPECT_HTRAP('S', CAUSE_LOAD_GUEST_PAGE_FAULT, 0x40000000UL, run_in_v(PRV_S, g_ld, 0x40000000UL));
    CHECK(ht.hstatus & HSTATUS_GVA);
    EXPECT_HTRAP('S', CAUSE_ILLEGAL_INSTRUCTION, ILLEGAL_WORD, run_in_v(PRV_S, g_illegal, 0));
    CHECK_EQ(ht.hstatus & HSTATUS_GVA, 0);
    csr_write(medeleg, 0);
    test_note("hstatus.GVA follows the trap into HS");
    return 0;
}
