/* VS-mode trap vector for the test_h_* programs: the same trap_frame layout as crt0.S, on the
   stack in vsscratch; calls vs_trap_dispatch, then sret (which stays in V = 1). */
#define FRAME_SIZE (36 * 8)

    .text
    .balign 64
    .globl vs_trap_entry
vs_trap_entry:
    csrrw   sp, sscratch, sp
    addi    sp, sp, -FRAME_SIZE
    .irp n, 1,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    sd      x\n, \n*8(sp)
    .endr
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
    call    vs_trap_dispatch
    ld      t0, 32*8(sp)
    csrw    sepc, t0
    addi    t0, sp, FRAME_SIZE
    csrw    sscratch, t0
    .irp n, 1,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    ld      x\n, \n*8(sp)
    .endr
    ld      x2, 2*8(sp)
    sret
