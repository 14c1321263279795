/* PMP: a TOR region that lets S read but not write, a NAPOT region denying S everything, a
   NAPOT R/W region without X (fetch denied), priority of the lowest-numbered matching entry,
   M-mode not bound by unlocked entries, and a locked entry that binds M-mode and ignores
   further writes. */
#include "test.h"

#define PMP_R 0x01UL
#define PMP_W 0x02UL
#define PMP_X 0x04UL
#define PMP_TOR (1UL << 3)
#define PMP_NAPOT (3UL << 3)
#define PMP_L 0x80UL
#define NAPOT_4K(base) (((uint64_t)(base) >> 2) | 0x1ff)
#define CFG(entry, bits) ((uint64_t)(bits) << (8 * (entry)))

/* One object so the pages are consecutive in this order (the TOR region is [a, b)). */
static struct {
    uint8_t a[4096], b[4096], c[4096], d[4096], e[4096];
} pages __attribute__((aligned(4096)));
#define page_a pages.a
#define page_b pages.b
#define page_c pages.c
#define page_d pages.d
#define page_e pages.e

static uint64_t s_load(uint64_t a) { return *(volatile uint64_t *)a; }
static uint64_t s_store(uint64_t a) { *(volatile uint64_t *)a = 0x1111; return 0; }
static uint64_t s_call(uint64_t a) { return ((uint64_t (*)(void))a)(); }

int main(void)
{
    ((volatile uint64_t *)page_a)[1] = 0xaa;
    ((volatile uint64_t *)page_b)[1] = 0xbb;
    ((volatile uint64_t *)page_c)[1] = 0xcc;
    ((volatile uint64_t *)page_e)[1] = 0xee;

    /* 0: OFF, base of TOR   1: TOR [page_a, page_b) R   2: NAPOT page_b none
       3: NAPOT page_c RW    4: NAPOT page_e R (shadows entry 5 for page_e)
       5: NAPOT page_e RW    7: NAPOT everything RWX (code, stacks, MMIO for S) */
    csr_write(pmpcfg0, 0);
    csr_write(pmpaddr0, (uint64_t)page_a >> 2);
    csr_write(pmpaddr1, (uint64_t)page_b >> 2);
    csr_write(pmpaddr2, NAPOT_4K(page_b));
    csr_write(pmpaddr3, NAPOT_4K(page_c));
    csr_write(pmpaddr4, NAPOT_4K(page_e));
    csr_write(pmpaddr5, NAPOT_4K(page_e));
    csr_write(pmpaddr7, ~0UL);
    uint64_t cfg = CFG(1, PMP_TOR | PMP_R) | CFG(2, PMP_NAPOT) | CFG(3, PMP_NAPOT | PMP_R | PMP_W)
        | CFG(4, PMP_NAPOT | PMP_R) | CFG(5, PMP_NAPOT | PMP_R | PMP_W) | CFG(7, PMP_NAPOT | PMP_R | PMP_W | PMP_X);
    csr_write(pmpcfg0, cfg);
    CHECK_EQ(csr_read(pmpcfg0), cfg);
    CHECK_EQ(csr_read(pmpaddr2), NAPOT_4K(page_b));

    /* TOR region: S may read, not write. */
    CHECK_EQ(run_in_mode(PRV_S, s_load, (uint64_t)&page_a[8]), 0xaa);
    EXPECT_TRAP(CAUSE_STORE_ACCESS, (uint64_t)&page_a[16], run_in_mode(PRV_S, s_store, (uint64_t)&page_a[16]));
    /* NAPOT region without permissions: S and U denied. */
    EXPECT_TRAP(CAUSE_LOAD_ACCESS, (uint64_t)&page_b[8], run_in_mode(PRV_S, s_load, (uint64_t)&page_b[8]));
    EXPECT_TRAP(CAUSE_LOAD_ACCESS, (uint64_t)&page_b[0], run_in_mode(PRV_U, s_load, (uint64_t)&page_b[0]));
    EXPECT_TRAP(CAUSE_STORE_ACCESS, (uint64_t)&page_b[24], run_in_mode(PRV_S, s_store, (uint64_t)&page_b[24]));
    /* R/W without X: data fine, fetch faults. */
    run_in_mode(PRV_S, s_store, (uint64_t)&page_c[32]);
    CHECK_EQ(((volatile uint64_t *)page_c)[4], 0x1111);
    EXPECT_TRAP(CAUSE_FETCH_ACCESS, (uint64_t)page_c, run_in_mode(PRV_S, s_call, (uint64_t)page_c));
    /* Lowest-numbered match wins: entry 4 (R) over entry 5 (RW). */
    CHECK_EQ(run_in_mode(PRV_U, s_load, (uint64_t)&page_e[8]), 0xee);
    EXPECT_TRAP(CAUSE_STORE_ACCESS, (uint64_t)&page_e[8], run_in_mode(PRV_U, s_store, (uint64_t)&page_e[8]));
    /* Unlocked entries do not bind M. */
    ((volatile uint64_t *)page_b)[2] = 0x22;
    CHECK_EQ(((volatile uint64_t *)page_b)[2], 0x22);
    ((volatile uint64_t *)page_a)[2] = 0x23;
    test_note("S/U PMP checks ok");

    /* Entry 6 locked, read-only over page_d: binds M too, and cannot be rewritten. */
    ((volatile uint64_t *)page_d)[1] = 0xdd;
    csr_write(pmpaddr6, NAPOT_4K(page_d));
    cfg |= CFG(6, PMP_L | PMP_NAPOT | PMP_R);
    csr_write(pmpcfg0, cfg);
    CHECK_EQ(csr_read(pmpcfg0), cfg);
    CHECK_EQ(((volatile uint64_t *)page_d)[1], 0xdd);
    EXPECT_TRAP(CAUSE_STORE_ACCESS, (uint64_t)&page_d[8],
                __asm__ volatile("sd zero, 8(%0)" : : "r"(page_d) : "memory"));
    CHECK_EQ(((volatile uint64_t *)page_d)[1], 0xdd);
    csr_write(pmpcfg0, (cfg & ~CFG(6, 0xff)) | CFG(6, PMP_NAPOT | PMP_R | PMP_W | PMP_X));
    CHECK_EQ(csr_read(pmpcfg0), cfg);
    csr_write(pmpaddr6, 0);
    CHECK_EQ(csr_read(pmpaddr6), NAPOT_4K(page_d));
    test_note("locked entry ok");
    return 0;
}
