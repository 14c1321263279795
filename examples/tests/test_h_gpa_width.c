/* Sv39x4 guest-physical addresses are 41 bits: a GPA with any of bits 63:41 set is a guest-page
   fault, whether it comes from a non-leaf VS PTE (the next table's address: the fault is on the
   implicit access, htval = that PTE's GPA >> 2), a VS leaf, or vsatp Bare. A GPA just below 2^40
   translates (GPAs in [2^40, 2^41) are in test_h_gpa_bit40: QEMU 7.2 rejects them). */
#include "hyp.h"

#define GPA_TOP  ((1UL << 40) - 0x200000UL)  /* highest 2 MiB below 2^40 */
#define GPA_WIDE (1UL << 41)

static uint64_t page_a[512] __attribute__((aligned(4096)));
static uint64_t g_load(uint64_t va) { return *(volatile uint64_t *)va; }

int main(void)
{
    hyp_init();
    page_a[9] = 0x70707070UL;
    uint64_t *groot = g_root(0);
    g_identity(groot);
    g_map(groot, GPA_TOP, (uint64_t)page_a, 0, PTE_LEAF_AD | PTE_U | PTE_R | PTE_W);
    csr_write(hgatp, hgatp_sv39x4(groot, 1));
    HFENCE_ALL();

    /* vsatp Bare. */
    CHECK_EQ(run_in_v(PRV_S, g_load, GPA_TOP + 9 * 8), 0x70707070UL);
    EXPECT_HTRAP('M', CAUSE_LOAD_GUEST_PAGE_FAULT, GPA_WIDE + 8, run_in_v(PRV_S, g_load, GPA_WIDE + 8));
    CHECK_EQ(ht.tval2, (GPA_WIDE + 8) >> 2);
    test_note("Bare: GPA 2^41 faults, 2^40 - 2 MiB translates");

    uint64_t *vsroot = vm_new_table();
    vs_identity(vsroot);
    /* Non-leaf root entry 1 pointing at a table at GPA 2^41. */
    vsroot[1] = PTE_FROM_PA(GPA_WIDE, PTE_V);
    /* Leaf: GVA 0x4000_0000 + 1 GiB -> GPA 2^41 + 4 KiB; and -> GPA_TOP. */
    vm_map(vsroot, 3, 0xc0000000UL + 0x1000, GPA_WIDE + 0x1000, 0, PTE_LEAF_AD | PTE_R | PTE_W);
    vm_map(vsroot, 3, 0xc0000000UL + 0x2000, GPA_TOP, 0, PTE_LEAF_AD | PTE_R | PTE_W);
    csr_write(vsatp, vm_satp(vsroot, 3));
    HFENCE_ALL();
    CHECK_EQ(run_in_v(PRV_S, g_load, 0xc0002000UL + 9 * 8), 0x70707070UL);
    uint64_t va = 0x40000000UL + 4 * 0x200000UL + 0x30;
    EXPECT_HTRAP('M', CAUSE_LOAD_GUEST_PAGE_FAULT, va, run_in_v(PRV_S, g_load, va));
    CHECK_EQ(ht.tval2, (GPA_WIDE + 4 * 8) >> 2);
    test_note("non-leaf VS PTE at GPA 2^41: guest-page fault on the walk");
    EXPECT_HTRAP('M', CAUSE_LOAD_GUEST_PAGE_FAULT, 0xc0001010UL, run_in_v(PRV_S, g_load, 0xc0001010UL));
    CHECK_EQ(ht.tval2, (GPA_WIDE + 0x1010) >> 2);
    test_note("VS leaf at GPA 2^41: guest-page fault");
    csr_write(vsatp, 0);
    csr_write(hgatp, 0);
    return 0;
}
