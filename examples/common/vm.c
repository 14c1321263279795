#include "vm.h"
#include "csr.h"

#define POOL_PAGES 24

static uint64_t pool[POOL_PAGES][512] __attribute__((aligned(4096)));
static int pool_used;

uint64_t *vm_new_table(void)
{
    uint64_t *t = pool[pool_used++];
    for (int i = 0; i < 512; i++) {
        t[i] = 0;
    }
    return t;
}

volatile uint64_t *vm_pte(uint64_t *root, int levels, uint64_t va, int level)
{
    uint64_t *table = root;
    for (int l = levels - 1; l > level; l--) {
        uint64_t *pte = &table[(va >> (12 + 9 * l)) & 511];
        if ((*pte & PTE_V) == 0) {
            *pte = PTE_FROM_PA(vm_new_table(), PTE_V);
        }
        table = (uint64_t *)PA_FROM_PTE(*pte);
    }
    return &table[(va >> (12 + 9 * level)) & 511];
}

void vm_map(uint64_t *root, int levels, uint64_t va, uint64_t pa, int level, uint64_t flags)
{
    *vm_pte(root, levels, va, level) = PTE_FROM_PA(pa, flags);
}

uint64_t vm_satp(uint64_t *root, int levels)
{
    uint64_t mode = levels == 3 ? SATP_MODE_SV39 : SATP_MODE_SV48;
    return (mode << SATP_MODE_SHIFT) | ((uint64_t)root >> 12);
}
