/*
 * Entry of the hvscope guests. The same code runs as an S-mode payload under OpenSBI and as a
 * VS-mode guest under a hypervisor: it only touches S-level CSRs (which reach the VS CSRs when
 * V=1) and talks to the outside world through SBI ecalls.
 *
 * On entry: a0 = hartid, a1 = device tree address (0 under hv-baremetal; never used).
 */
    .section .text.entry, "ax"
    .globl _start
_start:
    /* Keep the firmware's arguments in callee-saved registers while .bss is cleared. */
    mv      s0, a0
    mv      s1, a1
    la      t0, __bss_start
    la      t1, __bss_end
1:  bgeu    t0, t1, 2f
    sd      zero, 0(t0)
    addi    t0, t0, 8
    j       1b
2:  la      sp, boot_stack_top
    la      t0, guest_trap_entry
    csrw    stvec, t0
    mv      a0, s0
    mv      a1, s1
    call    guest_main
    /* guest_main ends with an SRST shutdown; if the SBI returns anyway, stay here. */
3:  wfi
    j       3b

    .text
/*
 * uint32_t dev_read32(uintptr_t va): the single device access the pflash guest makes. The load is
 * labelled so a debugger (and the tests) can break exactly where the guest-page fault happens.
 */
    .globl dev_read32, dev_read32_load
dev_read32:
dev_read32_load:
    lwu     a0, 0(a0)
    ret

/*
 * long sbi_ecall(long a0, long a1, long a6, long a7): one SBI call; returns the error code (a0).
 * The value register a1 is not needed by any caller.
 */
    .globl sbi_ecall
sbi_ecall:
    mv      a6, a2
    mv      a7, a3
    ecall
    ret

/*
 * Any trap reaching the guest (only exceptions: it enables no interrupts) is a bug or a fault test
 * gone differently than planned: report it and shut down. The handler never returns, so it does
 * not need to save registers; it only needs a sane stack.
 */
    .balign 4
    .globl guest_trap_entry
guest_trap_entry:
    la      sp, boot_stack_top
    csrr    a0, scause
    csrr    a1, sepc
    csrr    a2, stval
    call    guest_trap
4:  j       4b

    .section .bss
    .balign 16
boot_stack:
    .space  16384
    .globl boot_stack_top
boot_stack_top:
