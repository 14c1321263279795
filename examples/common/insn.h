/* Run one instruction on register operands so the compiler cannot fold the result. */
#ifndef INSN_H
#define INSN_H
#include <stdint.h>

#define OP_RR(insn, a, b) ({ uint64_t _r; \
    __asm__ volatile(insn " %0, %1, %2" : "=r"(_r) : "r"((uint64_t)(a)), "r"((uint64_t)(b))); _r; })
#define OP_RI(insn, a, imm) ({ uint64_t _r; \
    __asm__ volatile(insn " %0, %1, %2" : "=r"(_r) : "r"((uint64_t)(a)), "i"(imm)); _r; })
#define OP_R(insn, a) ({ uint64_t _r; \
    __asm__ volatile(insn " %0, %1" : "=r"(_r) : "r"((uint64_t)(a))); _r; })

#endif
