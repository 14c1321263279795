package dev.hvscope.core.hart;

/** A tiny instruction encoder for engine tests that need no cross toolchain. */
final class Asm {
    private Asm() {
    }

    static int r(int f7, int rs2, int rs1, int f3, int rd, int op) {
        return (f7 << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op;
    }

    static int i(int imm, int rs1, int f3, int rd, int op) {
        return ((imm & 0xfff) << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op;
    }

    static int s(int imm, int rs2, int rs1, int f3, int op) {
        return (((imm >> 5) & 0x7f) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | ((imm & 0x1f) << 7) | op;
    }

    static int b(int imm, int rs2, int rs1, int f3) {
        return (((imm >> 12) & 1) << 31) | (((imm >> 5) & 0x3f) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12)
                | (((imm >> 1) & 0xf) << 8) | (((imm >> 11) & 1) << 7) | 0x63;
    }

    static int addi(int rd, int rs1, int imm) {
        return i(imm, rs1, 0, rd, 0x13);
    }

    static int add(int rd, int rs1, int rs2) {
        return r(0, rs2, rs1, 0, rd, 0x33);
    }

    static int lui(int rd, int imm20) {
        return (imm20 << 12) | (rd << 7) | 0x37;
    }

    static int sd(int rs2, int rs1, int imm) {
        return s(imm, rs2, rs1, 3, 0x23);
    }

    static int sw(int rs2, int rs1, int imm) {
        return s(imm, rs2, rs1, 2, 0x23);
    }

    static int ld(int rd, int rs1, int imm) {
        return i(imm, rs1, 3, rd, 0x03);
    }

    static int bne(int rs1, int rs2, int offset) {
        return b(offset, rs2, rs1, 1);
    }

    static int csrrw(int rd, int csr, int rs1) {
        return i(csr, rs1, 1, rd, 0x73);
    }

    static int csrrs(int rd, int csr, int rs1) {
        return i(csr, rs1, 2, rd, 0x73);
    }

    static final int ECALL = 0x73;
    static final int MRET = 0x30200073;
    static final int WFI = 0x10500073;
}
