/* Superpages at either stage: a VS-stage 1 GiB leaf over G-stage 4 KiB leaves (the combined
   translation has 4 KiB granularity: neighbouring pages reach different host pages, an unmapped
   G-stage page inside the gigapage faults), a VS-stage 2 MiB leaf, and G-stage 2 MiB and 1 GiB
   leaves under VS 4 KiB pages; a misaligned G-stage 2 MiB leaf is a guest-page fault. */
#include "hyp.h"

#define GVA_GIGA 0x40000000UL       /* VS 1 GiB leaf -> GPA 0x1_0000_0000 */
#define GPA_GIGA 0x100000000UL
#define GVA_MEGA 0xc0200000UL       /* VS 2 MiB leaf -> GPA 0x1_0020_0000 */
#define GVA_SMALL 0xc0000000UL      /* VS 4 KiB leaves */
#define GPA_G2M  0x140000000UL      /* G-stage 2 MiB leaf -> HPA_2M */
#define GPA_G2MBAD 0x140200000UL    /* G-stage 2 MiB leaf with a misaligned PPN */
#define HPA_2M   0x81000000UL
#define GPA_G1G  0x180000000UL      /* G-stage 1 GiB leaf -> RAM at 0x8000_0000 */

static uint64_t page_a[512] __attribute__((aligned(4096)));
static uint64_t page_b[512] __attribute__((aligned(4096)));
static uint64_t g_load(uint64_t va) { return *(volatile uint64_t *)va; }

int main(void)
{
    hyp_init();
    for (int i = 0; i < 512; i++) {
        page_a[i] = 0xa000 + i;
        page_b[i] = 0xb000 + i;
    }
    *(volatile uint64_t *)(HPA_2M + 0x123450) = 0x2222;
    uint64_t *groot = g_root(0);
    g_identity(groot);
    g_map(groot, GPA_GIGA, (uint64_t)page_a, 0, PTE_LEAF_AD | PTE_U | PTE_R | PTE_W);
    g_map(groot, GPA_GIGA + PAGE_SIZE, (uint64_t)page_b, 0, PTE_LEAF_AD | PTE_U | PTE_R | PTE_W);
    g_map(groot, GPA_GIGA + 0x200000UL + 5 * PAGE_SIZE, (uint64_t)page_b, 0, PTE_LEAF_AD | PTE_U | PTE_R | PTE_W);
    g_map(groot, GPA_G2M, HPA_2M, 1, PTE_LEAF_AD | PTE_U | PTE_R | PTE_W);
    g_map(groot, GPA_G2MBAD, HPA_2M + PAGE_SIZE, 1, PTE_LEAF_AD | PTE_U | PTE_R | PTE_W);
    g_map(groot, GPA_G1G, 0x80000000UL, 2, PTE_LEAF_AD | PTE_U | PTE_R | PTE_W);
    csr_write(hgatp, hgatp_sv39x4(groot, 1));
    uint64_t *vsroot = vm_new_table();
    vs_identity(vsroot);
    vm_map(vsroot, 3, GVA_GIGA, GPA_GIGA, 2, PTE_LEAF_AD | PTE_R | PTE_W);
    vm_map(vsroot, 3, GVA_MEGA, GPA_GIGA + 0x200000UL, 1, PTE_LEAF_AD | PTE_R | PTE_W);
    vm_map(vsroot, 3, GVA_SMALL, GPA_G2M + 0x123000, 0, PTE_LEAF_AD | PTE_R | PTE_W);
    vm_map(vsroot, 3, GVA_SMALL + PAGE_SIZE, GPA_G1G + ((uint64_t)page_a - 0x80000000UL), 0, PTE_LEAF_AD | PTE_R | PTE_W);
    vm_map(vsroot, 3, GVA_SMALL + 2 * PAGE_SIZE, GPA_G2MBAD + 0x3000, 0, PTE_LEAF_AD | PTE_R | PTE_W);
    csr_write(vsatp, vm_satp(vsroot, 3));
    HFENCE_ALL();

    CHECK_EQ(run_in_v(PRV_S, g_load, GVA_GIGA + 8), 0xa001);
    CHECK_EQ(run_in_v(PRV_S, g_load, GVA_GIGA + PAGE_SIZE + 8), 0xb001);
    uint64_t va = GVA_GIGA + 2 * PAGE_SIZE + 0x10;
    EXPECT_HTRAP('M', CAUSE_LOAD_GUEST_PAGE_FAULT, va, run_in_v(PRV_S, g_load, va));
    CHECK_EQ(ht.tval2, (GPA_GIGA + 2 * PAGE_SIZE + 0x10) >> 2);
    va = GVA_GIGA + 0x3ff00000UL;
    EXPECT_HTRAP('M', CAUSE_LOAD_GUEST_PAGE_FAULT, va, run_in_v(PRV_S, g_load, va));
    CHECK_EQ(ht.tval2, (GPA_GIGA + 0x3ff00000UL) >> 2);
    test_note("VS 1 GiB leaf over G-stage 4 KiB leaves");
    CHECK_EQ(run_in_v(PRV_S, g_load, GVA_MEGA + 5 * PAGE_SIZE + 24), 0xb003);
    va = GVA_MEGA + 6 * PAGE_SIZE;
    EXPECT_HTRAP('M', CAUSE_LOAD_GUEST_PAGE_FAULT, va, run_in_v(PRV_S, g_load, va));
    CHECK_EQ(ht.tval2, (GPA_GIGA + 0x200000UL + 6 * PAGE_SIZE) >> 2);
    test_note("VS 2 MiB leaf over G-stage 4 KiB leaves");
    CHECK_EQ(run_in_v(PRV_S, g_load, GVA_SMALL + 0x450), 0x2222);
    CHECK_EQ(run_in_v(PRV_S, g_load, GVA_SMALL + PAGE_SIZE + 8 * 7), 0xa007);
    va = GVA_SMALL + 2 * PAGE_SIZE + 8;
    EXPECT_HTRAP('M', CAUSE_LOAD_GUEST_PAGE_FAULT, va, run_in_v(PRV_S, g_load, va));
    CHECK_EQ(ht.tval2, (GPA_G2MBAD + 0x3008) >> 2);
    test_note("G-stage 2 MiB and 1 GiB leaves; misaligned G-stage leaf faults");
    csr_write(vsatp, 0);
    csr_write(hgatp, 0);
    return 0;
}
