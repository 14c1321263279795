/* bench_int's workload (bench_int.c, unchanged; or BENCH_WORKLOAD, such as bench_mix.c) run as a VS-mode guest with two-stage translation
   on: M (firmware: PMP, delegation) enters HS at hs_main, which turns on hgatp (Sv39x4, 4 KiB
   G-stage leaves over the guest's RAM) and vsatp (Sv39, 2 MiB leaves) and enters VS with sret.
   The guest prints the same checksum line (its instruction count read from `instret`, enabled by
   mcounteren/hcounteren) and leaves through an ecall that HS takes (cause 10). Build with
   -DBENCH_SMALL for the small variant. GVA = GPA = HPA numerically, so the guest runs the image as
   linked; every access still goes through both stages. */
#include "hyp.h"

/* The guest cannot read minstret: read instret instead (the two-level macro lets `minstret`
   expand before it is stringified). */
#undef csr_read
#define csr_read_(csr) ({ uint64_t _v; __asm__ volatile("csrr %0, " #csr : "=r"(_v)); _v; })
#define csr_read(csr) csr_read_(csr)
#define minstret instret
#ifndef BENCH_WORKLOAD
#define BENCH_WORKLOAD "bench_int.c"   /* the Makefile builds bench_mix's variant with this set */
#endif
#define main bench_workload
#include BENCH_WORKLOAD
#undef main
#undef minstret

#define GUEST_RAM   0x80000000UL
#define GUEST_RAM_SIZE 0x400000UL   /* 4 MiB: image, data, stacks, tables */

/* HS -> VS entry and the one-shot exit back (hs_exit_vector is stvec while the guest runs). */
uint64_t hs_enter_guest(uint64_t (*fn)(void));
__asm__(
    ".text\n.balign 4\n.globl hs_enter_guest\nhs_enter_guest:\n"
    "  la t0, hs_ctx\n"
    "  sd ra, 0(t0)\n  sd sp, 8(t0)\n  sd s0, 16(t0)\n  sd s1, 24(t0)\n  sd s2, 32(t0)\n  sd s3, 40(t0)\n"
    "  sd s4, 48(t0)\n  sd s5, 56(t0)\n  sd s6, 64(t0)\n  sd s7, 72(t0)\n  sd s8, 80(t0)\n  sd s9, 88(t0)\n"
    "  sd s10, 96(t0)\n  sd s11, 104(t0)\n  sd gp, 112(t0)\n  sd tp, 120(t0)\n"
    "  csrr t1, stvec\n  sd t1, 128(t0)\n"
    "  la t1, hs_exit_vector\n  csrw stvec, t1\n"
    "  li t1, 1 << 7\n  csrs hstatus, t1\n"      /* SPV = 1 */
    "  li t1, 1 << 8\n  csrs sstatus, t1\n"      /* SPP = 1: VS */
    "  csrw sepc, a0\n"
    "  la ra, guest_exit\n"
    "  sret\n"
    ".balign 4\nguest_exit:\n  ecall\n1: j 1b\n"
    ".balign 4\nhs_exit_vector:\n"
    "  la t0, hs_ctx\n"
    "  ld ra, 0(t0)\n  ld sp, 8(t0)\n  ld s0, 16(t0)\n  ld s1, 24(t0)\n  ld s2, 32(t0)\n  ld s3, 40(t0)\n"
    "  ld s4, 48(t0)\n  ld s5, 56(t0)\n  ld s6, 64(t0)\n  ld s7, 72(t0)\n  ld s8, 80(t0)\n  ld s9, 88(t0)\n"
    "  ld s10, 96(t0)\n  ld s11, 104(t0)\n  ld gp, 112(t0)\n  ld tp, 120(t0)\n"
    "  ld t1, 128(t0)\n  csrw stvec, t1\n"
    "  csrr t1, scause\n  la t0, hs_exit_cause\n  sd t1, 0(t0)\n"
    "  ret\n");
uint64_t hs_ctx[17];
volatile uint64_t hs_exit_cause;

static uint64_t *groot, *vsroot;

static uint64_t guest_main(void)
{
    return (uint64_t)bench_workload();
}

/* HS: the hypervisor part. */
static uint64_t hs_main(uint64_t unused)
{
    csr_write(hgatp, hgatp_sv39x4(groot, 1));
    HFENCE_GVMA(0, 0);
    csr_write(vsatp, vm_satp(vsroot, 3));
    HFENCE_VVMA(0, 0);
    csr_write(hcounteren, 7);
    uint64_t rc = hs_enter_guest(guest_main);
    if (hs_exit_cause != CAUSE_VS_ECALL) {
        return 0x100 + hs_exit_cause;
    }
    return rc;
}

int main(void)
{
    hyp_init();
    /* G-stage: MMIO as one 1 GiB leaf, guest RAM as 4 KiB leaves. */
    groot = g_root(0);
    g_map(groot, 0, 0, 2, PTE_LEAF_AD | PTE_U | PTE_R | PTE_W);
    for (uint64_t off = 0; off < GUEST_RAM_SIZE; off += PAGE_SIZE) {
        g_map(groot, GUEST_RAM + off, GUEST_RAM + off, 0, PTE_LEAF_AD | PTE_U | PTE_RWX);
    }
    /* VS-stage: MMIO 1 GiB leaf, RAM as 2 MiB leaves. */
    vsroot = vm_new_table();
    vm_map(vsroot, 3, 0, 0, 2, PTE_LEAF_AD | PTE_R | PTE_W);
    for (uint64_t off = 0; off < GUEST_RAM_SIZE; off += 0x200000UL) {
        vm_map(vsroot, 3, GUEST_RAM + off, GUEST_RAM + off, 1, PTE_LEAF_AD | PTE_RWX);
    }
    csr_write(mcounteren, 7);
    csr_write(scounteren, 7);
    csr_write(medeleg, 1UL << CAUSE_VS_ECALL);
    uint64_t rc = run_in_mode(PRV_S, hs_main, 0);
    csr_write(medeleg, 0);
    return (int)rc;
}
