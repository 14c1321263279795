/* Sv39 translation (test_sv48.c includes this file with VM_LEVELS = 4): M builds page tables,
   S accesses through them. Covers 4 KiB, 2 MiB and 1 GiB leaves (512 GiB in Sv48), page faults
   with the right cause and stval (invalid, write to read-only, W-without-R, non-leaf at the last
   level, misaligned superpage, non-canonical address, fetch from a non-executable page),
   U pages from S with and without SUM, S pages from U, MXR, hardware setting of A and D, and sfence.vma after a
   PTE change, plus delegation of page faults to S. */
#include "test.h"
#include "vm.h"

#ifndef VM_LEVELS
#define VM_LEVELS 3
#endif

#define VA_SMALL  0x40200000UL   /* 4 KiB pages live in this 2 MiB region */
#define VA_MEGA   0x40000000UL   /* 2 MiB leaf */
#define VA_BADMEG 0x40400000UL   /* 2 MiB leaf with a misaligned PPN */
#define VA_GIGA   0xc0000000UL   /* 1 GiB leaf aliasing RAM at 0x8000_0000 */
#define VA_BADGIG 0x100000000UL  /* 1 GiB leaf with a misaligned PPN */
#define PA_MEGA   0x80400000UL   /* 2 MiB-aligned RAM beyond the image */

enum { P_RW, P_RO, P_INVALID, P_USER, P_XONLY, P_NOAD, P_WONLY, P_NONLEAF, P_NX, P_COUNT };
#define VA_PAGE(i) (VA_SMALL + (uint64_t)(i) * PAGE_SIZE)

static uint8_t page_a[PAGE_SIZE] __attribute__((aligned(4096)));
static uint8_t page_b[PAGE_SIZE] __attribute__((aligned(4096)));
static uint8_t page_c[PAGE_SIZE] __attribute__((aligned(4096)));
static uint64_t *root;

static uint64_t s_load(uint64_t va) { return *(volatile uint64_t *)va; }
static uint64_t s_store(uint64_t va) { *(volatile uint64_t *)va = 0x5a5a5a5a5a5a5a5aUL; return 0; }
static uint64_t s_call(uint64_t va) { return ((uint64_t (*)(void))va)(); }
static uint64_t s_sfence_load(uint64_t va)
{
    __asm__ volatile("sfence.vma" ::: "memory");
    return *(volatile uint64_t *)va;
}

static uint64_t load_s(uint64_t va) { return run_in_mode(PRV_S, s_load, va); }

#define EXPECT_LOAD_PF(va)  EXPECT_TRAP(CAUSE_LOAD_PAGE_FAULT, (va), run_in_mode(PRV_S, s_load, (va)))
#define EXPECT_STORE_PF(va) EXPECT_TRAP(CAUSE_STORE_PAGE_FAULT, (va), run_in_mode(PRV_S, s_store, (va)))

static void build_tables(void)
{
    root = vm_new_table();
    /* Identity maps S needs: MMIO (UART, CLINT, finisher) and RAM (code, data, stacks). */
    vm_map(root, VM_LEVELS, 0x00000000UL, 0x00000000UL, 2, PTE_LEAF_AD | PTE_R | PTE_W);
    vm_map(root, VM_LEVELS, 0x80000000UL, 0x80000000UL, 2, PTE_LEAF_AD | PTE_RWX);
    vm_map(root, VM_LEVELS, VA_GIGA, 0x80000000UL, 2, PTE_LEAF_AD | PTE_R);
    vm_map(root, VM_LEVELS, VA_BADGIG, 0x80200000UL, 2, PTE_LEAF_AD | PTE_R);
    vm_map(root, VM_LEVELS, VA_MEGA, PA_MEGA, 1, PTE_LEAF_AD | PTE_R | PTE_W);
    vm_map(root, VM_LEVELS, VA_BADMEG, PA_MEGA + PAGE_SIZE, 1, PTE_LEAF_AD | PTE_R);
    vm_map(root, VM_LEVELS, VA_PAGE(P_RW), (uint64_t)page_a, 0, PTE_LEAF_AD | PTE_R | PTE_W);
    vm_map(root, VM_LEVELS, VA_PAGE(P_RO), (uint64_t)page_b, 0, PTE_LEAF_AD | PTE_R);
    vm_map(root, VM_LEVELS, VA_PAGE(P_INVALID), (uint64_t)page_b, 0, PTE_R | PTE_W | PTE_A | PTE_D);
    vm_map(root, VM_LEVELS, VA_PAGE(P_USER), (uint64_t)page_b, 0, PTE_LEAF_AD | PTE_RWX | PTE_U);
    vm_map(root, VM_LEVELS, VA_PAGE(P_XONLY), (uint64_t)page_b, 0, PTE_LEAF_AD | PTE_X);
    vm_map(root, VM_LEVELS, VA_PAGE(P_NOAD), (uint64_t)page_c, 0, PTE_V | PTE_R | PTE_W);
    vm_map(root, VM_LEVELS, VA_PAGE(P_WONLY), (uint64_t)page_b, 0, PTE_LEAF_AD | PTE_W);
    vm_map(root, VM_LEVELS, VA_PAGE(P_NONLEAF), (uint64_t)page_b, 0, PTE_V);
    vm_map(root, VM_LEVELS, VA_PAGE(P_NX), (uint64_t)page_b, 0, PTE_LEAF_AD | PTE_R);
}

