/* HLV/HSV permissions follow hstatus.SPVP: with SPVP = 1 the access is checked as a VS-mode access
   (a VS-stage U page needs vsstatus.SUM; the HS sstatus.SUM plays no part), with SPVP = 0 as a
   VU-mode access (U pages only); an execute-only page is readable only with vsstatus.MXR, a read-only page is not writable (priv
   spec, H extension, hypervisor virtual-machine load and store instructions: the access is made
   with the translation and protection of VS-mode or VU-mode, as chosen by hstatus.SPVP).
   QEMU-DIFF: QEMU 7.2 lets SPVP = 1 accesses reach U pages without any SUM, and reports the other
   VS-stage permission failures of HLV/HSV as access faults (5/7) instead of page faults (13/15)
   because it decides "page fault or access fault" from the HS satp, Bare here. */
#include "hyp.h"

#define GVA_S  0x40000000UL
#define GVA_U  0x40001000UL
#define GVA_X  0x40002000UL
#define GVA_RO 0x40003000UL
#define GPA_BASE 0x100000000UL
static uint64_t page_a[512] __attribute__((aligned(4096)));
static uint64_t page_b[512] __attribute__((aligned(4096)));
static uint64_t hlv_d(uint64_t va) { return HLV("hlv.d", va); }
static uint64_t hsv_d(uint64_t va) { HSV("hsv.d", va, 0x5d5d); return 0; }

int main(void)
{
    hyp_init();
    page_a[0] = 0xa0a0a0a0UL;
    page_b[0] = 0xb0b0b0b0UL;
    uint64_t *groot = g_root(0);
    g_identity(groot);
    g_map(groot, GPA_BASE, (uint64_t)page_a, 0, PTE_LEAF_AD | PTE_U | PTE_R | PTE_W);
    g_map(groot, GPA_BASE + PAGE_SIZE, (uint64_t)page_b, 0, PTE_LEAF_AD | PTE_U | PTE_R | PTE_W);
    csr_write(hgatp, hgatp_sv39x4(groot, 1));
    uint64_t *vsroot = vm_new_table();
    vs_identity(vsroot);
    vm_map(vsroot, 3, GVA_S, GPA_BASE, 0, PTE_LEAF_AD | PTE_R | PTE_W);
    vm_map(vsroot, 3, GVA_U, GPA_BASE + PAGE_SIZE, 0, PTE_LEAF_AD | PTE_R | PTE_W | PTE_U);
    vm_map(vsroot, 3, GVA_RO, GPA_BASE + PAGE_SIZE, 0, PTE_LEAF_AD | PTE_R);
    vm_map(vsroot, 3, GVA_X, GPA_BASE + PAGE_SIZE, 0, PTE_LEAF_AD | PTE_X);
    csr_write(vsatp, vm_satp(vsroot, 3));
    HFENCE_ALL();

    /* SPVP = 1: VS permissions. */
    csr_set(hstatus, HSTATUS_SPVP);
    CHECK_EQ(run_in_mode(PRV_S, hlv_d, GVA_S), 0xa0a0a0a0UL);
    EXPECT_HTRAP('M', CAUSE_LOAD_PAGE_FAULT, GVA_U, run_in_mode(PRV_S, hlv_d, GVA_U));          // QEMU-DIFF: no fault
    EXPECT_HTRAP('M', CAUSE_STORE_PAGE_FAULT, GVA_U + 8, run_in_mode(PRV_S, hsv_d, GVA_U + 8)); // QEMU-DIFF
    csr_set(mstatus, MSTATUS_SUM);
    EXPECT_HTRAP('M', CAUSE_LOAD_PAGE_FAULT, GVA_U, run_in_mode(PRV_S, hlv_d, GVA_U));          // QEMU-DIFF
    csr_clear(mstatus, MSTATUS_SUM);
    csr_set(vsstatus, MSTATUS_SUM);
    CHECK_EQ(run_in_mode(PRV_S, hlv_d, GVA_U), 0xb0b0b0b0UL);
    csr_clear(vsstatus, MSTATUS_SUM);
    /* A read-only page. */
    EXPECT_HTRAP('M', CAUSE_STORE_PAGE_FAULT, GVA_RO, run_in_mode(PRV_S, hsv_d, GVA_RO));        // QEMU-DIFF: cause 7
    CHECK_EQ(page_b[1], 0);
    test_note("SPVP = 1: U pages need vsstatus.SUM, not sstatus.SUM");

    /* SPVP = 0: VU permissions. */
    csr_clear(hstatus, HSTATUS_SPVP);
    CHECK_EQ(run_in_mode(PRV_S, hlv_d, GVA_U), 0xb0b0b0b0UL);
    EXPECT_HTRAP('M', CAUSE_LOAD_PAGE_FAULT, GVA_S, run_in_mode(PRV_S, hlv_d, GVA_S));          // QEMU-DIFF: cause 5
    EXPECT_HTRAP('M', CAUSE_STORE_PAGE_FAULT, GVA_S + 8, run_in_mode(PRV_S, hsv_d, GVA_S + 8)); // QEMU-DIFF
    CHECK_EQ(page_a[1], 0);
    test_note("SPVP = 0: only U pages");

    /* Execute-only page: vsstatus.MXR. */
    csr_set(hstatus, HSTATUS_SPVP);
    EXPECT_HTRAP('M', CAUSE_LOAD_PAGE_FAULT, GVA_X, run_in_mode(PRV_S, hlv_d, GVA_X));          // QEMU-DIFF: cause 5
    csr_set(vsstatus, MSTATUS_MXR);
    CHECK_EQ(run_in_mode(PRV_S, hlv_d, GVA_X), 0xb0b0b0b0UL);
    csr_clear(vsstatus, MSTATUS_MXR);
    test_note("execute-only page readable with vsstatus.MXR");
    csr_write(vsatp, 0);
    csr_write(hgatp, 0);
    return 0;
}
