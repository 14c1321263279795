/* mstatus.MPP is WARL and 2 is not a privilege mode (the privileged spec says software can
   probe modes by writing MPP and reading it back), so writing 2 must not read back 2.
   QEMU-DIFF: QEMU 7.2 stores the reserved value 2; see qemu-known-diffs.txt. */
#include "test.h"

int main(void)
{
    csr_clear(mstatus, MSTATUS_MPP);
    csr_set(mstatus, 2UL << MSTATUS_MPP_SHIFT);
    uint64_t mpp = (csr_read(mstatus) & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT;
    CHECK(mpp != 2);
    return 0;
}
