/* hgatp Bare under a paged vsatp: the VS-stage (Sv39) alone translates, GPA = host physical.
   VS-stage faults are ordinary page faults (12/13/15) with the guest-virtual address in mtval,
   mstatus.GVA = 1, mtval2 = 0; a VS-stage fault delegated through hedeleg reaches the guest. */
#include "hyp.h"

#define GVA 0x40000000UL
static uint64_t page_a[512] __attribute__((aligned(4096)));
static uint64_t page_b[512] __attribute__((aligned(4096)));
static uint64_t g_load(uint64_t va) { return *(volatile uint64_t *)va; }
static uint64_t g_store(uint64_t va) { *(volatile uint64_t *)va = 0x77; return 0; }
static uint64_t g_call(uint64_t va) { return ((uint64_t (*)(void))va)(); }

int main(void)
{
    hyp_init();
    for (int i = 0; i < 512; i++) {
        page_a[i] = 0xa0 + i;
        page_b[i] = 0xb0 + i;
    }
    uint64_t *vsroot = vm_new_table();
    vs_identity(vsroot);
    vm_map(vsroot, 3, GVA, (uint64_t)page_b, 0, PTE_LEAF_AD | PTE_R | PTE_W);
    vm_map(vsroot, 3, GVA + PAGE_SIZE, (uint64_t)page_a, 0, PTE_LEAF_AD | PTE_R);
    csr_write(hgatp, 0);
    csr_write(vsatp, vm_satp(vsroot, 3));
    HFENCE_ALL();
    CHECK_EQ(run_in_v(PRV_S, g_load, GVA + 8), 0xb1);
    CHECK_EQ(run_in_v(PRV_S, g_load, GVA + PAGE_SIZE + 16), 0xa2);
    run_in_v(PRV_S, g_store, GVA + 24);
    CHECK_EQ(page_b[3], 0x77);
    test_note("vsatp Sv39 over hgatp Bare translates");

    csr_write(mtval2, 0x1234);
    EXPECT_HTRAP('M', CAUSE_LOAD_PAGE_FAULT, GVA + 2 * PAGE_SIZE, run_in_v(PRV_S, g_load, GVA + 2 * PAGE_SIZE));
    CHECK_EQ(ht.status & (MSTATUS_MPV | MSTATUS_GVA), MSTATUS_MPV | MSTATUS_GVA);
    CHECK_EQ(ht.tval2, 0);
    EXPECT_HTRAP('M', CAUSE_STORE_PAGE_FAULT, GVA + PAGE_SIZE + 8, run_in_v(PRV_S, g_store, GVA + PAGE_SIZE + 8));
    EXPECT_HTRAP('M', CAUSE_FETCH_PAGE_FAULT, GVA, run_in_v(PRV_S, g_call, GVA));
    test_note("VS-stage page faults 12/13/15 with the GVA");
    csr_write(medeleg, 1UL << CAUSE_LOAD_PAGE_FAULT);
    csr_write(hedeleg, 1UL << CAUSE_LOAD_PAGE_FAULT);
    EXPECT_HTRAP('V', CAUSE_LOAD_PAGE_FAULT, GVA + 3 * PAGE_SIZE, run_in_v(PRV_S, g_load, GVA + 3 * PAGE_SIZE));
    csr_write(hedeleg, 0);
    EXPECT_HTRAP('S', CAUSE_LOAD_PAGE_FAULT, GVA + 3 * PAGE_SIZE, run_in_v(PRV_S, g_load, GVA + 3 * PAGE_SIZE));
    CHECK_EQ(ht.hstatus & (HSTATUS_SPV | HSTATUS_GVA), HSTATUS_SPV | HSTATUS_GVA);
    CHECK_EQ(ht.tval2, 0);
    csr_write(medeleg, 0);
    test_note("VS-stage page fault delegated to VS, to HS");
    csr_write(vsatp, 0);
    return 0;
}
