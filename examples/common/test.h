/* Self-checking test helpers: a failed check prints the line and values and ends the run. */
#ifndef TEST_H
#define TEST_H
#include <stdint.h>
#include "uart.h"
#include "finisher.h"
#include "csr.h"
#include "trap.h"

extern const char test_name[];

__attribute__((noreturn)) void test_fail_at(int line, const char *expr, uint64_t got, uint64_t want, int has_values);
/* Prints "<test_name>: <msg>" on its own line. */
void test_note(const char *msg);
void test_note_hex(const char *label, uint64_t value);

#define CHECK(cond) do { if (!(cond)) test_fail_at(__LINE__, #cond, 0, 0, 0); } while (0)
#define CHECK_EQ(got, want) do { \
        uint64_t _g = (uint64_t)(got), _w = (uint64_t)(want); \
        if (_g != _w) test_fail_at(__LINE__, #got " == " #want, _g, _w, 1); \
    } while (0)

/* Runs `stmt`, which must trap with `cause_` (and mtval/stval `tval_`) at privilege-level handler
   `level_` ('M' or 'S'); the handler skips the faulting instruction. */
#define EXPECT_TRAP_AT(level_, cause_, tval_, stmt) do { \
        trap_expect(cause_); \
        stmt; \
        CHECK_EQ(trap_consumed(), 1); \
        CHECK_EQ(trap_last.cause, (cause_)); \
        CHECK_EQ(trap_last.tval, (tval_)); \
        CHECK_EQ(trap_last.level, (level_)); \
    } while (0)
#define EXPECT_TRAP(cause_, tval_, stmt) EXPECT_TRAP_AT('M', cause_, tval_, stmt)

#endif
