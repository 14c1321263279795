/* Interrupts: machine timer (CLINT mtimecmp/mtime), machine software (CLINT msip), supervisor
   software through mip.SSIP with and without mideleg, wfi wake-up with interrupts globally
   disabled, vectored mtvec, MSI before MTI when both are pending, and M-level interrupts before
   delegated S-level ones while running in S. */
#include "test.h"

static volatile uint64_t order[8];
static volatile int taken;

static void record(uint64_t cause)
{
    if (taken < 8) {
        order[taken] = cause;
    }
    taken++;
}

/* Clears each interrupt's source so it is taken once. */
static int irq_handler(struct trap_frame *f, int level)
{
    if ((f->cause & CAUSE_INTERRUPT) == 0) {
        return 0;
    }
    CHECK_EQ(f->tval, 0);
    uint64_t irq = f->cause & ~CAUSE_INTERRUPT;
    record(f->cause | ((uint64_t)level << 8));
    if (level == 'S') {
        CHECK_EQ(irq, IRQ_S_SOFT);
        csr_clear(sip, MIP_SSIP);
        return 1;
    }
    switch (irq) {
    case IRQ_M_SOFT:
        *CLINT_MSIP = 0;
        break;
    case IRQ_M_TIMER:
        *CLINT_MTIMECMP = ~0UL;
        break;
    case IRQ_S_SOFT:
        csr_clear(mip, MIP_SSIP);
        break;
    default:
        return 0;
    }
    return 1;
}

/* Vectored mtvec: exceptions use entry 0, interrupt n entry n (base + 4n). The stubs for MSI and
   MTI leave their number in sscratch (restored by s_trap_init afterwards) and continue into the
   common trap entry. */
__asm__(".text\n"
        ".option push\n.option norvc\n"
        ".balign 256\n"
        ".globl vector_table\n"
        "vector_table:\n"
        "  j m_trap_entry\n"          /* 0: exceptions */
        "  j m_trap_entry\n"          /* 1 */
        "  j m_trap_entry\n"          /* 2 */
        "  j vector_stub3\n"          /* 3: MSI */
        "  j m_trap_entry\n"          /* 4 */
        "  j m_trap_entry\n"          /* 5 */
        "  j m_trap_entry\n"          /* 6 */
        "  j vector_stub7\n"          /* 7: MTI */
        "vector_stub3:\n  csrwi sscratch, 3\n  j m_trap_entry\n"
        "vector_stub7:\n  csrwi sscratch, 7\n  j m_trap_entry\n"
        ".option pop\n");
extern char vector_table[];

#define M_IRQ(n) (CAUSE_INTERRUPT | (n) | ((uint64_t)'M' << 8))
#define S_IRQ(n) (CAUSE_INTERRUPT | (n) | ((uint64_t)'S' << 8))

static void reset_record(void)
{
    taken = 0;
    for (int i = 0; i < 8; i++) {
        order[i] = 0;
    }
}

static uint64_t s_spin_until_taken(uint64_t n)
{
    for (int i = 0; i < 100000 && taken < (int)n; i++) {
    }
    return (uint64_t)taken;
}

