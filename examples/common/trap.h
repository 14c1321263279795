/* Trap plumbing shared by all tests.
   - M-mode traps enter m_trap_entry (mtvec), delegated ones s_trap_entry (stvec); both save every
     register in a struct trap_frame on a dedicated trap stack (via mscratch/sscratch) and call the
     C dispatcher.
   - A test either arms an expectation (trap_expect) and the dispatcher records the trap and skips
     the faulting instruction (2 or 4 bytes, decided from the instruction's low bits; for fetch
     faults it resumes at ra, i.e. after the call that jumped to the bad address), or installs its
     own handler (trap_set_handler) which sees every trap first.
   - run_in_mode() runs a function in U, S or M mode and comes back to M when it returns. */
#ifndef TRAP_H
#define TRAP_H
#define RUN_RETURN_MAGIC 0x52455455524e /* "RETURN" */

#ifndef __ASSEMBLER__
#include <stdint.h>

struct trap_frame {
    uint64_t x[32]; /* x[0] unused; x[2] is the interrupted sp */
    uint64_t epc, cause, tval, status;
};

struct trap_record {
    uint64_t cause, epc, tval, status;
    int level; /* 'M' or 'S': which handler took it */
};

/* Returns nonzero when it has handled the trap (it then owns f->epc). */
typedef int (*trap_handler_fn)(struct trap_frame *f, int level);

extern volatile struct trap_record trap_last;
extern volatile int trap_count;

void trap_set_handler(trap_handler_fn fn);
void trap_expect(uint64_t cause);
/* 1 if the armed expectation was met since trap_expect, then disarms. */
int trap_consumed(void);
/* Length in bytes of the instruction at addr (2 for compressed, else 4). */
int insn_length(uint64_t addr);

void m_trap_entry(void);
void s_trap_entry(void);

/* Enters `mode` (PRV_U/PRV_S/PRV_M) at fn(arg) with mret and returns fn's result once fn returns
   (its return goes through an ecall back to M). Interrupt enables are left as they were. */
uint64_t run_in_mode(unsigned mode, uint64_t (*fn)(uint64_t), uint64_t arg);
/* Installs s_trap_entry in stvec and its stack in sscratch. */
void s_trap_init(void);

#endif /* __ASSEMBLER__ */
#endif
