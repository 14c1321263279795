/* hgatp Sv48x4 (50-bit guest-physical addresses, four levels, 16 KiB root) under vsatp Bare,
   Sv39 and Sv48: translations through G-stage 4 KiB, 2 MiB and 512 GiB-region tables, a GPA above
   2^41 (beyond Sv39x4) that translates, and guest-page faults for an unmapped GPA and for a GPA
   with bits 63:50 set (htval = GPA >> 2). GPAs stay below 2^49 (see test_h_gpa_bit40 for QEMU's
   sign-extension check on the top GPA bit). */
#include "hyp.h"

#define GPA_HIGH 0x200000000000UL  /* 2^45 */
#define GPA_WIDE (1UL << 50)
static uint64_t page_a[512] __attribute__((aligned(4096)));
static uint64_t page_b[512] __attribute__((aligned(4096)));
static uint64_t g_load(uint64_t va) { return *(volatile uint64_t *)va; }
static uint64_t g_store(uint64_t va) { *(volatile uint64_t *)va = 0x48; return 0; }
#define RW_U (PTE_LEAF_AD | PTE_U | PTE_R | PTE_W)

int main(void)
{
    hyp_init();
    page_a[1] = 0xa1;
    page_b[2] = 0xb2;
    *(volatile uint64_t *)(0x81000000UL + 0x5008) = 0x2222;
    uint64_t *groot = g_root(0);
    g48_map(groot, 0, 0, 2, RW_U);
    g48_map(groot, 0x80000000UL, 0x80000000UL, 2, PTE_LEAF_AD | PTE_U | PTE_RWX);
    g48_map(groot, GPA_HIGH, (uint64_t)page_a, 0, RW_U);
    g48_map(groot, GPA_HIGH + 0x200000UL, 0x81000000UL, 1, RW_U);
    g48_map(groot, 0x100000000UL, (uint64_t)page_b, 0, RW_U);
    csr_write(hgatp, hgatp_sv48x4(groot, 3));
    CHECK_EQ(csr_read(hgatp), hgatp_sv48x4(groot, 3));
    HFENCE_ALL();

    CHECK_EQ(run_in_v(PRV_S, g_load, GPA_HIGH + 8), 0xa1);
    CHECK_EQ(run_in_v(PRV_S, g_load, GPA_HIGH + 0x205008UL), 0x2222);
    CHECK_EQ(run_in_v(PRV_S, g_load, 0x100000010UL), 0xb2);
    run_in_v(PRV_S, g_store, GPA_HIGH + 16);
    CHECK_EQ(page_a[2], 0x48);
    EXPECT_HTRAP('M', CAUSE_LOAD_GUEST_PAGE_FAULT, GPA_HIGH + 0x1000, run_in_v(PRV_S, g_load, GPA_HIGH + 0x1000));
    CHECK_EQ(ht.tval2, (GPA_HIGH + 0x1000) >> 2);
    EXPECT_HTRAP('M', CAUSE_STORE_GUEST_PAGE_FAULT, GPA_WIDE + 8, run_in_v(PRV_S, g_store, GPA_WIDE + 8));
    CHECK_EQ(ht.tval2, (GPA_WIDE + 8) >> 2);
    test_note("vsatp Bare over Sv48x4");

    /* vsatp Sv39 and Sv48 over Sv48x4. */
    for (int levels = 3; levels <= 4; levels++) {
        uint64_t *vsroot = vm_new_table();
        vm_map(vsroot, levels, 0, 0, 2, PTE_LEAF_AD | PTE_R | PTE_W);
        vm_map(vsroot, levels, 0x80000000UL, 0x80000000UL, 2, PTE_LEAF_AD | PTE_RWX);
        vm_map(vsroot, levels, 0x40000000UL, GPA_HIGH, 0, PTE_LEAF_AD | PTE_R | PTE_W);
        vm_map(vsroot, levels, 0x40001000UL, GPA_HIGH + 0x1000, 0, PTE_LEAF_AD | PTE_R | PTE_W);
        vm_map(vsroot, levels, 0x40200000UL, GPA_HIGH + 0x200000UL, 1, PTE_LEAF_AD | PTE_R | PTE_W);
        csr_write(vsatp, vm_satp(vsroot, levels));
        HFENCE_ALL();
        CHECK_EQ(run_in_v(PRV_S, g_load, 0x40000008UL), 0xa1);
        CHECK_EQ(run_in_v(PRV_S, g_load, 0x40205008UL), 0x2222);
        EXPECT_HTRAP('M', CAUSE_LOAD_GUEST_PAGE_FAULT, 0x40001010UL, run_in_v(PRV_S, g_load, 0x40001010UL));
        CHECK_EQ(ht.tval2, (GPA_HIGH + 0x1010) >> 2);
    }
    test_note("vsatp Sv39 and Sv48 over Sv48x4");
    csr_write(vsatp, 0);
    csr_write(hgatp, 0);
    return 0;
}
