/* Every hart enters here at 0x8000_0000 in M-mode with a0 = hartid: one 16 KiB stack per hart. */
    .section .text.init
    .globl _start
_start:
    la      sp, stacks_top
    slli    t0, a0, 14
    sub     sp, sp, t0
    call    hart_main
1:  wfi
    j       1b

    .section .bss
    .balign 16
    .space  8 * 16384
stacks_top:
