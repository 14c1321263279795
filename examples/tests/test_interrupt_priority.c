/* Priority among machine-level interrupts pending at the same time: the privileged spec orders
   them MEI > MSI > MTI > SEI > SSI > STI. With MSI, MTI and (non-delegated) SSI pending, M must
   take MSI, then MTI, then SSI.
   QEMU-DIFF: QEMU 7.2 without AIA takes the lowest-numbered pending interrupt first (SSI before
   MSI); see qemu-known-diffs.txt. */
#include "test.h"

static volatile uint64_t order[4];
static volatile int taken;

static int irq_handler(struct trap_frame *f, int level)
{
    if ((f->cause & CAUSE_INTERRUPT) == 0) {
        return 0;
    }
    uint64_t irq = f->cause & ~CAUSE_INTERRUPT;
    if (taken < 4) {
        order[taken] = irq;
    }
    taken++;
    if (irq == IRQ_M_SOFT) {
        *CLINT_MSIP = 0;
    } else if (irq == IRQ_M_TIMER) {
        *CLINT_MTIMECMP = ~0UL;
    } else if (irq == IRQ_S_SOFT) {
        csr_clear(mip, MIP_SSIP);
    } else {
        return 0;
    }
    return 1;
}

int main(void)
{
    trap_set_handler(irq_handler);
    csr_write(mie, MIP_MSIP | MIP_MTIP | MIP_SSIP);
    csr_set(mip, MIP_SSIP);
    *CLINT_MSIP = 1;
    *CLINT_MTIMECMP = 0;
    CHECK_EQ(csr_read(mip) & (MIP_MSIP | MIP_MTIP | MIP_SSIP), MIP_MSIP | MIP_MTIP | MIP_SSIP);
    csr_set(mstatus, MSTATUS_MIE);
    __asm__ volatile("nop");
    csr_clear(mstatus, MSTATUS_MIE);
    CHECK_EQ(taken, 3);
    CHECK_EQ(order[0], IRQ_M_SOFT);
    CHECK_EQ(order[1], IRQ_M_TIMER);
    CHECK_EQ(order[2], IRQ_S_SOFT);
    return 0;
}