int main(void)
{
    for (int i = 0; i < 512; i++) {
        ((uint64_t *)page_a)[i] = 0xa000000000000000UL + i;
        ((uint64_t *)page_b)[i] = 0xb000000000000000UL + i;
        ((uint64_t *)page_c)[i] = 0xc000000000000000UL + i;
    }
    *(volatile uint64_t *)(PA_MEGA + 0x1234 * 8) = 0x6d6567612d706167UL;
    build_tables();
    csr_write(satp, vm_satp(root, VM_LEVELS));
    __asm__ volatile("sfence.vma" ::: "memory");
    CHECK_EQ(csr_read(satp), vm_satp(root, VM_LEVELS));

    /* Translations of each leaf size. */
    CHECK_EQ(load_s(VA_PAGE(P_RW) + 8 * 7), 0xa000000000000007UL);
    CHECK_EQ(load_s(VA_PAGE(P_RO) + 8 * 511), 0xb0000000000001ffUL);
    CHECK_EQ(load_s(VA_MEGA + 0x1234 * 8), 0x6d6567612d706167UL);
    CHECK_EQ(load_s(VA_GIGA + ((uint64_t)&page_c[16] - 0x80000000UL)), 0xc000000000000002UL);
    run_in_mode(PRV_S, s_store, VA_PAGE(P_RW) + 16);
    CHECK_EQ(((uint64_t *)page_a)[2], 0x5a5a5a5a5a5a5a5aUL);
    /* M-mode is not translated: satp has no effect on it. */
    CHECK_EQ(*(volatile uint64_t *)&page_a[8], 0xa000000000000001UL);
    test_note("translations ok");

    /* Page faults: stval is the faulting virtual address. */
    EXPECT_LOAD_PF(VA_PAGE(P_INVALID) + 0x10);
    EXPECT_STORE_PF(VA_PAGE(P_INVALID) + 0x18);
    EXPECT_STORE_PF(VA_PAGE(P_RO) + 0x20);
    EXPECT_STORE_PF(VA_GIGA + 0x1000);
    EXPECT_LOAD_PF(VA_PAGE(P_WONLY));                 /* W without R is reserved */
    EXPECT_LOAD_PF(VA_PAGE(P_NONLEAF) + 8);           /* pointer PTE at the last level */
    EXPECT_LOAD_PF(VA_BADMEG + 0x40);                 /* misaligned 2 MiB leaf */
    EXPECT_LOAD_PF(VA_BADGIG + 0x80);                 /* misaligned 1 GiB leaf */
    EXPECT_LOAD_PF(VA_SMALL + 0x100000);              /* unmapped 4 KiB slot */
    CHECK_EQ(((uint64_t *)page_b)[4], 0xb000000000000004UL);  /* faulting store wrote nothing */
    /* Addresses whose upper bits are not a sign extension of the top VA bit. */
    uint64_t noncanonical = VM_LEVELS == 3 ? 0x0000008000000000UL : 0x0001000000000000UL;
    EXPECT_LOAD_PF(noncanonical);
    EXPECT_LOAD_PF(0xffff000080000000UL);
    /* Fetch from a page without X: instruction page fault at the target. */
    EXPECT_TRAP(CAUSE_FETCH_PAGE_FAULT, VA_PAGE(P_NX), run_in_mode(PRV_S, s_call, VA_PAGE(P_NX)));
    test_note("page faults ok");

    /* U pages from S: denied unless sstatus.SUM. */
    EXPECT_LOAD_PF(VA_PAGE(P_USER));
    EXPECT_STORE_PF(VA_PAGE(P_USER) + 8);
    csr_set(mstatus, MSTATUS_SUM);
    CHECK_EQ(load_s(VA_PAGE(P_USER) + 8 * 3), 0xb000000000000003UL);
    /* S can never execute from a U page, SUM or not. */
    EXPECT_TRAP(CAUSE_FETCH_PAGE_FAULT, VA_PAGE(P_USER), run_in_mode(PRV_S, s_call, VA_PAGE(P_USER)));
    csr_clear(mstatus, MSTATUS_SUM);
    /* Execute-only pages: loads fault unless MXR. */
    EXPECT_LOAD_PF(VA_PAGE(P_XONLY));
    csr_set(mstatus, MSTATUS_MXR);
    CHECK_EQ(load_s(VA_PAGE(P_XONLY) + 8 * 5), 0xb000000000000005UL);
    csr_clear(mstatus, MSTATUS_MXR);
    test_note("SUM and MXR ok");

    /* A and D: QEMU sets them in the PTE on access (no page fault). */
    volatile uint64_t *pte = vm_pte(root, VM_LEVELS, VA_PAGE(P_NOAD), 0);
    CHECK_EQ(*pte & (PTE_A | PTE_D), 0);
    CHECK_EQ(load_s(VA_PAGE(P_NOAD)), 0xc000000000000000UL);
    CHECK_EQ(*pte & (PTE_A | PTE_D), PTE_A);
    run_in_mode(PRV_S, s_store, VA_PAGE(P_NOAD) + 8);
    CHECK_EQ(*pte & (PTE_A | PTE_D), PTE_A | PTE_D);
    CHECK_EQ(((uint64_t *)page_c)[1], 0x5a5a5a5a5a5a5a5aUL);
    test_note("A/D ok");

    /* sfence.vma after retargeting a PTE: the new mapping is used. */
    volatile uint64_t *rw = vm_pte(root, VM_LEVELS, VA_PAGE(P_RW), 0);
    CHECK_EQ(load_s(VA_PAGE(P_RW) + 8 * 9), 0xa000000000000009UL);
    *rw = PTE_FROM_PA(page_c, PTE_LEAF_AD | PTE_R | PTE_W);
    CHECK_EQ(run_in_mode(PRV_S, s_sfence_load, VA_PAGE(P_RW) + 8 * 9), 0xc000000000000009UL);
    /* Invalidating it: the next access faults. */
    *rw = 0;
    __asm__ volatile("sfence.vma" ::: "memory");
    EXPECT_LOAD_PF(VA_PAGE(P_RW));
    test_note("sfence.vma ok");

    /* Delegated to S: scause/stval in the S handler. */
    s_trap_init();
    csr_write(medeleg, (1UL << CAUSE_LOAD_PAGE_FAULT) | (1UL << CAUSE_STORE_PAGE_FAULT));
    EXPECT_TRAP_AT('S', CAUSE_LOAD_PAGE_FAULT, VA_PAGE(P_INVALID) + 0x28,
                   run_in_mode(PRV_S, s_load, VA_PAGE(P_INVALID) + 0x28));
    EXPECT_TRAP_AT('S', CAUSE_STORE_PAGE_FAULT, VA_PAGE(P_RO),
                   run_in_mode(PRV_S, s_store, VA_PAGE(P_RO)));
    csr_write(medeleg, 0);
    test_note("delegation ok");

    /* U-mode: a second table where the identity maps are U pages (U code and stack must be in U
       pages), one U page and one S page: U reaches only the U page. */
    uint64_t *root_u = vm_new_table();
    vm_map(root_u, VM_LEVELS, 0x00000000UL, 0x00000000UL, 2, PTE_LEAF_AD | PTE_R | PTE_W | PTE_U);
    vm_map(root_u, VM_LEVELS, 0x80000000UL, 0x80000000UL, 2, PTE_LEAF_AD | PTE_RWX | PTE_U);
    vm_map(root_u, VM_LEVELS, VA_PAGE(0), (uint64_t)page_a, 0, PTE_LEAF_AD | PTE_R | PTE_U);
    vm_map(root_u, VM_LEVELS, VA_PAGE(1), (uint64_t)page_b, 0, PTE_LEAF_AD | PTE_R | PTE_W);
    csr_write(satp, vm_satp(root_u, VM_LEVELS));
    __asm__ volatile("sfence.vma" ::: "memory");
    CHECK_EQ(run_in_mode(PRV_U, s_load, VA_PAGE(0) + 8), 0xa000000000000001UL);
    EXPECT_TRAP(CAUSE_STORE_PAGE_FAULT, VA_PAGE(0), run_in_mode(PRV_U, s_store, VA_PAGE(0)));
    EXPECT_TRAP(CAUSE_LOAD_PAGE_FAULT, VA_PAGE(1) + 8, run_in_mode(PRV_U, s_load, VA_PAGE(1) + 8));
    csr_set(mstatus, MSTATUS_SUM);                    /* SUM does not matter to U */
    EXPECT_TRAP(CAUSE_LOAD_PAGE_FAULT, VA_PAGE(1), run_in_mode(PRV_U, s_load, VA_PAGE(1)));
    csr_clear(mstatus, MSTATUS_SUM);
    csr_write(satp, vm_satp(root, VM_LEVELS));
    __asm__ volatile("sfence.vma" ::: "memory");
    test_note("U-mode ok");

#if VM_LEVELS == 4
    /* Sv48 only: a 512 GiB leaf at the top level, mapping VA 0x80_0000_0000 to PA 0. */
    vm_map(root, VM_LEVELS, 0x8000000000UL, 0, 3, PTE_LEAF_AD | PTE_R);
    __asm__ volatile("sfence.vma" ::: "memory");
    CHECK_EQ(load_s(0x8000000000UL + (uint64_t)&page_a[24]), 0xa000000000000003UL);
    /* ... and one whose PPN is not 512 GiB-aligned. */
    vm_map(root, VM_LEVELS, 0x10000000000UL, 0x80000000UL, 3, PTE_LEAF_AD | PTE_R);
    __asm__ volatile("sfence.vma" ::: "memory");
    EXPECT_LOAD_PF(0x10000000000UL);
    test_note("512 GiB pages ok");
#endif

    csr_write(satp, 0);
    return 0;
}
