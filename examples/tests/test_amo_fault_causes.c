/* Exception causes of AMOs and SC, as the unprivileged spec assigns them: a misaligned AMO or SC
   raises store/AMO address misaligned (6), an AMO to an unmapped address raises store/AMO access
   fault (7).
   QEMU-DIFF: QEMU 7.2 raises load address misaligned (4) / load access fault (5) for AMOs, and a
   misaligned SC without a reservation just fails without trapping; see qemu-known-diffs.txt. */
#include "test.h"

static volatile uint64_t word[2];

int main(void)
{
    uint64_t odd = (uint64_t)&word[0] + 4;
    EXPECT_TRAP(CAUSE_MISALIGNED_STORE, odd,
                __asm__ volatile("amoadd.d zero, zero, (%0)" : : "r"(odd) : "memory"));
    EXPECT_TRAP(CAUSE_MISALIGNED_STORE, odd + 1,
                __asm__ volatile("amoswap.w zero, zero, (%0)" : : "r"(odd + 1) : "memory"));
    EXPECT_TRAP(CAUSE_STORE_ACCESS, 0x90000000UL,
                __asm__ volatile("amoor.d zero, zero, (%0)" : : "r"(0x90000000UL) : "memory"));
    EXPECT_TRAP(CAUSE_MISALIGNED_STORE, odd + 2,
                __asm__ volatile("sc.w t0, zero, (%0)" : : "r"(odd + 2) : "t0", "memory"));
    return 0;
}
