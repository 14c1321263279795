/* TLB scope of the hypervisor fences. Only results the spec requires are checked (never that a
   stale translation is still used): translations of two VMIDs over the same GPA stay apart when
   hgatp switches between them and after a guest's sfence.vma; after a G-stage PTE change,
   HFENCE.GVMA by GPA and VMID, by VMID, and by GPA for all VMIDs make the new mapping visible,
   also for combined GVA -> GPA -> HPA translations; after a VS-stage PTE change, HFENCE.VVMA by
   GVA (and ASID) and the guest's own SFENCE.VMA do. */
#include "hyp.h"

#define GPA_X 0x100000000UL
#define GPA_Y 0x100001000UL
#define GVA_V 0x40000000UL
static uint64_t page_a[512] __attribute__((aligned(4096)));
static uint64_t page_b[512] __attribute__((aligned(4096)));
static uint64_t page_c[512] __attribute__((aligned(4096)));
static uint64_t page_d[512] __attribute__((aligned(4096)));
static uint64_t *vm1, *vm2;

static uint64_t g_load(uint64_t va) { return *(volatile uint64_t *)va; }
static uint64_t g_sfence_load(uint64_t va)
{
    __asm__ volatile("sfence.vma" ::: "memory");
    return *(volatile uint64_t *)va;
}
static uint64_t load_in(int vmid, uint64_t va)
{
    csr_write(hgatp, hgatp_sv39x4(vmid == 1 ? vm1 : vm2, vmid));
    return run_in_v(PRV_S, g_load, va);
}
#define RW_U (PTE_LEAF_AD | PTE_U | PTE_R | PTE_W)

int main(void)
{
    hyp_init();
    page_a[0] = 0xa; page_b[0] = 0xb; page_c[0] = 0xc; page_d[0] = 0xd;
    vm1 = g_root(0);
    vm2 = g_root(1);
    g_identity(vm1);
    g_identity(vm2);
    g_map(vm1, GPA_X, (uint64_t)page_a, 0, RW_U);
    g_map(vm2, GPA_X, (uint64_t)page_b, 0, RW_U);
    g_map(vm1, GPA_Y, (uint64_t)page_d, 0, RW_U);
    HFENCE_ALL();

    /* Two VMIDs, one GPA. */
    CHECK_EQ(load_in(1, GPA_X), 0xa);
    CHECK_EQ(load_in(2, GPA_X), 0xb);
    CHECK_EQ(load_in(1, GPA_X), 0xa);
    csr_write(hgatp, hgatp_sv39x4(vm1, 1));
    CHECK_EQ(run_in_v(PRV_S, g_sfence_load, GPA_X), 0xa);
    CHECK_EQ(load_in(2, GPA_X), 0xb);
    test_note("VMIDs 1 and 2 keep their own translations");

    /* G-stage changes. */
    *g_pte(vm1, GPA_X, 0) = PTE_FROM_PA(page_c, RW_U);
    HFENCE_GVMA(GPA_X >> 2, 1);
    CHECK_EQ(load_in(1, GPA_X), 0xc);
    CHECK_EQ(load_in(2, GPA_X), 0xb);
    *g_pte(vm2, GPA_X, 0) = PTE_FROM_PA(page_c, RW_U);
    HFENCE_GVMA(0, 2);
    CHECK_EQ(load_in(2, GPA_X), 0xc);
    *g_pte(vm1, GPA_X, 0) = PTE_FROM_PA(page_a, RW_U);
    *g_pte(vm2, GPA_X, 0) = PTE_FROM_PA(page_b, RW_U);
    __asm__ volatile(".option push\n.option arch, +h\nhfence.gvma %0, zero\n.option pop" :: "r"(GPA_X >> 2) : "memory");
    CHECK_EQ(load_in(1, GPA_X), 0xa);
    CHECK_EQ(load_in(2, GPA_X), 0xb);
    test_note("hfence.gvma by GPA+VMID, by VMID, by GPA");

    /* Combined translations: VS Sv39 GVA_V -> GPA_X in VMID 1, then the G-stage leaf changes. */
    uint64_t *vsroot = vm_new_table();
    vs_identity(vsroot);
    vm_map(vsroot, 3, GVA_V, GPA_X, 0, PTE_LEAF_AD | PTE_R | PTE_W);
    csr_write(vsatp, vm_satp(vsroot, 3) | (5UL << 44));
    csr_write(hgatp, hgatp_sv39x4(vm1, 1));
    HFENCE_VVMA(0, 0);
    CHECK_EQ(load_in(1, GVA_V), 0xa);
    *g_pte(vm1, GPA_X, 0) = PTE_FROM_PA(page_c, RW_U);
    HFENCE_GVMA(GPA_X >> 2, 1);
    CHECK_EQ(load_in(1, GVA_V), 0xc);
    test_note("hfence.gvma reaches combined GVA translations");

    /* VS-stage changes. */
    volatile uint64_t *vpte = vm_pte(vsroot, 3, GVA_V, 0);
    *vpte = PTE_FROM_PA(GPA_Y, PTE_LEAF_AD | PTE_R | PTE_W);
    HFENCE_VVMA(GVA_V, 5);
    CHECK_EQ(load_in(1, GVA_V), 0xd);
    *vpte = PTE_FROM_PA(GPA_X, PTE_LEAF_AD | PTE_R | PTE_W);
    __asm__ volatile(".option push\n.option arch, +h\nhfence.vvma %0, zero\n.option pop" :: "r"(GVA_V) : "memory");
    CHECK_EQ(load_in(1, GVA_V), 0xc);
    *vpte = PTE_FROM_PA(GPA_Y, PTE_LEAF_AD | PTE_R | PTE_W);
    CHECK_EQ(run_in_v(PRV_S, g_sfence_load, GVA_V), 0xd);
    test_note("hfence.vvma by GVA and ASID, guest sfence.vma");
    csr_write(vsatp, 0);
    csr_write(hgatp, 0);
    return 0;
}
