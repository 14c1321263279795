/* VS-level interrupts injected through hvip: with hideleg delegating them they are taken in VS
   with the VS numbering (VSSI -> scause 1, VSTI -> 5, VSEI -> 9), enabled by vsie (hie) and, in
   VS-mode, vsstatus.SIE (always in VU); with hideleg clear they are taken in HS as interrupts
   2, 6, 10 whatever sstatus.SIE says. The VS handler clears VSSIP through sip. */
#include "hyp.h"

static uint64_t g_spin(uint64_t n)
{
    for (volatile uint64_t i = 0; i < n; i++) {
    }
    return 0;
}

static void take_in_vs(unsigned mode, uint64_t vsbit, uint64_t scode)
{
    csr_write(hvip, vsbit);
    csr_write(hie, vsbit);
    EXPECT_HTRAP('V', CAUSE_INTERRUPT | scode, 0, run_in_v(mode, g_spin, 200));
    CHECK_EQ(csr_read(hie), 0);   /* the handler masked it through sie */
    csr_write(hvip, 0);
}

static void take_in_hs(uint64_t vsbit)
{
    csr_write(hvip, vsbit);
    csr_write(hie, vsbit);
    EXPECT_HTRAP('S', CAUSE_INTERRUPT | (uint64_t)__builtin_ctzl(vsbit), 0, run_in_v(PRV_S, g_spin, 200));
    CHECK(ht.hstatus & HSTATUS_SPV);
    CHECK_EQ(csr_read(hvip), 0);  /* the HS handler cleared it */
    csr_write(hie, 0);
}

int main(void)
{
    hyp_init();
    csr_write(hideleg, MIP_VSSIP | MIP_VSTIP | MIP_VSEIP);
    csr_set(vsstatus, MSTATUS_SIE);
    take_in_vs(PRV_S, MIP_VSSIP, IRQ_S_SOFT);
    take_in_vs(PRV_S, MIP_VSTIP, IRQ_S_TIMER);
    take_in_vs(PRV_S, MIP_VSEIP, IRQ_S_EXT);
    test_note("delegated: taken in VS as 1, 5, 9");

    /* VSSIP cleared by the guest through sip. */
    csr_write(hvip, MIP_VSSIP);
    csr_write(hie, MIP_VSSIP);
    EXPECT_HTRAP('V', CAUSE_INTERRUPT | IRQ_S_SOFT, 0, run_in_v(PRV_S, g_spin, 200));
    CHECK_EQ(csr_read(hvip), 0);
    test_note("VS clears VSSIP through sip");

    /* vsstatus.SIE = 0 masks them in VS but not in VU. */
    csr_clear(vsstatus, MSTATUS_SIE);
    csr_write(hvip, MIP_VSTIP);
    csr_write(hie, MIP_VSTIP);
    hyp_expect(HYP_ANY_CAUSE);
    run_in_v(PRV_S, g_spin, 200);
    CHECK_EQ(hyp_consumed(), 0);
    EXPECT_HTRAP('V', CAUSE_INTERRUPT | IRQ_S_TIMER, 0, run_in_v(PRV_U, g_spin, 200));
    csr_write(hvip, 0);
    /* vsie (hie) clear: never taken. */
    csr_write(hvip, MIP_VSEIP);
    csr_write(hie, 0);
    hyp_expect(HYP_ANY_CAUSE);
    run_in_v(PRV_U, g_spin, 200);
    CHECK_EQ(hyp_consumed(), 0);
    csr_write(hvip, 0);
    test_note("vsstatus.SIE and vsie gate them");

    /* Not delegated: HS, codes 2, 6, 10, even with sstatus.SIE = 0. */
    csr_write(hideleg, 0);
    csr_clear(sstatus, MSTATUS_SIE);
    take_in_hs(MIP_VSSIP);
    take_in_hs(MIP_VSTIP);
    take_in_hs(MIP_VSEIP);
    test_note("not delegated: taken in HS as 2, 6, 10");
    return 0;
}
