#include "hyp.h"

volatile struct hyp_trap ht;

static volatile int armed, met;
static volatile uint64_t want_cause;
static uint8_t vs_stack[4096] __attribute__((aligned(16)));
static uint64_t g_roots[2][2048] __attribute__((aligned(16384)));

extern char run_return[], run_return_ecall[], run_forward_ecall[];

void hyp_expect(uint64_t cause)
{
    want_cause = cause;
    met = 0;
    armed = 1;
}

int hyp_consumed(void)
{
    int m = met;
    armed = 0;
    met = 0;
    return m;
}

static int is_fetch_fault(uint64_t cause)
{
    return cause == CAUSE_FETCH_ACCESS || cause == CAUSE_FETCH_PAGE_FAULT || cause == CAUSE_FETCH_GUEST_PAGE_FAULT;
}

static void record(struct trap_frame *f, int level, uint64_t tval2, uint64_t tinst, uint64_t hstatus)
{
    ht.cause = f->cause;
    ht.epc = f->epc;
    ht.tval = f->tval;
    ht.tval2 = tval2;
    ht.tinst = tinst;
    ht.status = f->status;
    ht.hstatus = hstatus;
    ht.level = level;
    met = 1;
    if (f->cause & CAUSE_INTERRUPT) {
        return; /* the caller masks the source; the interrupted instruction runs again */
    }
    /* Resume after the faulting instruction; a fetch fault resumes at ra (after the call). */
    f->epc = is_fetch_fault(f->cause) ? f->x[1] : f->epc + (uint64_t)insn_length(f->epc);
}

/* Traps taken in M and HS (installed with trap_set_handler). */
static int hyp_handler(struct trap_frame *f, int level)
{
    if (f->cause == CAUSE_VS_ECALL && f->epc == (uint64_t)run_return_ecall) {
        /* End of run_in_v: continue the normal return path from M (or HS) with V = 0. */
        if (level == 'M') {
            csr_clear(mstatus, MSTATUS_MPV | MSTATUS_MPP);
            csr_set(mstatus, MSTATUS_MPP);
            f->epc = (uint64_t)run_return;
        } else {
            csr_clear(hstatus, HSTATUS_SPV);
            csr_set(sstatus, MSTATUS_SPP);
            f->epc = (uint64_t)run_forward_ecall;
        }
        return 1;
    }
    if (!armed || met || (f->cause != want_cause && want_cause != HYP_ANY_CAUSE)) {
        return 0;
    }
    if (level == 'M') {
        record(f, 'M', csr_read(mtval2), csr_read(mtinst), csr_read(hstatus));
        if (f->cause & CAUSE_INTERRUPT) {
            csr_clear(mie, 1UL << (f->cause & 63));
        }
    } else {
        record(f, 'S', csr_read(htval), csr_read(htinst), csr_read(hstatus));
        if (f->cause & CAUSE_INTERRUPT) {
            uint64_t bit = 1UL << (f->cause & 63);
            csr_clear(hvip, bit);
            csr_clear(sie, bit);
        }
    }
    return 1;
}

/* Traps taken in VS (vstvec). Runs in VS: only S-CSR numbers (the VS CSRs) are used. */
void vs_trap_dispatch(struct trap_frame *f)
{
    if (armed && !met && (f->cause == want_cause || want_cause == HYP_ANY_CAUSE)) {
        record(f, 'V', 0, 0, 0);
        if (f->cause & CAUSE_INTERRUPT) {
            /* VS interrupt codes are the S ones here; VS cannot clear hvip, so mask it. */
            csr_clear(sie, 1UL << (f->cause & 63));
            csr_clear(sip, 1UL << (f->cause & 63));
        }
        return;
    }
    uart_puts(test_name);
    uart_puts(": FAIL: unexpected trap in VS-mode: cause=");
    uart_puthex(f->cause);
    uart_puts(" epc=");
    uart_puthex(f->epc);
    uart_puts(" tval=");
    uart_puthex(f->tval);
    uart_putc('\n');
    finisher_fail(2);
}

void hyp_init(void)
{
    trap_set_handler(hyp_handler);
    s_trap_init();
    csr_write(vstvec, (uint64_t)vs_trap_entry);
    csr_write(vsscratch, (uint64_t)(vs_stack + sizeof vs_stack));
    csr_set(vsstatus, 1UL << MSTATUS_FS_SHIFT);
}

uint64_t run_in_v(unsigned mode, uint64_t (*fn)(uint64_t), uint64_t arg)
{
    csr_set(mstatus, MSTATUS_MPV);
    uint64_t r = run_in_mode(mode, fn, arg);
    /* A VU return ecall reaches M directly and leaves MPV = 1: never let it leak into run_in_mode. */
    csr_clear(mstatus, MSTATUS_MPV);
    return r;
}

uint64_t *g_root(int index)
{
    uint64_t *r = g_roots[index];
    for (int i = 0; i < 2048; i++) {
        r[i] = 0;
    }
    return r;
}

static volatile uint64_t *g_walk(uint64_t *root, int levels, uint64_t gpa, int level)
{
    int top = levels - 1;
    volatile uint64_t *pte = &root[(gpa >> (12 + 9 * top)) & 2047];
    for (int l = top - 1; l >= level; l--) {
        if ((*pte & PTE_V) == 0) {
            *pte = PTE_FROM_PA(vm_new_table(), PTE_V);
        }
        uint64_t *table = (uint64_t *)PA_FROM_PTE(*pte);
        pte = &table[(gpa >> (12 + 9 * l)) & 511];
    }
    return pte;
}

volatile uint64_t *g_pte(uint64_t *root, uint64_t gpa, int level)
{
    return g_walk(root, 3, gpa, level);
}

volatile uint64_t *g48_pte(uint64_t *root, uint64_t gpa, int level)
{
    return g_walk(root, 4, gpa, level);
}

void g48_map(uint64_t *root, uint64_t gpa, uint64_t hpa, int level, uint64_t flags)
{
    *g48_pte(root, gpa, level) = PTE_FROM_PA(hpa, flags);
}

uint64_t hgatp_sv48x4(uint64_t *root, uint64_t vmid)
{
    return (HGATP_MODE_SV48X4 << HGATP_MODE_SHIFT) | (vmid << HGATP_VMID_SHIFT) | ((uint64_t)root >> 12);
}

void g_map(uint64_t *root, uint64_t gpa, uint64_t hpa, int level, uint64_t flags)
{
    *g_pte(root, gpa, level) = PTE_FROM_PA(hpa, flags);
}

void g_identity(uint64_t *root)
{
    g_map(root, 0, 0, 2, PTE_LEAF_AD | PTE_U | PTE_R | PTE_W);
    g_map(root, 0x80000000UL, 0x80000000UL, 2, PTE_LEAF_AD | PTE_U | PTE_RWX);
}

uint64_t hgatp_sv39x4(uint64_t *root, uint64_t vmid)
{
    return (HGATP_MODE_SV39X4 << HGATP_MODE_SHIFT) | (vmid << HGATP_VMID_SHIFT) | ((uint64_t)root >> 12);
}

void vs_identity(uint64_t *root)
{
    vm_map(root, 3, 0, 0, 2, PTE_LEAF_AD | PTE_R | PTE_W);
    vm_map(root, 3, 0x80000000UL, 0x80000000UL, 2, PTE_LEAF_AD | PTE_RWX);
}
