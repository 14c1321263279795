/* hip.VSTIP follows (time + htimedelta) >= vstimecmp at all times, so changing htimedelta alone
   raises or clears it (Sstc extension: the VS timer interrupt is pending whenever time +
   htimedelta is at or past vstimecmp; the comparison is continuous, not sampled on writes).
   QEMU-DIFF: QEMU 7.2 re-evaluates VSTIP only when vstimecmp is written. */
#include "hyp.h"

#define MENVCFG_STCE (1UL << 63)

int main(void)
{
    csr_set(menvcfg, MENVCFG_STCE);
    csr_set(henvcfg, MENVCFG_STCE);
    csr_write(htimedelta, 0);
    csr_write(0x24d, 1UL << 60);
    CHECK_EQ(csr_read(hip) & MIP_VSTIP, 0);
    csr_write(htimedelta, 1UL << 60);
    CHECK_EQ(csr_read(hip) & MIP_VSTIP, MIP_VSTIP);   // QEMU-DIFF: still 0
    test_note("raising htimedelta sets VSTIP");
    csr_write(htimedelta, 0);
    CHECK_EQ(csr_read(hip) & MIP_VSTIP, 0);
    test_note("lowering it clears VSTIP");
    return 0;
}
