/* Linked as `gcc -nostdlib -Ttext=0x80000000` links, without our link script: the first loadable
   segment then starts with the ELF header page at 0x7ffff000, below RAM. QEMU loads the part in
   RAM and runs it; so must hvscope. Prints its PASS line and powers off through sifive_test. */
#define UART 0x10000000
#define FINISHER 0x100000

    .section .text
    .globl _start
_start:
    csrr t0, mhartid
    bnez t0, park
    la a0, message
    li t0, UART
1:  lbu t1, 0(a0)
    beqz t1, 2f
    sb t1, 0(t0)
    addi a0, a0, 1
    j 1b
2:  li t0, FINISHER
    li t1, 0x5555
    sw t1, 0(t0)
park:
    wfi
    j park

message:
    .asciz "test_elf_header_below_ram: PASS\n"
