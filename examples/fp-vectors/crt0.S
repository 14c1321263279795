# Bare-metal start for the QEMU virt board: stack, FPU on (mstatus.FS = Initial), main, then the
# sifive_test finisher (0x5555 = pass).
    .section .text.init
    .globl _start
_start:
    la      sp, _stack_top
    li      t0, (1 << 13)
    csrs    mstatus, t0
    csrwi   fcsr, 0
    call    main
    li      t0, 0x100000
    li      t1, 0x5555
    sw      t1, 0(t0)
1:  j       1b
