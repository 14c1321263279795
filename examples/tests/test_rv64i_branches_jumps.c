/* Conditional branches (taken/not taken, signed vs unsigned), jal/jalr link values, jalr clearing
   bit 0 of the target, and backward branches in a loop. */
#include "test.h"

#define BR(insn, a, b) ({ uint64_t _t; \
    __asm__ volatile("li %0, 1\n\t" insn " %1, %2, 1f\n\tli %0, 0\n1:" \
                     : "=&r"(_t) : "r"((uint64_t)(a)), "r"((uint64_t)(b))); _t; })

int main(void)
{
    const uint64_t m1 = ~0UL, min64 = 1UL << 63;

    CHECK_EQ(BR("beq", 5, 5), 1);
    CHECK_EQ(BR("beq", 5, 6), 0);
    CHECK_EQ(BR("bne", 5, 6), 1);
    CHECK_EQ(BR("bne", m1, m1), 0);
    CHECK_EQ(BR("blt", m1, 0), 1);
    CHECK_EQ(BR("blt", 0, m1), 0);
    CHECK_EQ(BR("blt", min64, min64 - 1), 1);
    CHECK_EQ(BR("blt", 3, 3), 0);
    CHECK_EQ(BR("bge", 3, 3), 1);
    CHECK_EQ(BR("bge", 0, m1), 1);
    CHECK_EQ(BR("bge", m1, 0), 0);
    CHECK_EQ(BR("bltu", 0, m1), 1);
    CHECK_EQ(BR("bltu", m1, 0), 0);
    CHECK_EQ(BR("bltu", 7, 7), 0);
    CHECK_EQ(BR("bgeu", m1, 0), 1);
    CHECK_EQ(BR("bgeu", 0, m1), 0);
    CHECK_EQ(BR("bgeu", 7, 7), 1);

    /* Backward branch loop: sum 1..100. */
    uint64_t sum, i;
    __asm__ volatile("li %0, 0\n\tli %1, 100\n1:\n\tadd %0, %0, %1\n\taddi %1, %1, -1\n\tbnez %1, 1b"
                     : "=&r"(sum), "=&r"(i));
    CHECK_EQ(sum, 5050);

    /* jal writes pc+4 to rd. */
    uint64_t link, expect;
    __asm__ volatile(".option push\n\t.option norvc\n\t"
                     "jal %0, 1f\n2:\n\tnop\n1:\n\tla %1, 2b\n\t.option pop"
                     : "=r"(link), "=r"(expect));
    CHECK_EQ(link, expect);

    /* jalr: target = (rs1 + imm) & ~1, rd = pc+4, rd may equal rs1 (old rs1 used). */
    uint64_t got;
    __asm__ volatile(".option push\n\t.option norvc\n\t"
                     "la t0, 1f\n\taddi t0, t0, -3\n\t"       /* odd address: 1f - 3 */
                     "jalr t0, 4(t0)\n2:\n\tli %0, 0\n\tj 3f\n"
                     "1:\n\tla t1, 2b\n\tsub %0, t0, t1\n\taddi %0, %0, 1\n3:\n\t.option pop"
                     : "=r"(got) : : "t0", "t1");
    CHECK_EQ(got, 1);   /* landed at 1f (bit 0 cleared) and t0 = return address */

    /* jal x0 (j) does not write a register; jalr x0 0(ra) is ret. */
    __asm__ volatile("li %0, 7\n\tj 1f\n\tli %0, 9\n1:" : "=&r"(got));
    CHECK_EQ(got, 7);

    return 0;
}
