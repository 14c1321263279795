/* medeleg[11] (environment call from M-mode) is read-only zero: an ecall from M can never be
   handled below M.
   QEMU-DIFF: QEMU 7.2 lets the bit be written to 1; see qemu-known-diffs.txt. */
#include "test.h"

int main(void)
{
    csr_write(medeleg, 1UL << CAUSE_MACHINE_ECALL);
    uint64_t medeleg = csr_read(medeleg);
    csr_write(medeleg, 0);
    CHECK_EQ(medeleg, 0);
    return 0;
}
