/* Sstc for guests: with menvcfg.STCE and henvcfg.STCE set, vstimecmp (0x24D) drives hip.VSTIP
   (pending while time + htimedelta >= vstimecmp), delivered to VS as a timer interrupt (scause 5)
   when hideleg delegates it; the guest reaches vstimecmp through the stimecmp number (0x14D) and
   clears the interrupt by writing a future compare value. No timer values are printed. */
#include "hyp.h"

#define MENVCFG_STCE (1UL << 63)
GUEST_INSN(g_swap_stimecmp, CSRRW_A0(0x14d))

static uint64_t g_spin(uint64_t n)
{
    for (volatile uint64_t i = 0; i < n; i++) {
    }
    return 0;
}

int main(void)
{
    hyp_init();
    csr_set(menvcfg, MENVCFG_STCE);
    csr_set(henvcfg, MENVCFG_STCE);
    csr_write(mcounteren, 7);
    csr_write(hcounteren, 7);
    csr_write(htimedelta, 0);

    csr_write(0x24d, ~0UL);   /* vstimecmp: far future */
    CHECK_EQ(csr_read(hip) & MIP_VSTIP, 0);
    csr_write(0x24d, 0);
    CHECK_EQ(csr_read(hip) & MIP_VSTIP, MIP_VSTIP);
    CHECK_EQ(csr_read(0x24d), 0);
    /* The compare is against time + htimedelta: a value far ahead of time is reached with a big
       enough delta (vstimecmp written after htimedelta: QEMU 7.2 re-evaluates only then, see
       test_h_vstimecmp_delta). */
    csr_write(0x24d, 1UL << 60);
    CHECK_EQ(csr_read(hip) & MIP_VSTIP, 0);
    csr_write(htimedelta, 1UL << 60);
    csr_write(0x24d, 1UL << 60);
    CHECK_EQ(csr_read(hip) & MIP_VSTIP, MIP_VSTIP);
    csr_write(htimedelta, 0);
    csr_write(0x24d, 1UL << 60);
    CHECK_EQ(csr_read(hip) & MIP_VSTIP, 0);
    test_note("vstimecmp drives hip.VSTIP, with htimedelta");

    /* The guest sees stimecmp = vstimecmp; taken in VS as interrupt 5. */
    csr_write(0x24d, ~0UL);
    CHECK_EQ(run_in_v(PRV_S, g_swap_stimecmp, 0x1234), ~0UL);
    CHECK_EQ(csr_read(0x24d), 0x1234);
    csr_write(hideleg, MIP_VSTIP);
    csr_write(hie, MIP_VSTIP);
    csr_set(vsstatus, MSTATUS_SIE);
    csr_write(0x24d, 0);
    EXPECT_HTRAP('V', CAUSE_INTERRUPT | IRQ_S_TIMER, 0, run_in_v(PRV_S, g_spin, 200));
    csr_write(hie, 0);
    run_in_v(PRV_S, g_swap_stimecmp, ~0UL);
    CHECK_EQ(csr_read(hip) & MIP_VSTIP, 0);
    test_note("guest stimecmp is vstimecmp; VS timer interrupt 5");
    return 0;
}
