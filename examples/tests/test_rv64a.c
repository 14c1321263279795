/* RV64A: lr/sc success and failure, every AMO in .w and .d form (old value returned in rd,
   .w results sign-extended), and aq/rl encodings. */
#include "test.h"

#define AMO(insn, addr, val) ({ uint64_t _old; \
    __asm__ volatile(insn " %0, %2, (%1)" : "=&r"(_old) : "r"(addr), "r"((uint64_t)(val)) : "memory"); _old; })

static volatile uint64_t d[4] __attribute__((aligned(16)));

int main(void)
{
    volatile uint64_t *pd = &d[0];
    volatile uint32_t *pw = (volatile uint32_t *)&d[1];

    /* .d forms. */
    d[0] = 10;
    CHECK_EQ(AMO("amoswap.d", pd, 20), 10);      CHECK_EQ(d[0], 20);
    CHECK_EQ(AMO("amoadd.d", pd, 5), 20);        CHECK_EQ(d[0], 25);
    CHECK_EQ(AMO("amoxor.d", pd, 0xff), 25);     CHECK_EQ(d[0], 25 ^ 0xff);
    CHECK_EQ(AMO("amoand.d", pd, 0xf0), 25 ^ 0xff); CHECK_EQ(d[0], 0xe0);
    CHECK_EQ(AMO("amoor.d", pd, 0x3), 0xe0);     CHECK_EQ(d[0], 0xe3);
    d[0] = (uint64_t)-5;
    CHECK_EQ(AMO("amomin.d", pd, 3), (uint64_t)-5);   CHECK_EQ(d[0], (uint64_t)-5);
    CHECK_EQ(AMO("amomax.d", pd, 3), (uint64_t)-5);   CHECK_EQ(d[0], 3);
    CHECK_EQ(AMO("amominu.d", pd, (uint64_t)-1), 3);  CHECK_EQ(d[0], 3);
    CHECK_EQ(AMO("amomaxu.d", pd, (uint64_t)-1), 3);  CHECK_EQ(d[0], (uint64_t)-1);
    CHECK_EQ(AMO("amoadd.d.aqrl", pd, 1), (uint64_t)-1); CHECK_EQ(d[0], 0);

    /* .w forms: 32-bit memory operand, rd sign-extended, upper word of memory untouched. */
    d[1] = 0xaaaaaaaa80000000UL;
    CHECK_EQ(AMO("amoadd.w", pw, 1), 0xffffffff80000000UL);
    CHECK_EQ(d[1], 0xaaaaaaaa80000001UL);
    CHECK_EQ(AMO("amoswap.w", pw, 0x123456789UL), 0xffffffff80000001UL);
    CHECK_EQ(d[1], 0xaaaaaaaa23456789UL);
    CHECK_EQ(AMO("amoxor.w", pw, 0xffffffffUL), 0x23456789);
    CHECK_EQ(d[1], 0xaaaaaaaadcba9876UL);
    CHECK_EQ(AMO("amoand.w", pw, 0xffff0000UL), 0xffffffffdcba9876UL);
    CHECK_EQ(AMO("amoor.w", pw, 0xff), 0xffffffffdcba0000UL);
    CHECK_EQ(d[1], 0xaaaaaaaadcba00ffUL);
    *pw = 0xfffffffb;                                        /* -5 */
    CHECK_EQ(AMO("amomin.w", pw, 3), (uint64_t)-5);          CHECK_EQ(*pw, 0xfffffffb);
    CHECK_EQ(AMO("amomax.w", pw, 3), (uint64_t)-5);          CHECK_EQ(*pw, 3);
    /* minu/maxu compare the 32-bit values: rs2's upper bits are ignored. */
    CHECK_EQ(AMO("amominu.w", pw, 0xffffffff00000002UL), 3); CHECK_EQ(*pw, 2);
    CHECK_EQ(AMO("amomaxu.w", pw, 0x80000000UL), 2);         CHECK_EQ(*pw, 0x80000000);
    CHECK_EQ(AMO("amomax.w", pw, 0), 0xffffffff80000000UL);  CHECK_EQ(*pw, 0);
    CHECK_EQ(d[1] >> 32, 0xaaaaaaaa);

    /* lr/sc success: sc writes 0 and stores. */
    uint64_t old, rc;
    d[2] = 100;
    __asm__ volatile("lr.d %0, (%2)\n\taddi %0, %0, 1\n\tsc.d %1, %0, (%2)"
                     : "=&r"(old), "=&r"(rc) : "r"(&d[2]) : "memory");
    CHECK_EQ(rc, 0);
    CHECK_EQ(d[2], 101);
    /* sc without a reservation fails (nonzero rd) and does not store. An sc consumes the
       reservation, so a second sc after a successful one fails. */
    __asm__ volatile("sc.d %0, %1, (%2)" : "=&r"(rc) : "r"((uint64_t)555), "r"(&d[2]) : "memory");
    CHECK(rc != 0);
    CHECK_EQ(d[2], 101);
    /* lr.w sign-extends; sc.w stores 32 bits. */
    d[3] = 0x11111111fffffff0UL;
    __asm__ volatile("lr.w %0, (%2)\n\tsc.w %1, %3, (%2)"
                     : "=&r"(old), "=&r"(rc) : "r"(&d[3]), "r"((uint64_t)0x7777777700000005UL) : "memory");
    CHECK_EQ(old, 0xfffffffffffffff0UL);
    CHECK_EQ(rc, 0);
    CHECK_EQ(d[3], 0x1111111100000005UL);
    /* sc to a different address than the reservation fails. */
    __asm__ volatile("lr.d %0, (%2)\n\tsc.d %1, %3, (%4)"
                     : "=&r"(old), "=&r"(rc) : "r"(&d[2]), "r"((uint64_t)9), "r"(&d[0]) : "memory");
    CHECK(rc != 0);
    CHECK_EQ(d[0], 0);
    /* Retry loop (the usual CAS idiom) converges. */
    __asm__ volatile("1: lr.d.aq %0, (%1)\n\taddi %0, %0, 10\n\tsc.d.rl t0, %0, (%1)\n\tbnez t0, 1b"
                     : "=&r"(old) : "r"(&d[2]) : "t0", "memory");
    CHECK_EQ(d[2], 111);
    return 0;
}
