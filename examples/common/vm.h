/* Page-table construction for the Sv39/Sv48 tests (M-mode builds, physical = identity). */
#ifndef VM_H
#define VM_H
#include <stdint.h>

#define PTE_V (1UL << 0)
#define PTE_R (1UL << 1)
#define PTE_W (1UL << 2)
#define PTE_X (1UL << 3)
#define PTE_U (1UL << 4)
#define PTE_G (1UL << 5)
#define PTE_A (1UL << 6)
#define PTE_D (1UL << 7)
#define PTE_RWX (PTE_R | PTE_W | PTE_X)
#define PTE_LEAF_AD (PTE_V | PTE_A | PTE_D)

#define PAGE_SIZE 4096UL
#define PTE_FROM_PA(pa, flags) ((((uint64_t)(pa)) >> 12) << 10 | (flags))
#define PA_FROM_PTE(pte) ((((pte) >> 10) & ((1UL << 44) - 1)) << 12)

/* Size of a leaf at `level` (0 = 4 KiB, 1 = 2 MiB, 2 = 1 GiB, 3 = 512 GiB). */
#define LEVEL_SIZE(level) (PAGE_SIZE << (9 * (level)))

/* A fresh zeroed page-table page from a static pool. */
uint64_t *vm_new_table(void);
/* Address of the PTE for `va` at `level` in the tree of `levels` levels rooted at `root`,
   creating intermediate tables as needed. */
volatile uint64_t *vm_pte(uint64_t *root, int levels, uint64_t va, int level);
/* Maps [va, va + LEVEL_SIZE(level)) to pa with a leaf at `level`. pa is not checked for
   alignment so misaligned superpages can be built on purpose. */
void vm_map(uint64_t *root, int levels, uint64_t va, uint64_t pa, int level, uint64_t flags);
uint64_t vm_satp(uint64_t *root, int levels);
#endif
