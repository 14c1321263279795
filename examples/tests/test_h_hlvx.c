/* HLVX.HU/HLVX.WU read with execute permission instead of read permission, in both stages: they
   succeed on a VS-stage execute-only page and on a G-stage execute-only leaf where HLV faults
   (page fault 13, guest-page fault 21), and fault on a readable but non-executable page (priv
   spec, H extension: HLVX needs execute permission in both stages of translation, not read
   permission).
   QEMU-DIFF: QEMU 7.2 checks read permission for HLVX like for HLV in both stages, so HLVX faults
   on execute-only pages and succeeds on non-executable ones. */
#include "hyp.h"

#define GVA_X   0x40000000UL   /* VS: X only;  G: RWX */
#define GVA_GX  0x40001000UL   /* VS: RWX;     G: X only */
#define GVA_R   0x40002000UL   /* VS: R only;  G: RWX */
#define GVA_GR  0x40003000UL   /* VS: RWX;     G: R only */
#define GPA_BASE 0x100000000UL
static uint32_t page_code[1024] __attribute__((aligned(4096)));
static uint64_t hlvx_wu(uint64_t va) { return HLV("hlvx.wu", va); }

int main(void)
{
    hyp_init();
    page_code[0] = 0x87654321u;
    page_code[1] = 0x0000c0deu;
    uint64_t *groot = g_root(0);
    g_identity(groot);
    g_map(groot, GPA_BASE, (uint64_t)page_code, 0, PTE_LEAF_AD | PTE_U | PTE_RWX);
    g_map(groot, GPA_BASE + PAGE_SIZE, (uint64_t)page_code, 0, PTE_LEAF_AD | PTE_U | PTE_X);
    g_map(groot, GPA_BASE + 2 * PAGE_SIZE, (uint64_t)page_code, 0, PTE_LEAF_AD | PTE_U | PTE_R);
    csr_write(hgatp, hgatp_sv39x4(groot, 1));
    uint64_t *vsroot = vm_new_table();
    vs_identity(vsroot);
    vm_map(vsroot, 3, GVA_X, GPA_BASE, 0, PTE_LEAF_AD | PTE_X);
    vm_map(vsroot, 3, GVA_GX, GPA_BASE + PAGE_SIZE, 0, PTE_LEAF_AD | PTE_RWX);
    vm_map(vsroot, 3, GVA_R, GPA_BASE, 0, PTE_LEAF_AD | PTE_R);
    vm_map(vsroot, 3, GVA_GR, GPA_BASE + 2 * PAGE_SIZE, 0, PTE_LEAF_AD | PTE_RWX);
    csr_write(vsatp, vm_satp(vsroot, 3));
    /* HS paging on (identity): QEMU 7.2 turns HLV page faults into access faults under a Bare
       HS satp (see test_h_hlv_permissions). */
    uint64_t *hsroot = vm_new_table();
    vs_identity(hsroot);
    csr_write(satp, vm_satp(hsroot, 3));
    HFENCE_ALL();
    csr_set(hstatus, HSTATUS_SPVP);

    CHECK_EQ(HLV("hlvx.wu", GVA_X), 0x87654321UL); // QEMU-DIFF
    CHECK_EQ(HLV("hlvx.hu", GVA_X + 2), 0x8765); // QEMU-DIFF
    CHECK_EQ(HLV("hlvx.hu", GVA_X + 4), 0xc0de); // QEMU-DIFF
    CHECK_EQ(run_in_mode(PRV_S, hlvx_wu, GVA_X + 4), 0xc0de); // QEMU-DIFF
    EXPECT_HTRAP('M', CAUSE_LOAD_PAGE_FAULT, GVA_X, HLV("hlv.wu", GVA_X));
    test_note("VS-stage execute-only: HLVX reads, HLV faults");
    CHECK_EQ(HLV("hlvx.wu", GVA_GX), 0x87654321UL); // QEMU-DIFF
    EXPECT_HTRAP('M', CAUSE_LOAD_GUEST_PAGE_FAULT, GVA_GX + 4, HLV("hlv.wu", GVA_GX + 4));
    CHECK_EQ(ht.tval2, (GPA_BASE + PAGE_SIZE + 4) >> 2);
    test_note("G-stage execute-only: HLVX reads, HLV faults");
    EXPECT_HTRAP('M', CAUSE_LOAD_PAGE_FAULT, GVA_R, HLV("hlvx.wu", GVA_R)); // QEMU-DIFF
    EXPECT_HTRAP('M', CAUSE_LOAD_GUEST_PAGE_FAULT, GVA_GR + 8, HLV("hlvx.hu", GVA_GR + 8)); // QEMU-DIFF
    CHECK_EQ(ht.tval2, (GPA_BASE + 2 * PAGE_SIZE + 8) >> 2); // QEMU-DIFF
    CHECK_EQ(HLV("hlv.wu", GVA_R), 0x87654321UL);
    test_note("readable, non-executable: HLVX faults in either stage");
    csr_write(satp, 0);
    csr_write(vsatp, 0);
    csr_write(hgatp, 0);
    return 0;
}
