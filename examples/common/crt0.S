/* Entry at 0x8000_0000 in M-mode. */
#include "trap.h"

    .section .text.init
    .globl _start
_start:
    .option push
    .option norelax
    la      gp, __global_pointer$
    .option pop
    la      sp, __stack_top
    la      t0, m_trap_entry
    csrw    mtvec, t0
    la      t0, __m_trap_stack_top
    csrw    mscratch, t0
    csrw    mie, zero
    csrw    medeleg, zero
    csrw    mideleg, zero
    csrw    satp, zero
    /* One NAPOT entry over the whole address space, RWX, so S and U can reach memory and MMIO
       (with no PMP entry matching, S/U accesses would fault). */
    li      t0, -1
    csrw    pmpaddr0, t0
    li      t0, 0x1f
    csrw    pmpcfg0, t0
    /* Zero .bss. */
    la      t0, __bss_start
    la      t1, __bss_end
1:  bgeu    t0, t1, 2f
    sd      zero, 0(t0)
    addi    t0, t0, 8
    j       1b
2:
    /* mstatus.FS = Initial so compiled C may use the FP registers. */
    li      t0, 1 << 13
    csrs    mstatus, t0
    csrw    fcsr, zero
    call    main
    tail    test_exit

/* Both trap entries share one layout: struct trap_frame (36 doublewords). */
#define FRAME_SIZE (36 * 8)

.macro SAVE_REGS
    sd      x1, 1*8(sp)
    sd      x3, 3*8(sp)
    sd      x4, 4*8(sp)
    sd      x5, 5*8(sp)
    sd      x6, 6*8(sp)
    sd      x7, 7*8(sp)
    sd      x8, 8*8(sp)
    sd      x9, 9*8(sp)
    sd      x10, 10*8(sp)
    sd      x11, 11*8(sp)
    sd      x12, 12*8(sp)
    sd      x13, 13*8(sp)
    sd      x14, 14*8(sp)
    sd      x15, 15*8(sp)
    sd      x16, 16*8(sp)
    sd      x17, 17*8(sp)
    sd      x18, 18*8(sp)
    sd      x19, 19*8(sp)
    sd      x20, 20*8(sp)
    sd      x21, 21*8(sp)
    sd      x22, 22*8(sp)
    sd      x23, 23*8(sp)
    sd      x24, 24*8(sp)
    sd      x25, 25*8(sp)
    sd      x26, 26*8(sp)
    sd      x27, 27*8(sp)
    sd      x28, 28*8(sp)
    sd      x29, 29*8(sp)
    sd      x30, 30*8(sp)
    sd      x31, 31*8(sp)
.endm

.macro RESTORE_REGS
    ld      x1, 1*8(sp)
    ld      x3, 3*8(sp)
    ld      x4, 4*8(sp)
    ld      x5, 5*8(sp)
    ld      x6, 6*8(sp)
    ld      x7, 7*8(sp)
    ld      x8, 8*8(sp)
    ld      x9, 9*8(sp)
    ld      x10, 10*8(sp)
    ld      x11, 11*8(sp)
    ld      x12, 12*8(sp)
    ld      x13, 13*8(sp)
    ld      x14, 14*8(sp)
    ld      x15, 15*8(sp)
    ld      x16, 16*8(sp)
    ld      x17, 17*8(sp)
    ld      x18, 18*8(sp)
    ld      x19, 19*8(sp)
    ld      x20, 20*8(sp)
    ld      x21, 21*8(sp)
    ld      x22, 22*8(sp)
    ld      x23, 23*8(sp)
    ld      x24, 24*8(sp)
    ld      x25, 25*8(sp)
    ld      x26, 26*8(sp)
    ld      x27, 27*8(sp)
    ld      x28, 28*8(sp)
    ld      x29, 29*8(sp)
    ld      x30, 30*8(sp)
    ld      x31, 31*8(sp)
    ld      x2, 2*8(sp)
.endm

    .text
    .balign 64
    .globl m_trap_entry
