package dev.hvscope.core.device;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The reset code QEMU's virt board puts at the start of the MROM (0x1000), followed by an OpenSBI
 * {@code fw_dynamic_info}. Every hart starts here and leaves with a0 = mhartid, a1 = FDT address,
 * a2 = address of the fw_dynamic_info, jumping to the start address (firmware at 0x8000_0000, or the
 * kernel with -bios none):
 *
 * <pre>
 * 0x00  auipc t0, 0            t0 = 0x1000
 * 0x04  addi  a2, t0, 40       a2 = &amp;fw_dynamic_info
 * 0x08  csrr  a0, mhartid
 * 0x0c  ld    a1, 32(t0)       FDT address
 * 0x10  ld    t0, 24(t0)       start address
 * 0x14  jr    t0
 * 0x18  .dword start
 * 0x20  .dword fdt
 * 0x28  fw_dynamic_info: magic, version, next_addr, next_mode, options, boot_hart (8 bytes each)
 * </pre>
 * Checked byte for byte against the ROM of qemu-system-riscv64 7.2.
 */
public final class ResetVector {
    /** "OSBI" in ASCII, little-endian. */
    public static final long FW_DYNAMIC_INFO_MAGIC = 0x4942534fL;
    public static final long FW_DYNAMIC_INFO_VERSION = 2;
    public static final int NEXT_MODE_U = 0;
    public static final int NEXT_MODE_S = 1;
    public static final int NEXT_MODE_M = 3;

    public static final int FW_DYNAMIC_INFO_OFFSET = 0x28;
    public static final int SIZE = FW_DYNAMIC_INFO_OFFSET + 6 * 8;

    private static final int T0 = 5;
    private static final int A0 = 10;
    private static final int A1 = 11;
    private static final int A2 = 12;
    private static final int CSR_MHARTID = 0xf14;

    private ResetVector() {
    }

    /**
     * @param startAddr where the hart jumps (firmware, or the kernel when there is no firmware)
     * @param fdtAddr   physical address of the device tree blob
     * @param nextAddr  fw_dynamic_info.next_addr: where the firmware continues (kernel entry, or 0)
     * @param nextMode  privilege for next_addr, {@link #NEXT_MODE_S} on virt
     * @param bootHart  fw_dynamic_info.boot_hart (QEMU: 0, meaning "any")
     */
    public static byte[] build(long startAddr, long fdtAddr, long nextAddr, int nextMode, long bootHart) {
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(auipc(T0, 0));
        b.putInt(addi(A2, T0, FW_DYNAMIC_INFO_OFFSET));
        b.putInt(csrr(A0, CSR_MHARTID));
        b.putInt(ld(A1, T0, 0x20));
        b.putInt(ld(T0, T0, 0x18));
        b.putInt(jalr(0, T0, 0));
        b.putLong(startAddr);
        b.putLong(fdtAddr);
        b.putLong(FW_DYNAMIC_INFO_MAGIC);
        b.putLong(FW_DYNAMIC_INFO_VERSION);
        b.putLong(nextAddr);
        b.putLong(nextMode);
        b.putLong(0); // options
        b.putLong(bootHart);
        return b.array();
    }

    static int auipc(int rd, int imm20) {
        return (imm20 << 12) | (rd << 7) | 0x17;
    }

    static int addi(int rd, int rs1, int imm12) {
        return iType(imm12, rs1, 0, rd, 0x13);
    }

    static int ld(int rd, int rs1, int imm12) {
        return iType(imm12, rs1, 3, rd, 0x03);
    }

    static int jalr(int rd, int rs1, int imm12) {
        return iType(imm12, rs1, 0, rd, 0x67);
    }

    /** csrrs rd, csr, x0. */
    static int csrr(int rd, int csr) {
        return iType(csr, 0, 2, rd, 0x73);
    }

    private static int iType(int imm12, int rs1, int funct3, int rd, int opcode) {
        return ((imm12 & 0xfff) << 20) | (rs1 << 15) | (funct3 << 12) | (rd << 7) | opcode;
    }
}
