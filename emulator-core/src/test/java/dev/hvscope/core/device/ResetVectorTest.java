package dev.hvscope.core.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hvscope.core.bus.VirtMemoryMap;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResetVectorTest {
    @TempDir
    Path dir;

    private static long dword(byte[] b, int at) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong(at);
    }

    private static int word(byte[] b, int at) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt(at);
    }

    @Test
    void romImage_matchesQemu72ByteForByte() {
        // Dumped from qemu-system-riscv64 7.2 -m 128M -bios none -kernel <elf>: the ROM at 0x1000.
        long[] qemu = {
            0x0282861300000297L, 0x0202b583f1402573L, 0x000280670182b283L, 0x0000000080000000L,
            0x0000000087e00000L, 0x000000004942534fL, 0x0000000000000002L, 0x000000007ffff000L,
            0x0000000000000001L, 0x0000000000000000L, 0x0000000000000000L,
        };
        byte[] rom = ResetVector.build(0x8000_0000L, 0x87e0_0000L, 0x7fff_f000L, ResetVector.NEXT_MODE_S, 0);
        assertEquals(qemu.length * 8, rom.length);
        for (int i = 0; i < qemu.length; i++) {
            assertEquals(qemu[i], dword(rom, 8 * i), "dword " + i);
        }
    }

    /** A hand decoder of the five instruction forms used, to check fields independently. */
    private static String decode(int insn) {
        int opcode = insn & 0x7f;
        int rd = (insn >>> 7) & 31;
        int funct3 = (insn >>> 12) & 7;
        int rs1 = (insn >>> 15) & 31;
        int imm = insn >> 20;
        return switch (opcode) {
            case 0x17 -> "auipc x" + rd + "," + (insn >>> 12);
            case 0x13 -> "addi x" + rd + ",x" + rs1 + "," + imm;
            case 0x73 -> "csrrs x" + rd + "," + Integer.toHexString(imm & 0xfff) + ",x" + rs1;
            case 0x03 -> (funct3 == 3 ? "ld" : "load" + funct3) + " x" + rd + "," + imm + "(x" + rs1 + ")";
            case 0x67 -> "jalr x" + rd + "," + imm + "(x" + rs1 + ")";
            default -> "?";
        };
    }

    @Test
    void instructions_decodeToTheIntendedSequence() {
        byte[] rom = ResetVector.build(0x8020_0000L, 0x8220_0000L, 0, ResetVector.NEXT_MODE_S, 0);
        assertEquals("auipc x5,0", decode(word(rom, 0)));
        assertEquals("addi x12,x5,40", decode(word(rom, 4)));
        assertEquals("csrrs x10,f14,x0", decode(word(rom, 8)));
        assertEquals("ld x11,32(x5)", decode(word(rom, 12)));
        assertEquals("ld x5,24(x5)", decode(word(rom, 16)));
        assertEquals("jalr x0,0(x5)", decode(word(rom, 20)));
        assertEquals(0x8020_0000L, dword(rom, 24));
        assertEquals(0x8220_0000L, dword(rom, 32));
        assertEquals(ResetVector.FW_DYNAMIC_INFO_MAGIC, dword(rom, 40));
    }

    @Test
    void objdump_disassemblesTheSameSequence() throws Exception {
        Assumptions.assumeTrue(ExternalTool.available("riscv64-unknown-elf-objdump"));
        Path bin = dir.resolve("rom.bin");
        Files.write(bin, ResetVector.build(0x8000_0000L, 0x87e0_0000L, 0, 1, 0));
        ExternalTool.Result r = ExternalTool.run(List.of("riscv64-unknown-elf-objdump", "-D", "-b", "binary",
                "-m", "riscv:rv64", "-M", "no-aliases", "--start-address=0", "--stop-address=0x18", bin.toString()));
        assertEquals(0, r.exitCode(), r.stderr());
        String out = r.stdout().replaceAll("[ \t]+", " ");
        assertTrue(out.contains("auipc t0,0x0"), out);
        assertTrue(out.contains("addi a2,t0,40"), out);
        assertTrue(out.contains("csrrs a0,mhartid,zero"), out);
        assertTrue(out.contains("ld a1,32(t0)"), out);
        assertTrue(out.contains("ld t0,24(t0)"), out);
        assertTrue(out.contains("jalr zero,0(t0)"), out);
    }

    @Test
    void mrom_servesTheImageLittleEndianAndIgnoresWrites() {
        byte[] image = ResetVector.build(0x8000_0000L, 0x87e0_0000L, 0, 1, 0);
        Mrom rom = new Mrom(image);
        assertEquals(VirtMemoryMap.MROM_SIZE, rom.size());
        assertEquals(0x00000297L, rom.read(0, 4));
        assertEquals(0x97, rom.read(0, 1));
        assertEquals(0x0000000080000000L, rom.read(0x18, 8));
        rom.write(0, 4, 0);
        assertEquals(0x00000297L, rom.read(0, 4));
        assertEquals(0, rom.read(0x100, 8));
    }
}
