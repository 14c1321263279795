/* RV64M: multiply high parts with signed/unsigned mixes, division by zero and signed overflow
   (no trap: defined results), and the W forms' sign extension. */
#include "test.h"
#include "insn.h"

int main(void)
{
    const uint64_t m1 = ~0UL, min64 = 1UL << 63, max64 = min64 - 1;

    CHECK_EQ(OP_RR("mul", 7, 6), 42);
    CHECK_EQ(OP_RR("mul", m1, m1), 1);
    CHECK_EQ(OP_RR("mul", 0x123456789UL, 0x987654321UL), 0x123456789UL * 0x987654321UL);
    CHECK_EQ(OP_RR("mulh", m1, m1), 0);                    /* (-1)*(-1) = 1 */
    CHECK_EQ(OP_RR("mulhu", m1, m1), 0xfffffffffffffffeUL);
    CHECK_EQ(OP_RR("mulhsu", m1, m1), m1);                 /* -1 * (2^64-1): high = -1 */
    CHECK_EQ(OP_RR("mulh", min64, min64), 0x4000000000000000UL);
    CHECK_EQ(OP_RR("mulhu", min64, min64), 0x4000000000000000UL);
    CHECK_EQ(OP_RR("mulhsu", min64, min64), 0xc000000000000000UL);
    CHECK_EQ(OP_RR("mulh", min64, 1), m1);
    CHECK_EQ(OP_RR("mulhsu", 1, min64), 0);
    CHECK_EQ(OP_RR("mulhsu", m1, 1), m1);
    CHECK_EQ(OP_RR("mulh", max64, max64), 0x3fffffffffffffffUL);
    CHECK_EQ(OP_RR("mulhu", 0x100000000UL, 0x100000000UL), 1);
    CHECK_EQ(OP_RR("mulhsu", (uint64_t)-2, 3), m1);

    CHECK_EQ(OP_RR("div", 20, 6), 3);
    CHECK_EQ(OP_RR("div", (uint64_t)-20, 6), (uint64_t)-3);  /* rounds toward zero */
    CHECK_EQ(OP_RR("rem", (uint64_t)-20, 6), (uint64_t)-2);  /* sign of dividend */
    CHECK_EQ(OP_RR("rem", 20, (uint64_t)-6), 2);
    CHECK_EQ(OP_RR("divu", (uint64_t)-20, 6), ((uint64_t)-20) / 6);
    CHECK_EQ(OP_RR("remu", (uint64_t)-20, 6), ((uint64_t)-20) % 6);

    /* Division by zero: quotient all ones, remainder = dividend. */
    CHECK_EQ(OP_RR("div", 42, 0), m1);
    CHECK_EQ(OP_RR("divu", 42, 0), m1);
    CHECK_EQ(OP_RR("rem", 42, 0), 42);
    CHECK_EQ(OP_RR("remu", (uint64_t)-42, 0), (uint64_t)-42);
    /* Signed overflow: quotient = dividend, remainder 0. */
    CHECK_EQ(OP_RR("div", min64, m1), min64);
    CHECK_EQ(OP_RR("rem", min64, m1), 0);

    /* W forms: operate on low 32 bits, sign-extend the result. */
    CHECK_EQ(OP_RR("mulw", 0x10000, 0x10000), 0);
    CHECK_EQ(OP_RR("mulw", 0x7fffffff, 2), 0xfffffffffffffffeUL);
    CHECK_EQ(OP_RR("mulw", 0xabcd00000003UL, 0x1200000005UL), 15);
    CHECK_EQ(OP_RR("divw", 0xffffffff80000000UL, m1), 0xffffffff80000000UL); /* overflow */
    CHECK_EQ(OP_RR("remw", 0x80000000UL, m1), 0);
    CHECK_EQ(OP_RR("divw", 7, 0), m1);
    CHECK_EQ(OP_RR("divuw", 7, 0x100000000UL), m1);       /* divisor's low word is 0 */
    CHECK_EQ(OP_RR("remw", 0x123400000007UL, 0), 7);
    CHECK_EQ(OP_RR("remuw", 0x80000007UL, 0), 0xffffffff80000007UL); /* dividend sign-extended */
    CHECK_EQ(OP_RR("divuw", 0xfffffffeUL, 1), 0xfffffffffffffffeUL);
    CHECK_EQ(OP_RR("divw", (uint64_t)-9, 2), (uint64_t)-4);
    CHECK_EQ(OP_RR("remuw", 0xffffffffUL, 0x10), 0xf);
    return 0;
}