m_trap_entry:
    csrrw   sp, mscratch, sp
    addi    sp, sp, -FRAME_SIZE
    SAVE_REGS
    csrr    t0, mscratch
    sd      t0, 2*8(sp)
    csrr    t0, mepc
    sd      t0, 32*8(sp)
    csrr    t0, mcause
    sd      t0, 33*8(sp)
    csrr    t0, mtval
    sd      t0, 34*8(sp)
    csrr    t0, mstatus
    sd      t0, 35*8(sp)
    mv      a0, sp
    call    m_trap_dispatch
    bnez    a0, run_resume
    ld      t0, 32*8(sp)
    csrw    mepc, t0
    addi    t0, sp, FRAME_SIZE
    csrw    mscratch, t0
    RESTORE_REGS
    mret

    .balign 64
    .globl s_trap_entry
s_trap_entry:
    csrrw   sp, sscratch, sp
    addi    sp, sp, -FRAME_SIZE
    SAVE_REGS
    csrr    t0, sscratch
    sd      t0, 2*8(sp)
    csrr    t0, sepc
    sd      t0, 32*8(sp)
    csrr    t0, scause
    sd      t0, 33*8(sp)
    csrr    t0, stval
    sd      t0, 34*8(sp)
    csrr    t0, sstatus
    sd      t0, 35*8(sp)
    mv      a0, sp
    call    s_trap_dispatch
    bnez    a0, 1f
    ld      t0, 32*8(sp)
    csrw    sepc, t0
    addi    t0, sp, FRAME_SIZE
    csrw    sscratch, t0
    RESTORE_REGS
    sret
1:  /* A delegated "return from run_in_mode" ecall from U: pass it on to M. */
    ld      a0, 10*8(sp)
    li      a7, RUN_RETURN_MAGIC
    .globl  run_forward_ecall
run_forward_ecall:
    ecall
2:  j       2b

/* uint64_t run_in_mode(unsigned mode, uint64_t (*fn)(uint64_t), uint64_t arg) */
    .globl run_in_mode
run_in_mode:
    la      t0, run_ctx
    sd      ra, 0*8(t0)
    sd      sp, 1*8(t0)
    sd      s0, 2*8(t0)
    sd      s1, 3*8(t0)
    sd      s2, 4*8(t0)
    sd      s3, 5*8(t0)
    sd      s4, 6*8(t0)
    sd      s5, 7*8(t0)
    sd      s6, 8*8(t0)
    sd      s7, 9*8(t0)
    sd      s8, 10*8(t0)
    sd      s9, 11*8(t0)
    sd      s10, 12*8(t0)
    sd      s11, 13*8(t0)
    li      t1, 3 << 11
    csrc    mstatus, t1
    andi    a0, a0, 3
    slli    t1, a0, 11
    csrs    mstatus, t1
    csrw    mepc, a1
    mv      a0, a2
    la      ra, run_return
    mret

    .globl run_return
run_return:
    li      a7, RUN_RETURN_MAGIC
    .globl  run_return_ecall
run_return_ecall:
    ecall
1:  j       1b

/* Reached from m_trap_entry with sp = trap frame of the returning ecall. */
run_resume:
    ld      a0, 10*8(sp)
    la      t0, __m_trap_stack_top
    csrw    mscratch, t0
    la      t0, __s_trap_stack_top
    csrw    sscratch, t0
    la      t0, run_ctx
    ld      ra, 0*8(t0)
    ld      sp, 1*8(t0)
    ld      s0, 2*8(t0)
    ld      s1, 3*8(t0)
    ld      s2, 4*8(t0)
    ld      s3, 5*8(t0)
    ld      s4, 6*8(t0)
    ld      s5, 7*8(t0)
    ld      s6, 8*8(t0)
    ld      s7, 9*8(t0)
    ld      s8, 10*8(t0)
    ld      s9, 11*8(t0)
    ld      s10, 12*8(t0)
    ld      s11, 13*8(t0)
    ret

    .globl s_trap_init
s_trap_init:
    la      t0, s_trap_entry
    csrw    stvec, t0
    la      t0, __s_trap_stack_top
    csrw    sscratch, t0
    ret

    .bss
    .balign 8
run_ctx:
    .skip 14 * 8
