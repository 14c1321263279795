/* Every G-stage access counts as a user access: a G-stage leaf with U = 0 gives a guest-page
   fault (fetch 20, load 21, store 23) from VS and from VU, also for an implicit VS-stage PTE
   read (then htval = the PTE's GPA >> 2); the same leaf with U = 1 works. */
#include "hyp.h"

#define GPA_NOU  0x100000000UL
#define GPA_U    0x100001000UL
#define GPA_TBL  0x100002000UL   /* a VS level-0 table behind a U = 0 G-stage leaf */
static uint64_t page_a[512] __attribute__((aligned(4096)));
static uint64_t vs_l0[512] __attribute__((aligned(4096)));
static uint32_t page_code[1024] __attribute__((aligned(4096)));
static uint64_t g_load(uint64_t va) { return *(volatile uint64_t *)va; }
static uint64_t g_store(uint64_t va) { *(volatile uint64_t *)va = 0x99; return 0; }
static uint64_t g_call(uint64_t va) { return ((uint64_t (*)(void))va)(); }

int main(void)
{
    hyp_init();
    page_a[1] = 0x1234;
    page_code[0] = 0x00008067;  /* ret */
    uint64_t *groot = g_root(0);
    g_identity(groot);
    g_map(groot, GPA_NOU, (uint64_t)page_a, 0, PTE_LEAF_AD | PTE_RWX);
    g_map(groot, GPA_NOU + 0x10000, (uint64_t)page_code, 0, PTE_LEAF_AD | PTE_RWX);
    g_map(groot, GPA_U, (uint64_t)page_a, 0, PTE_LEAF_AD | PTE_RWX | PTE_U);
    g_map(groot, GPA_U + 0x10000, (uint64_t)page_code, 0, PTE_LEAF_AD | PTE_RWX | PTE_U);
    g_map(groot, GPA_TBL, (uint64_t)vs_l0, 0, PTE_LEAF_AD | PTE_R | PTE_W);
    csr_write(hgatp, hgatp_sv39x4(groot, 1));
    HFENCE_ALL();

    CHECK_EQ(run_in_v(PRV_S, g_load, GPA_U + 8), 0x1234);
    CHECK_EQ(run_in_v(PRV_U, g_load, GPA_U + 8), 0x1234);
    run_in_v(PRV_S, g_call, GPA_U + 0x10000);
    EXPECT_HTRAP('M', CAUSE_LOAD_GUEST_PAGE_FAULT, GPA_NOU + 8, run_in_v(PRV_S, g_load, GPA_NOU + 8));
    CHECK_EQ(ht.tval2, (GPA_NOU + 8) >> 2);
    EXPECT_HTRAP('M', CAUSE_STORE_GUEST_PAGE_FAULT, GPA_NOU + 8, run_in_v(PRV_S, g_store, GPA_NOU + 8));
    EXPECT_HTRAP('M', CAUSE_FETCH_GUEST_PAGE_FAULT, GPA_NOU + 0x10000, run_in_v(PRV_S, g_call, GPA_NOU + 0x10000));
    EXPECT_HTRAP('M', CAUSE_LOAD_GUEST_PAGE_FAULT, GPA_NOU + 16, run_in_v(PRV_U, g_load, GPA_NOU + 16));
    CHECK_EQ(page_a[1], 0x1234);
    test_note("G-stage leaf with U = 0: guest-page faults from VS and VU");

    /* VS walk through a table page whose G-stage leaf has U = 0. */
    uint64_t *vsroot = vm_new_table();
    vs_identity(vsroot);
    uint64_t *l1 = vm_new_table();
    vsroot[1] = PTE_FROM_PA(l1, PTE_V);
    l1[0] = PTE_FROM_PA(GPA_TBL, PTE_V);
    vs_l0[2] = PTE_FROM_PA(GPA_U, PTE_LEAF_AD | PTE_R | PTE_W);
    csr_write(vsatp, vm_satp(vsroot, 3));
    HFENCE_ALL();
    EXPECT_HTRAP('M', CAUSE_LOAD_GUEST_PAGE_FAULT, 0x40002008UL, run_in_v(PRV_S, g_load, 0x40002008UL));
    CHECK_EQ(ht.tval2, (GPA_TBL + 2 * 8) >> 2);
    g_map(groot, GPA_TBL, (uint64_t)vs_l0, 0, PTE_LEAF_AD | PTE_R | PTE_W | PTE_U);
    HFENCE_GVMA(0, 0);
    CHECK_EQ(run_in_v(PRV_S, g_load, 0x40002008UL), 0x1234);
    test_note("VS PTE read through a U = 0 G-stage leaf faults");
    csr_write(vsatp, 0);
    csr_write(hgatp, 0);
    return 0;
}
