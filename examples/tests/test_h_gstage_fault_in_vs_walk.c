/* A G-stage fault on an implicit VS-stage page-table access is reported with the ORIGINAL access
   type (load 21, store 23, fetch 20), stval = the guest-virtual address and htval/mtval2 = the
   guest-physical address of the VS PTE >> 2 (priv spec, H extension, "Two-Stage Address
   Translation"). htinst holds 0 or the pseudo-instruction 0x3000 (64-bit PTE read); QEMU 7.2
   writes 0, the output does not say which. Covers a missing level-1 and level-0 VS table.
   QEMU-DIFF: QEMU 7.2 reports every such fault as a load guest-page fault (21), also for stores
   and instruction fetches (it rewrites the access type to load for "indirect" G-stage faults). */
#include "hyp.h"

#define GPA_TABLES 0x100200000UL          /* unmapped in the G-stage */
#define GVA_L1 0x40000000UL               /* root entry 1 -> level-1 table at GPA_TABLES */
#define GVA_L0 0x80200000UL + 0x40000000UL /* root entry 3 -> host L1 -> L0 table at GPA_TABLES + 4K */

static uint64_t g_load(uint64_t va) { return *(volatile uint64_t *)va; }
static uint64_t g_store(uint64_t va) { *(volatile uint64_t *)va = 1; return 0; }
static uint64_t g_call(uint64_t va) { return ((uint64_t (*)(void))va)(); }

static void check(uint64_t pte_gpa)
{
    CHECK_EQ(ht.tval2, pte_gpa >> 2);
    CHECK(ht.tinst == 0 || ht.tinst == 0x3000);
    CHECK_EQ(ht.status & (MSTATUS_MPV | MSTATUS_GVA), MSTATUS_MPV | MSTATUS_GVA);
}

int main(void)
{
    hyp_init();
    uint64_t *groot = g_root(0);
    g_identity(groot);
    csr_write(hgatp, hgatp_sv39x4(groot, 1));
    uint64_t *vsroot = vm_new_table();
    vs_identity(vsroot);
    vsroot[1] = PTE_FROM_PA(GPA_TABLES, PTE_V);
    uint64_t *l1 = vm_new_table();
    vsroot[3] = PTE_FROM_PA(l1, PTE_V);
    l1[1] = PTE_FROM_PA(GPA_TABLES + PAGE_SIZE, PTE_V);
    csr_write(vsatp, vm_satp(vsroot, 3));
    HFENCE_ALL();

    /* Level-1 table missing: PTE GPA = table + VPN[1] * 8. */
    uint64_t va = GVA_L1 + 3 * 0x200000UL + 0x5678;
    uint64_t pte = GPA_TABLES + 3 * 8;
    EXPECT_HTRAP('M', CAUSE_LOAD_GUEST_PAGE_FAULT, va, run_in_v(PRV_S, g_load, va));
    check(pte);
    EXPECT_HTRAP('M', CAUSE_STORE_GUEST_PAGE_FAULT, va, run_in_v(PRV_S, g_store, va)); // QEMU-DIFF: 21
    check(pte);
    va = GVA_L1 + 5 * 0x200000UL;
    EXPECT_HTRAP('M', CAUSE_FETCH_GUEST_PAGE_FAULT, va, run_in_v(PRV_S, g_call, va));   // QEMU-DIFF: 21
    check(GPA_TABLES + 5 * 8);
    test_note("missing VS level-1 table: original access type, htval = PTE GPA >> 2");

    /* Level-0 table missing: PTE GPA = table + VPN[0] * 8; delegated to HS this time. */
    csr_write(medeleg, (1UL << 20) | (1UL << 21) | (1UL << 23));
    va = GVA_L0 + 7 * PAGE_SIZE + 0x10;
    pte = GPA_TABLES + PAGE_SIZE + 7 * 8;
    EXPECT_HTRAP('S', CAUSE_LOAD_GUEST_PAGE_FAULT, va, run_in_v(PRV_S, g_load, va));
    CHECK_EQ(ht.tval2, pte >> 2);
    CHECK(ht.tinst == 0 || ht.tinst == 0x3000);
    CHECK_EQ(ht.hstatus & (HSTATUS_SPV | HSTATUS_GVA), HSTATUS_SPV | HSTATUS_GVA);
    EXPECT_HTRAP('S', CAUSE_STORE_GUEST_PAGE_FAULT, va, run_in_v(PRV_S, g_store, va)); // QEMU-DIFF: 21
    CHECK_EQ(ht.tval2, pte >> 2);
    CHECK(ht.tinst == 0 || ht.tinst == 0x3000);
    csr_write(medeleg, 0);
    test_note("missing VS level-0 table: original access type, htval = PTE GPA >> 2");
    csr_write(vsatp, 0);
    csr_write(hgatp, 0);
    return 0;
}
