/* Hardware A/D updates in both stages (as QEMU does): a VS-mode load through a VS leaf and a
   G-stage leaf with A = D = 0 sets A in both; a store sets D in both. */
#include "hyp.h"

#define GVA 0x40000000UL
#define GPA 0x100000000UL
static uint64_t page_a[512] __attribute__((aligned(4096)));
static uint64_t g_load(uint64_t va) { return *(volatile uint64_t *)va; }
static uint64_t g_store(uint64_t va) { *(volatile uint64_t *)va = 0xd0d0; return 0; }

int main(void)
{
    hyp_init();
    page_a[3] = 0xa3;
    uint64_t *groot = g_root(0);
    g_identity(groot);
    g_map(groot, GPA, (uint64_t)page_a, 0, PTE_V | PTE_R | PTE_W | PTE_U);
    g_map(groot, GPA + PAGE_SIZE, (uint64_t)page_a, 0, PTE_V | PTE_R | PTE_W | PTE_U);
    csr_write(hgatp, hgatp_sv39x4(groot, 1));
    uint64_t *vsroot = vm_new_table();
    vs_identity(vsroot);
    vm_map(vsroot, 3, GVA, GPA, 0, PTE_V | PTE_R | PTE_W);
    vm_map(vsroot, 3, GVA + PAGE_SIZE, GPA + PAGE_SIZE, 0, PTE_V | PTE_R | PTE_W);
    csr_write(vsatp, vm_satp(vsroot, 3));
    HFENCE_ALL();
    volatile uint64_t *vpte = vm_pte(vsroot, 3, GVA, 0), *gpte = g_pte(groot, GPA, 0);
    volatile uint64_t *vpte2 = vm_pte(vsroot, 3, GVA + PAGE_SIZE, 0), *gpte2 = g_pte(groot, GPA + PAGE_SIZE, 0);

    CHECK_EQ(run_in_v(PRV_S, g_load, GVA + 24), 0xa3);
    CHECK_EQ(*vpte & (PTE_A | PTE_D), PTE_A);
    CHECK_EQ(*gpte & (PTE_A | PTE_D), PTE_A);
    test_note("load sets A in the VS and G-stage leaves");
    run_in_v(PRV_S, g_store, GVA + 32);
    CHECK_EQ(page_a[4], 0xd0d0);
    CHECK_EQ(*vpte & (PTE_A | PTE_D), PTE_A | PTE_D);
    CHECK_EQ(*gpte & (PTE_A | PTE_D), PTE_A | PTE_D);
    /* A first access that is a store sets A and D together. */
    run_in_v(PRV_S, g_store, GVA + PAGE_SIZE + 40);
    CHECK_EQ(*vpte2 & (PTE_A | PTE_D), PTE_A | PTE_D);
    CHECK_EQ(*gpte2 & (PTE_A | PTE_D), PTE_A | PTE_D);
    test_note("store sets D in the VS and G-stage leaves");
    csr_write(vsatp, 0);
    csr_write(hgatp, 0);
    return 0;
}
