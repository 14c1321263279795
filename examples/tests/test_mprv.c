/* mstatus.MPRV: M-mode loads and stores are translated and checked as if in mode MPP (with
   SUM/MXR applying), while instruction fetch stays untranslated M. With MPP = M, MPRV changes
   nothing. Faults are taken to M with the virtual address in mtval. */
#include "test.h"
#include "vm.h"

#define VA_KERN 0x40000000UL  /* S page -> page_a */
#define VA_USER 0x40001000UL  /* U page -> page_b */
#define VA_RO   0x40002000UL  /* S read-only -> page_a */
#define VA_XO   0x40003000UL  /* S execute-only -> page_b */

static uint8_t page_a[4096] __attribute__((aligned(4096)));
static uint8_t page_b[4096] __attribute__((aligned(4096)));

/* Only the access itself runs with MPRV = 1: the compiler's own stack accesses must not be
   translated. If the access traps, the handler resumes at the csrc. */
static uint64_t mprv_load(uint64_t mpp, uint64_t va)
{
    uint64_t v = 0xdead;
    csr_clear(mstatus, MSTATUS_MPP);
    csr_set(mstatus, mpp << MSTATUS_MPP_SHIFT);
    __asm__ volatile("csrs mstatus, %1\n\tld %0, 0(%2)\n\tcsrc mstatus, %1"
                     : "+&r"(v) : "r"(MSTATUS_MPRV), "r"(va) : "memory");
    return v;
}

static void mprv_store(uint64_t mpp, uint64_t va, uint64_t value)
{
    csr_clear(mstatus, MSTATUS_MPP);
    csr_set(mstatus, mpp << MSTATUS_MPP_SHIFT);
    __asm__ volatile("csrs mstatus, %0\n\tsd %2, 0(%1)\n\tcsrc mstatus, %0"
                     : : "r"(MSTATUS_MPRV), "r"(va), "r"(value) : "memory");
}

int main(void)
{
    ((volatile uint64_t *)page_a)[0] = 0xaaaa;
    ((volatile uint64_t *)page_b)[0] = 0xbbbb;
    uint64_t *root = vm_new_table();
    vm_map(root, 3, 0x00000000UL, 0x00000000UL, 2, PTE_LEAF_AD | PTE_R | PTE_W);
    vm_map(root, 3, 0x80000000UL, 0x80000000UL, 2, PTE_LEAF_AD | PTE_RWX);
    vm_map(root, 3, VA_KERN, (uint64_t)page_a, 0, PTE_LEAF_AD | PTE_R | PTE_W);
    vm_map(root, 3, VA_USER, (uint64_t)page_b, 0, PTE_LEAF_AD | PTE_R | PTE_W | PTE_U);
    vm_map(root, 3, VA_RO, (uint64_t)page_a, 0, PTE_LEAF_AD | PTE_R);
    vm_map(root, 3, VA_XO, (uint64_t)page_b, 0, PTE_LEAF_AD | PTE_X);
    csr_write(satp, vm_satp(root, 3));
    __asm__ volatile("sfence.vma" ::: "memory");

    /* MPP = S: translated with S permissions. */
    CHECK_EQ(mprv_load(PRV_S, VA_KERN), 0xaaaa);
    mprv_store(PRV_S, VA_KERN + 8, 0x1234);
    CHECK_EQ(((volatile uint64_t *)page_a)[1], 0x1234);
    EXPECT_TRAP(CAUSE_STORE_PAGE_FAULT, VA_RO + 16, mprv_store(PRV_S, VA_RO + 16, 1));
    EXPECT_TRAP(CAUSE_LOAD_PAGE_FAULT, VA_USER, mprv_load(PRV_S, VA_USER));       /* SUM = 0 */
    csr_set(mstatus, MSTATUS_SUM);
    CHECK_EQ(mprv_load(PRV_S, VA_USER), 0xbbbb);
    csr_clear(mstatus, MSTATUS_SUM);
    EXPECT_TRAP(CAUSE_LOAD_PAGE_FAULT, VA_XO, mprv_load(PRV_S, VA_XO));
    csr_set(mstatus, MSTATUS_MXR);
    CHECK_EQ(mprv_load(PRV_S, VA_XO), 0xbbbb);
    csr_clear(mstatus, MSTATUS_MXR);
    /* A VA without a PTE faults. */
    EXPECT_TRAP(CAUSE_LOAD_PAGE_FAULT, VA_KERN + 0x4000, mprv_load(PRV_S, VA_KERN + 0x4000));

    /* MPP = U: only U pages. */
    CHECK_EQ(mprv_load(PRV_U, VA_USER), 0xbbbb);
    mprv_store(PRV_U, VA_USER + 8, 0x5678);
    CHECK_EQ(((volatile uint64_t *)page_b)[1], 0x5678);
    EXPECT_TRAP(CAUSE_LOAD_PAGE_FAULT, VA_KERN, mprv_load(PRV_U, VA_KERN));

    /* MPP = M: MPRV has no effect; the VA is used as a physical address. */
    CHECK_EQ(mprv_load(PRV_M, (uint64_t)page_a), 0xaaaa);
    EXPECT_TRAP(CAUSE_LOAD_ACCESS, 0x90000000UL, mprv_load(PRV_M, 0x90000000UL)); /* no RAM there */

    /* Without MPRV, M ignores satp. */
    CHECK_EQ(*(volatile uint64_t *)page_b, 0xbbbb);
    csr_write(satp, 0);
    return 0;
}
