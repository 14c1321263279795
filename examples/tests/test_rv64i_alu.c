/* RV64I integer computation: register-register, register-immediate and the 32-bit W forms. */
#include "test.h"
#include "insn.h"

int main(void)
{
    const uint64_t neg1 = ~0UL, min64 = 1UL << 63, max64 = min64 - 1;

    CHECK_EQ(OP_RR("add", 5, 7), 12);
    CHECK_EQ(OP_RR("add", max64, 1), min64);             /* wraps silently */
    CHECK_EQ(OP_RR("sub", 5, 7), (uint64_t)-2);
    CHECK_EQ(OP_RR("sub", min64, 1), max64);
    CHECK_EQ(OP_RI("addi", 10, -11), neg1);
    CHECK_EQ(OP_RI("addi", 0, 2047), 2047);
    CHECK_EQ(OP_RI("addi", 0, -2048), (uint64_t)-2048);

    CHECK_EQ(OP_RR("and", 0xff00ff00ff00ff00UL, 0x0ff00ff00ff00ff0UL), 0x0f000f000f000f00UL);
    CHECK_EQ(OP_RR("or",  0xff00ff00ff00ff00UL, 0x0ff00ff00ff00ff0UL), 0xfff0fff0fff0fff0UL);
    CHECK_EQ(OP_RR("xor", 0xff00ff00ff00ff00UL, 0x0ff00ff00ff00ff0UL), 0xf0f0f0f0f0f0f0f0UL);
    CHECK_EQ(OP_RI("andi", 0x123456789abcdef0UL, -16), 0x123456789abcdef0UL); /* imm sign-extends */
    CHECK_EQ(OP_RI("andi", 0x123456789abcdef0UL, 0x7f0), 0x6f0);
    CHECK_EQ(OP_RI("ori", 0, -1), neg1);
    CHECK_EQ(OP_RI("xori", 0x5555, -1), ~0x5555UL);     /* not */

    CHECK_EQ(OP_RR("slt", (uint64_t)-1, 1), 1);
    CHECK_EQ(OP_RR("slt", 1, (uint64_t)-1), 0);
    CHECK_EQ(OP_RR("sltu", (uint64_t)-1, 1), 0);
    CHECK_EQ(OP_RR("sltu", 1, (uint64_t)-1), 1);
    CHECK_EQ(OP_RR("slt", min64, max64), 1);
    CHECK_EQ(OP_RI("slti", (uint64_t)-5, -4), 1);
    CHECK_EQ(OP_RI("sltiu", 5, -1), 1);                  /* imm -1 compares as 2^64-1 */
    CHECK_EQ(OP_RI("sltiu", 0, 1), 1);                   /* seqz */
    CHECK_EQ(OP_RR("sltu", 0, 0), 0);

    /* Shifts use the low 6 bits of rs2 (RV64). */
    CHECK_EQ(OP_RR("sll", 1, 63), min64);
    CHECK_EQ(OP_RR("sll", 1, 64 + 4), 16);
    CHECK_EQ(OP_RR("srl", min64, 63), 1);
    CHECK_EQ(OP_RR("sra", min64, 63), neg1);
    CHECK_EQ(OP_RR("sra", min64, 0xffffffffffffffc1UL), 0xc000000000000000UL);
    CHECK_EQ(OP_RI("slli", 3, 62), 0xc000000000000000UL);
    CHECK_EQ(OP_RI("srli", neg1, 60), 0xf);
    CHECK_EQ(OP_RI("srai", 0x8000000000000010UL, 4), 0xf800000000000001UL);

    /* W forms compute on the low 32 bits and sign-extend the 32-bit result. */
    CHECK_EQ(OP_RR("addw", 0x7fffffff, 1), 0xffffffff80000000UL);
    CHECK_EQ(OP_RR("addw", 0x1234567800000005UL, 0xabcdef0000000003UL), 8);
    CHECK_EQ(OP_RR("subw", 0, 1), neg1);
    CHECK_EQ(OP_RR("subw", 0x80000000UL, 1), 0x7fffffff);
    CHECK_EQ(OP_RI("addiw", 0x7fffffff, 1), 0xffffffff80000000UL);
    CHECK_EQ(OP_RI("addiw", 0xffffffff00000000UL, 0), 0);  /* sext.w */
    CHECK_EQ(OP_RR("sllw", 1, 31), 0xffffffff80000000UL);
    CHECK_EQ(OP_RR("sllw", 1, 32 + 3), 8);                  /* low 5 bits of rs2 */
    CHECK_EQ(OP_RR("srlw", 0xffffffff80000000UL, 31), 1);
    CHECK_EQ(OP_RR("srlw", 0x80000000UL, 0), 0xffffffff80000000UL); /* shift 0 still sign-extends */
    CHECK_EQ(OP_RR("sraw", 0x80000000UL, 4), 0xfffffffff8000000UL);
    CHECK_EQ(OP_RI("slliw", 0x1, 31), 0xffffffff80000000UL);
    CHECK_EQ(OP_RI("srliw", 0xfffffffffffffff0UL, 4), 0x0fffffff);
    CHECK_EQ(OP_RI("sraiw", 0x00000000f0000000UL, 28), neg1);

    /* lui/auipc: 20-bit immediates sign-extended on RV64. */
    uint64_t r;
    __asm__ volatile("lui %0, 0x80000" : "=r"(r));
    CHECK_EQ(r, 0xffffffff80000000UL);
    __asm__ volatile("lui %0, 0x7ffff" : "=r"(r));
    CHECK_EQ(r, 0x7ffff000UL);
    uint64_t pc, ref;
    __asm__ volatile("1: auipc %0, 0\n\tla %1, 1b" : "=r"(pc), "=r"(ref));
    CHECK_EQ(pc, ref);
    __asm__ volatile("1: auipc %0, 0xfffff\n\tla %1, 1b" : "=r"(pc), "=r"(ref));
    CHECK_EQ(pc, ref - 0x1000);

    /* Writes to x0 are discarded. */
    __asm__ volatile("li t0, 5\n\tadd x0, t0, t0\n\tmv %0, x0" : "=r"(r) : : "t0");
    CHECK_EQ(r, 0);
    return 0;
}