int main(void)
{
    trap_set_handler(irq_handler);
    s_trap_init();

    /* Reset value of mtimecmp is 0 on QEMU's virt, so MTIP is already pending;
       moving mtimecmp into the future clears it. */
    *CLINT_MTIMECMP = ~0UL;
    CHECK_EQ(csr_read(mip) & MIP_MTIP, 0);

    /* Machine timer: fires once mtime >= mtimecmp; wfi waits for it. */
    reset_record();
    uint64_t start = *CLINT_MTIME;
    *CLINT_MTIMECMP = start + 1000;                 /* 100 us at the 10 MHz timebase */
    csr_write(mie, MIP_MTIP);
    csr_set(mstatus, MSTATUS_MIE);
    while (taken == 0) {
        __asm__ volatile("wfi");
    }
    csr_clear(mstatus, MSTATUS_MIE);
    CHECK_EQ(taken, 1);
    CHECK_EQ(order[0], M_IRQ(IRQ_M_TIMER));
    CHECK(*CLINT_MTIME >= start + 1000);
    CHECK_EQ(csr_read(mip) & MIP_MTIP, 0);
    /* The trap set MPIE from MIE (1) and mret restored MIE. */
    test_note("machine timer ok");

    /* Machine software interrupt through the CLINT's msip register. */
    reset_record();
    csr_write(mie, MIP_MSIP);
    *CLINT_MSIP = 1;
    CHECK_EQ(csr_read(mip) & MIP_MSIP, MIP_MSIP);
    csr_set(mstatus, MSTATUS_MIE);
    __asm__ volatile("nop");
    csr_clear(mstatus, MSTATUS_MIE);
    CHECK_EQ(taken, 1);
    CHECK_EQ(order[0], M_IRQ(IRQ_M_SOFT));
    CHECK_EQ(csr_read(mip) & MIP_MSIP, 0);
    test_note("machine software ok");

    /* wfi wakes up on a pending enabled interrupt even with mstatus.MIE = 0, without a trap. */
    reset_record();
    *CLINT_MTIMECMP = *CLINT_MTIME + 500;
    csr_write(mie, MIP_MTIP);
    while ((csr_read(mip) & MIP_MTIP) == 0) {
        __asm__ volatile("wfi");
    }
    CHECK_EQ(taken, 0);
    *CLINT_MTIMECMP = ~0UL;
    test_note("wfi wake-up ok");

    /* Supervisor software interrupt, not delegated: M takes it (cause 1) when mie.SSIE. */
    reset_record();
    csr_write(mie, MIP_SSIP);
    csr_set(mip, MIP_SSIP);
    csr_set(mstatus, MSTATUS_MIE);
    __asm__ volatile("nop");
    csr_clear(mstatus, MSTATUS_MIE);
    CHECK_EQ(taken, 1);
    CHECK_EQ(order[0], M_IRQ(IRQ_S_SOFT));

    /* Delegated through mideleg: never taken in M ... */
    reset_record();
    csr_write(mideleg, MIP_SSIP);
    csr_set(mip, MIP_SSIP);
    csr_set(mstatus, MSTATUS_MIE | MSTATUS_SIE);
    __asm__ volatile("nop");
    CHECK_EQ(taken, 0);
    /* ... taken by S when running in S with SIE = 1 ... */
    CHECK_EQ(run_in_mode(PRV_S, s_spin_until_taken, 1), 1);
    CHECK_EQ(order[0], S_IRQ(IRQ_S_SOFT));
    CHECK_EQ(csr_read(mip) & MIP_SSIP, 0);
    /* ... not taken in S with SIE = 0 ... */
    reset_record();
    csr_clear(mstatus, MSTATUS_SIE);
    csr_set(mip, MIP_SSIP);
    CHECK_EQ(run_in_mode(PRV_S, s_spin_until_taken, 1), 0);
    /* ... but taken in U regardless of SIE (U is below S). */
    CHECK_EQ(run_in_mode(PRV_U, s_spin_until_taken, 1), 1);
    CHECK_EQ(order[0], S_IRQ(IRQ_S_SOFT));
    csr_clear(mstatus, MSTATUS_MIE);
    csr_write(mideleg, 0);
    test_note("supervisor software ok");

    /* Priority: with MSI and MTI pending together, M takes MSI first. (The full spec order
       MEI > MSI > MTI > SEI > SSI > STI is in test_interrupt_priority: QEMU 7.2 without AIA takes
       the lowest-numbered pending interrupt first.) */
    reset_record();
    csr_write(mie, MIP_MSIP | MIP_MTIP);
    *CLINT_MSIP = 1;
    *CLINT_MTIMECMP = 0;
    CHECK_EQ(csr_read(mip) & (MIP_MSIP | MIP_MTIP), MIP_MSIP | MIP_MTIP);
    csr_set(mstatus, MSTATUS_MIE);
    __asm__ volatile("nop");
    csr_clear(mstatus, MSTATUS_MIE);
    CHECK_EQ(taken, 2);
    CHECK_EQ(order[0], M_IRQ(IRQ_M_SOFT));
    CHECK_EQ(order[1], M_IRQ(IRQ_M_TIMER));

    /* Running in S with a machine timer and a delegated SSI pending: the M-level interrupt is
       taken first (to M, whatever mstatus.MIE says, since S < M), then the S-level one. */
    reset_record();
    csr_write(mie, MIP_MTIP | MIP_SSIP);
    csr_write(mideleg, MIP_SSIP);
    csr_set(mip, MIP_SSIP);
    csr_clear(mstatus, MSTATUS_MIE);
    csr_set(mstatus, MSTATUS_SIE);
    *CLINT_MTIMECMP = 0;
    CHECK_EQ(run_in_mode(PRV_S, s_spin_until_taken, 2), 2);
    CHECK_EQ(order[0], M_IRQ(IRQ_M_TIMER));
    CHECK_EQ(order[1], S_IRQ(IRQ_S_SOFT));
    csr_clear(mstatus, MSTATUS_SIE);
    csr_write(mideleg, 0);
    csr_write(mie, 0);
    test_note("priority ok");

    /* Vectored mode: the timer enters at base + 4*7, the software interrupt at base + 4*3. */
    uint64_t direct = csr_read(mtvec);
    csr_write(mtvec, (uint64_t)vector_table | 1);
    CHECK_EQ(csr_read(mtvec), (uint64_t)vector_table | 1);
    reset_record();
    csr_write(sscratch, 0);
    csr_write(mie, MIP_MTIP);
    *CLINT_MTIMECMP = 0;
    csr_set(mstatus, MSTATUS_MIE);
    __asm__ volatile("nop");
    csr_clear(mstatus, MSTATUS_MIE);
    CHECK_EQ(taken, 1);
    CHECK_EQ(csr_read(sscratch), 7);
    csr_write(mie, MIP_MSIP);
    *CLINT_MSIP = 1;
    csr_set(mstatus, MSTATUS_MIE);
    __asm__ volatile("nop");
    csr_clear(mstatus, MSTATUS_MIE);
    CHECK_EQ(taken, 2);
    CHECK_EQ(csr_read(sscratch), 3);
    /* Exceptions still use the base address. */
    csr_write(sscratch, 0);
    EXPECT_TRAP(CAUSE_BREAKPOINT, 0, __asm__ volatile("ebreak"));
    CHECK_EQ(csr_read(sscratch), 0);
    csr_write(mtvec, direct);
    csr_write(mie, 0);
    s_trap_init();
    test_note("vectored mtvec ok");
    return 0;
}
