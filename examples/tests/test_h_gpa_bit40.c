/* Sv39x4 guest-physical addresses are 41 bits wide, not sign-extended: GPAs in [2^40, 2^41) (G-stage
   root entries 1024-2047) translate like any other (priv spec, H extension, guest physical
   address translation: Sv39x4 GPAs are 41 bits wide; only bits 63:41 must be zero).
   QEMU-DIFF: QEMU 7.2 applies the VA sign-extension check to the GPA, so any GPA with bit 40 set
   raises a guest-page fault. */
#include "hyp.h"

#define GPA_HIGH ((1UL << 41) - 0x200000UL)  /* highest 2 MiB below 2^41 */
#define GPA_MID  (1UL << 40)

static uint64_t page_a[512] __attribute__((aligned(4096)));
static uint64_t g_load(uint64_t va) { return *(volatile uint64_t *)va; }

int main(void)
{
    hyp_init();
    page_a[9] = 0x70707070UL;
    uint64_t *groot = g_root(0);
    g_identity(groot);
    g_map(groot, GPA_HIGH, (uint64_t)page_a, 0, PTE_LEAF_AD | PTE_U | PTE_R | PTE_W);
    g_map(groot, GPA_MID, (uint64_t)page_a, 0, PTE_LEAF_AD | PTE_U | PTE_R | PTE_W);
    csr_write(hgatp, hgatp_sv39x4(groot, 1));
    HFENCE_ALL();
    CHECK_EQ(run_in_v(PRV_S, g_load, GPA_HIGH + 9 * 8), 0x70707070UL);   // QEMU-DIFF: guest-page fault
    CHECK_EQ(run_in_v(PRV_S, g_load, GPA_MID + 9 * 8), 0x70707070UL);    // QEMU-DIFF
    test_note("GPA 2^40 and 2^41 - 2 MiB translate");
    uint64_t *vsroot = vm_new_table();
    vs_identity(vsroot);
    vm_map(vsroot, 3, 0x40000000UL, GPA_HIGH, 0, PTE_LEAF_AD | PTE_R | PTE_W);
    csr_write(vsatp, vm_satp(vsroot, 3));
    HFENCE_ALL();
    CHECK_EQ(run_in_v(PRV_S, g_load, 0x40000000UL + 9 * 8), 0x70707070UL); // QEMU-DIFF
    test_note("VS leaf at GPA 2^41 - 2 MiB translates");
    csr_write(vsatp, 0);
    csr_write(hgatp, 0);
    return 0;
}
