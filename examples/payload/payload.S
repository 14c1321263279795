/* S-mode payload: prints a greeting through the SBI legacy console putchar (EID 0x01) and powers
   off through SBI System Reset (EID "SRST", FID 0, type 0 = shutdown). Runs under OpenSBI,
   entered in S-mode at 0x8020_0000 with a0 = hartid, a1 = device tree. */
#define SBI_CONSOLE_PUTCHAR 0x01
#define SBI_EXT_SRST 0x53525354
#define SBI_SRST_RESET 0
#define SRST_TYPE_SHUTDOWN 0
#define SRST_REASON_NONE 0

    .section .text.entry
    .globl _start
_start:
    la      s0, message
1:  lbu     a0, 0(s0)
    beqz    a0, 2f
    li      a7, SBI_CONSOLE_PUTCHAR
    ecall
    addi    s0, s0, 1
    j       1b
2:  li      a7, SBI_EXT_SRST
    li      a6, SBI_SRST_RESET
    li      a0, SRST_TYPE_SHUTDOWN
    li      a1, SRST_REASON_NONE
    ecall
    /* Only reached if the SBI lacks SRST. */
3:  wfi
    j       3b

    .section .rodata
message:
    .asciz "hvscope S-mode payload: hello\n"
