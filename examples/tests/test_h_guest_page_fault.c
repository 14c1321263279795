/* G-stage (Sv39x4) guest-page faults: 20 (fetch), 21 (load), 23 (store) with stval/mtval = the
   guest-virtual address, mtval2/htval = the guest-physical address >> 2, GVA = 1; with vsatp Bare
   (GVA = GPA) and with a VS-stage Sv39 above the G-stage. Causes: unmapped GPA, store to a
   G-stage read-only page, fetch from a G-stage non-executable page. Translations that succeed
   read and write the right host page. */
#include "hyp.h"

#define GPA_BASE 0x100000000UL            /* 4 GiB: only what the test maps */
#define GPA(i)   (GPA_BASE + (uint64_t)(i) * PAGE_SIZE)
#define GVA_BASE 0x40000000UL
#define GVA(i)   (GVA_BASE + (uint64_t)(i) * PAGE_SIZE)
enum { G_RW, G_RO, G_UNMAPPED, G_NX, G_X };

static uint64_t page_a[512] __attribute__((aligned(4096)));
static uint64_t page_b[512] __attribute__((aligned(4096)));
static uint32_t page_code[1024] __attribute__((aligned(4096)));

static uint64_t g_load(uint64_t va) { return *(volatile uint64_t *)va; }
static uint64_t g_store(uint64_t va) { *(volatile uint64_t *)va = 0x5151515151515151UL; return 0; }
static uint64_t g_call(uint64_t va) { return ((uint64_t (*)(void))va)(); }

/* The guest-page-fault extras of the trap just recorded: htval/mtval2 and GVA (+ SPV/MPV). */
static void check_gpf(int level, uint64_t gpa)
{
    CHECK_EQ(ht.tval2, gpa >> 2);
    if (level == 'M') {
        CHECK_EQ(ht.status & (MSTATUS_MPV | MSTATUS_GVA), MSTATUS_MPV | MSTATUS_GVA);
    } else {
        CHECK_EQ(ht.hstatus & (HSTATUS_SPV | HSTATUS_GVA), HSTATUS_SPV | HSTATUS_GVA);
    }
}

int main(void)
{
    hyp_init();
    for (int i = 0; i < 512; i++) {
        page_a[i] = 0xaa00000000000000UL + i;
        page_b[i] = 0xbb00000000000000UL + i;
    }
    page_code[0] = 0x02a00513;  /* li a0, 42 */
    page_code[1] = 0x00008067;  /* ret */
    uint64_t *groot = g_root(0);
    g_identity(groot);
    g_map(groot, GPA(G_RW), (uint64_t)page_a, 0, PTE_LEAF_AD | PTE_U | PTE_R | PTE_W);
    g_map(groot, GPA(G_RO), (uint64_t)page_b, 0, PTE_LEAF_AD | PTE_U | PTE_R);
    g_map(groot, GPA(G_NX), (uint64_t)page_b, 0, PTE_LEAF_AD | PTE_U | PTE_R | PTE_W);
    g_map(groot, GPA(G_X), (uint64_t)page_code, 0, PTE_LEAF_AD | PTE_U | PTE_R | PTE_X);
    csr_write(hgatp, hgatp_sv39x4(groot, 1));
    HFENCE_ALL();

    /* vsatp Bare: GVA = GPA. */
    CHECK_EQ(run_in_v(PRV_S, g_load, GPA(G_RW) + 8 * 3), 0xaa00000000000003UL);
    CHECK_EQ(run_in_v(PRV_S, g_load, GPA(G_RO) + 8 * 4), 0xbb00000000000004UL);
    run_in_v(PRV_S, g_store, GPA(G_RW) + 8 * 5);
    CHECK_EQ(page_a[5], 0x5151515151515151UL);
    CHECK_EQ(run_in_v(PRV_S, g_call, GPA(G_X)), 42);
    test_note("Bare over Sv39x4: translations ok");

    uint64_t a = GPA(G_UNMAPPED) + 0x128;
    EXPECT_HTRAP('M', CAUSE_LOAD_GUEST_PAGE_FAULT, a, run_in_v(PRV_S, g_load, a));
    check_gpf('M', a);
    EXPECT_HTRAP('M', CAUSE_STORE_GUEST_PAGE_FAULT, a, run_in_v(PRV_S, g_store, a));
    check_gpf('M', a);
    EXPECT_HTRAP('M', CAUSE_FETCH_GUEST_PAGE_FAULT, GPA(G_UNMAPPED), run_in_v(PRV_S, g_call, GPA(G_UNMAPPED)));
    check_gpf('M', GPA(G_UNMAPPED));
    a = GPA(G_RO) + 0x10;
    EXPECT_HTRAP('M', CAUSE_STORE_GUEST_PAGE_FAULT, a, run_in_v(PRV_S, g_store, a));
    check_gpf('M', a);
    CHECK_EQ(page_b[2], 0xbb00000000000002UL);
    EXPECT_HTRAP('M', CAUSE_FETCH_GUEST_PAGE_FAULT, GPA(G_NX), run_in_v(PRV_S, g_call, GPA(G_NX)));
    check_gpf('M', GPA(G_NX));
    /* The same from VU. */
    a = GPA(G_UNMAPPED) + 0x8;
    EXPECT_HTRAP('M', CAUSE_LOAD_GUEST_PAGE_FAULT, a, run_in_v(PRV_U, g_load, a));
    check_gpf('M', a);
    /* Delegated to HS: htval. */
    csr_write(medeleg, (1UL << 20) | (1UL << 21) | (1UL << 23));
    a = GPA(G_UNMAPPED) + 0x30;
    EXPECT_HTRAP('S', CAUSE_LOAD_GUEST_PAGE_FAULT, a, run_in_v(PRV_S, g_load, a));
    check_gpf('S', a);
    EXPECT_HTRAP('S', CAUSE_STORE_GUEST_PAGE_FAULT, a, run_in_v(PRV_S, g_store, a));
    check_gpf('S', a);
    EXPECT_HTRAP('S', CAUSE_FETCH_GUEST_PAGE_FAULT, GPA(G_NX), run_in_v(PRV_S, g_call, GPA(G_NX)));
    check_gpf('S', GPA(G_NX));
    csr_write(medeleg, 0);
    test_note("Bare over Sv39x4: guest-page faults 20/21/23");

    /* vsatp Sv39: GVA(i) -> GPA(i). stval = GVA, htval = GPA >> 2. */
    uint64_t *vsroot = vm_new_table();
    vs_identity(vsroot);
    for (int i = G_RW; i <= G_X; i++) {
        vm_map(vsroot, 3, GVA(i), GPA(i), 0, PTE_LEAF_AD | PTE_RWX);
    }
    csr_write(vsatp, vm_satp(vsroot, 3));
    HFENCE_ALL();
    CHECK_EQ(run_in_v(PRV_S, g_load, GVA(G_RW) + 8 * 3), 0xaa00000000000003UL);
    CHECK_EQ(run_in_v(PRV_S, g_call, GVA(G_X)), 42);
    EXPECT_HTRAP('M', CAUSE_LOAD_GUEST_PAGE_FAULT, GVA(G_UNMAPPED) + 0x40, run_in_v(PRV_S, g_load, GVA(G_UNMAPPED) + 0x40));
    check_gpf('M', GPA(G_UNMAPPED) + 0x40);
    EXPECT_HTRAP('M', CAUSE_STORE_GUEST_PAGE_FAULT, GVA(G_RO) + 0x48, run_in_v(PRV_S, g_store, GVA(G_RO) + 0x48));
    check_gpf('M', GPA(G_RO) + 0x48);
    EXPECT_HTRAP('M', CAUSE_FETCH_GUEST_PAGE_FAULT, GVA(G_NX), run_in_v(PRV_S, g_call, GVA(G_NX)));
    check_gpf('M', GPA(G_NX));
    csr_write(medeleg, (1UL << 21));
    EXPECT_HTRAP('S', CAUSE_LOAD_GUEST_PAGE_FAULT, GVA(G_UNMAPPED) + 0x50, run_in_v(PRV_S, g_load, GVA(G_UNMAPPED) + 0x50));
    check_gpf('S', GPA(G_UNMAPPED) + 0x50);
    csr_write(medeleg, 0);
    test_note("Sv39 over Sv39x4: guest-page faults with GVA and GPA");
    csr_write(vsatp, 0);
    csr_write(hgatp, 0);
    return 0;
}
