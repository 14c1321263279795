/* RVC: every RV64C instruction written with its explicit c. mnemonic, each result checked.
   On failure a0 = number of the failing check and the runtime prints it. */


#define FAIL_IF_NE(reg, value, n) li t6, value; li a0, n; bne reg, t6, fail

    .text
    .globl main
main:
    addi    sp, sp, -32
    sd      ra, 24(sp)
    sd      s0, 16(sp)
    sd      s1, 8(sp)

    /* c.li / c.addi / c.lui / c.addiw / c.mv / c.add / c.sub ... */
    c.li    a1, -32
    FAIL_IF_NE(a1, -32, 1)
    c.li    a1, 31
    c.addi  a1, -1
    FAIL_IF_NE(a1, 30, 2)
    c.lui   a2, 0x1f            /* 0x1f000 */
    FAIL_IF_NE(a2, 0x1f000, 3)
    c.lui   a2, 0xfffe0         /* nzimm[17:12] = 0x20 -> sign-extended: 0xfffffffffffe0000 */
    FAIL_IF_NE(a2, 0xfffffffffffe0000, 4)
    li      a3, 0x7fffffff
    c.addiw a3, 1               /* 32-bit wrap, sign-extend */
    FAIL_IF_NE(a3, 0xffffffff80000000, 5)
    li      a3, 0x100000005
    c.addiw a3, 0               /* sext.w */
    FAIL_IF_NE(a3, 5, 6)
    c.mv    a4, a1
    FAIL_IF_NE(a4, 30, 7)
    c.add   a4, a1
    FAIL_IF_NE(a4, 60, 8)
    li      a5, 100
    li      s0, 58
    c.sub   a5, s0
    FAIL_IF_NE(a5, 42, 9)
    li      a5, 0xf0f0
    li      s0, 0xff00
    c.and   a5, s0
    FAIL_IF_NE(a5, 0xf000, 10)
    li      a5, 0xf0f0
    c.or    a5, s0
    FAIL_IF_NE(a5, 0xfff0, 11)
    li      a5, 0xf0f0
    c.xor   a5, s0
    FAIL_IF_NE(a5, 0x0ff0, 12)
    li      a5, 0x7fffffff
    li      s0, 1
    c.addw  a5, s0
    FAIL_IF_NE(a5, 0xffffffff80000000, 13)
    li      a5, 0
    c.subw  a5, s0
    FAIL_IF_NE(a5, -1, 14)
    li      a5, -1
    c.andi  a5, -16
    FAIL_IF_NE(a5, -16, 15)
    li      a5, 1
    c.slli  a5, 63
    FAIL_IF_NE(a5, 0x8000000000000000, 16)
    c.srai  a5, 3
    FAIL_IF_NE(a5, 0xf000000000000000, 17)
    c.srli  a5, 60
    FAIL_IF_NE(a5, 0xf, 18)

    /* Stack-pointer relative: c.addi16sp, c.addi4spn, c.sdsp/c.ldsp, c.swsp/c.lwsp, c.fsdsp/c.fldsp. */
    mv      s1, sp
    c.addi16sp sp, -64
    sub     t0, s1, sp
    FAIL_IF_NE(t0, 64, 19)
    c.addi4spn a5, sp, 16
    sub     t0, a5, sp
    FAIL_IF_NE(t0, 16, 20)
    li      a1, 0x1122334455667788
    c.sdsp  a1, 8(sp)
    c.ldsp  a2, 8(sp)
    FAIL_IF_NE(a2, 0x1122334455667788, 21)
    li      a1, 0x80000001
    c.swsp  a1, 16(sp)
    c.lwsp  a2, 16(sp)
    FAIL_IF_NE(a2, 0xffffffff80000001, 22)
    li      a1, 0x400921fb54442d18       /* pi */
    fmv.d.x fa0, a1
    c.fsdsp fa0, 24(sp)
    c.fldsp fa1, 24(sp)
    fmv.x.d a2, fa1
    FAIL_IF_NE(a2, 0x400921fb54442d18, 23)

    /* Register-based loads/stores (x8..x15). */
    mv      s0, sp
    li      a1, 0xfedcba9876543210
    c.sd    a1, 32(s0)
    c.ld    a2, 32(s0)
    FAIL_IF_NE(a2, 0xfedcba9876543210, 24)
    c.lw    a3, 36(s0)                   /* upper word, sign-extended */
    FAIL_IF_NE(a3, 0xfffffffffedcba98, 25)
    li      a1, 0x12345678
    c.sw    a1, 40(s0)
    c.lw    a3, 40(s0)
    FAIL_IF_NE(a3, 0x12345678, 26)
    c.fsd   fa0, 48(s0)
    c.fld   fa2, 48(s0)
    fmv.x.d a2, fa2
    FAIL_IF_NE(a2, 0x400921fb54442d18, 27)
    c.addi16sp sp, 64

    /* Control transfer: c.j, c.beqz/c.bnez, c.jal is RV32-only, c.jr, c.jalr. */
    li      a1, 0
    c.j     1f
    li      a1, 1
1:  FAIL_IF_NE(a1, 0, 28)
    li      a2, 0
    c.beqz  a2, 2f
    li      a1, 1
2:  c.bnez  a2, 3f                      /* not taken */
    addi    a1, a1, 5
3:  FAIL_IF_NE(a1, 5, 29)
    la      a3, 4f
    c.jr    a3
    li      a1, 99
4:  FAIL_IF_NE(a1, 5, 30)
    la      a3, 5f
    c.jalr  a3                           /* ra = address after the 2-byte c.jalr */
6:  j       fail
5:  la      t0, 6b
    li      a0, 31
    bne     ra, t0, fail
    c.nop
    /* c.ebreak is exercised in test_traps; c.mv/c.add with x0 sources. */
    c.li    a1, 0
    c.mv    a2, a1
    FAIL_IF_NE(a2, 0, 32)

    li      a0, 0
    j       done
fail:
done:
    ld      ra, 24(sp)
    ld      s0, 16(sp)
    ld      s1, 8(sp)
    addi    sp, sp, 32
    ret
