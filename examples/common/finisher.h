/* sifive_test "finisher" of the QEMU virt board: one write ends the simulation. */
#ifndef FINISHER_H
#define FINISHER_H
#include <stdint.h>

#define FINISHER_BASE 0x100000UL
#define FINISHER_PASS 0x5555u
#define FINISHER_FAIL 0x3333u

static inline __attribute__((noreturn)) void finisher_exit(uint32_t value)
{
    for (;;) {
        *(volatile uint32_t *)FINISHER_BASE = value;
    }
}

static inline __attribute__((noreturn)) void finisher_pass(void)
{
    finisher_exit(FINISHER_PASS);
}

/* QEMU exits with status `code` (0 would mean pass, so callers use 1..0xffff). */
static inline __attribute__((noreturn)) void finisher_fail(uint32_t code)
{
    finisher_exit((code << 16) | FINISHER_FAIL);
}
#endif
