/* Exceptions delegated to VS keep their cause: an illegal instruction (2) and a misaligned
   store/AMO (6) read as vscause 2 and 6. Only VS *interrupts* are renumbered (VSSI 2 -> 1, VSTI
   6 -> 5, VSEI 10 -> 9) when taken in VS (priv spec, H extension, "Trap Cause Codes" and "Virtual
   Supervisor Interrupt Registers").
   QEMU-DIFF: QEMU 7.2 subtracts one from any delegated cause equal to 2, 6 or 10, exceptions
   included, so an illegal instruction arrives in VS as cause 1 and a misaligned AMO as 5. */
#include "hyp.h"

#define ILLEGAL_WORD 0x30002573u   /* csrr a0, mstatus */
GUEST_INSN(g_illegal, ILLEGAL_WORD)
GUEST_INSN(g_amoadd, 0x00a5352fu)  /* amoadd.d a0, a0, (a0) */

static uint64_t target[2];

int main(void)
{
    hyp_init();
    csr_write(medeleg, (1UL << CAUSE_ILLEGAL_INSTRUCTION) | (1UL << CAUSE_MISALIGNED_STORE));
    csr_write(hedeleg, (1UL << CAUSE_ILLEGAL_INSTRUCTION) | (1UL << CAUSE_MISALIGNED_STORE));
    EXPECT_HTRAP('V', CAUSE_ILLEGAL_INSTRUCTION, ILLEGAL_WORD, run_in_v(PRV_S, g_illegal, 0)); // QEMU-DIFF
    CHECK_EQ(csr_read(vscause), CAUSE_ILLEGAL_INSTRUCTION);
    test_note("illegal instruction in VS: vscause = 2");
    uint64_t odd = (uint64_t)target + 4;
    EXPECT_HTRAP('V', CAUSE_MISALIGNED_STORE, odd, run_in_v(PRV_S, g_amoadd, odd));            // QEMU-DIFF
    CHECK_EQ(csr_read(vscause), CAUSE_MISALIGNED_STORE);
    test_note("misaligned AMO in VS: vscause = 6");
    csr_write(medeleg, 0);
    csr_write(hedeleg, 0);
    return 0;
}
