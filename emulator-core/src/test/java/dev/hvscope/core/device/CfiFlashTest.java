package dev.hvscope.core.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hvscope.core.bus.VirtMemoryMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Expected values are what qemu-system-riscv64 7.2 answered to a bare-metal probe on the virt
 * board's pflash0 (32-bit reads unless stated).
 */
class CfiFlashTest {
    private static final long BANK = VirtMemoryMap.FLASH_BANK_SIZE;
    private static final int SECTOR = VirtMemoryMap.FLASH_SECTOR_SIZE;

    @TempDir
    Path dir;

    private static void cmd(CfiFlash f, long offset, int command) {
        f.write(offset, 4, (command << 16) | command);
    }

    @Test
    void noFile_readsZeroLikeQemuWithoutADrive() {
        CfiFlash f = new CfiFlash(null, false, BANK);
        assertEquals(0, f.read(0, 4));
        assertEquals(0, f.read(BANK - 8, 8));
        assertTrue(f.note().isEmpty());
    }

    @Test
    void readId_answersIntelManufacturerAndDevice() {
        CfiFlash f = new CfiFlash(null, false, BANK);
        cmd(f, 0, 0x90);
        assertEquals(0x00890089L, f.read(0, 4));
        assertEquals(0x00180018L, f.read(4, 4));
        assertEquals(0, f.read(8, 4));
        cmd(f, 0, 0xff);
        assertEquals(0, f.read(0, 4));
    }

    @Test
    void cfiQuery_presentsQemusTable() {
        CfiFlash f = new CfiFlash(null, false, BANK);
        cmd(f, 0, 0x98);
        int[] expected = new int[0x42];
        int[][] known = {
            {0x10, 0x51}, {0x11, 0x52}, {0x12, 0x59}, {0x13, 0x01}, {0x15, 0x31}, {0x1b, 0x45}, {0x1c, 0x55},
            {0x1f, 0x07}, {0x20, 0x07}, {0x21, 0x0a}, {0x23, 0x04}, {0x24, 0x04}, {0x25, 0x04},
            {0x27, 0x18}, {0x28, 0x02}, {0x2a, 0x0b}, {0x2c, 0x01}, {0x2d, 0x7f}, {0x30, 0x02},
            {0x31, 'P'}, {0x32, 'R'}, {0x33, 'I'}, {0x34, '1'}, {0x35, '0'}, {0x3f, 0x01},
        };
        for (int[] k : known) {
            expected[k[0]] = k[1];
        }
        for (int i = 0; i < expected.length; i++) {
            long word = expected[i] | ((long) expected[i] << 16);
            assertEquals(word, f.read(4L * i, 4), "CFI index 0x" + Integer.toHexString(i));
        }
    }

    @Test
    void cfiQuery_narrowAndWideReads() {
        CfiFlash f = new CfiFlash(null, false, BANK);
        cmd(f, 0, 0x98);
        assertEquals(0x51, f.read(0x40, 2));
        assertEquals(0x51, f.read(0x42, 1), "QEMU does not shift by the byte within the bank word");
        assertEquals(0x0052005200510051L, f.read(0x40, 8));
    }

    @Test
    void queryMode_isLeftByAnyWrite_andOnlyReadArrayIsHonoured() {
        CfiFlash f = new CfiFlash(null, false, BANK);
        cmd(f, 0, 0x98);
        cmd(f, 0, 0x70); // not honoured: back to read array, as QEMU
        assertTrue(f.inReadArrayMode());
        assertEquals(0, f.read(0, 4));
    }

    @Test
    void status_isReadyAtStart_clearStatusZeroesIt() {
        CfiFlash f = new CfiFlash(null, false, BANK);
        cmd(f, 0, 0x70);
        assertEquals(0x00800080L, f.read(0, 4));
        assertEquals(0x0080008000800080L, f.read(0, 8));
        cmd(f, 0, 0x50);
        assertTrue(f.inReadArrayMode());
        cmd(f, 0, 0x70);
        assertEquals(0, f.read(0, 4));
    }

    @Test
    void wordProgram_storesTheValueAndReportsStatus() {
        CfiFlash f = new CfiFlash(null, false, BANK);
        cmd(f, 0x100, 0x40);
        f.write(0x100, 4, 0x12345678L);
        assertEquals(0x00800080L, f.read(0x100, 4));
        cmd(f, 0, 0xff);
        assertEquals(0x12345678L, f.read(0x100, 4));
        cmd(f, 0x104, 0x10);
        f.write(0x104, 2, 0xabcd);
        cmd(f, 0, 0xff);
        assertEquals(0xabcdL, f.read(0x104, 4));
    }

    @Test
    void blockErase_fillsTheWholeSectorWithOnes() {
        CfiFlash f = new CfiFlash(null, false, BANK);
        cmd(f, SECTOR + 0x10, 0x20);
        cmd(f, SECTOR + 0x10, 0xd0);
        assertEquals(0x00800080L, f.read(0, 4));
        cmd(f, 0, 0xff);
        assertEquals(0xffffffffL, f.read(SECTOR, 4));
        assertEquals(0xffffffffL, f.read(2L * SECTOR - 4, 4));
        assertEquals(0, f.read(SECTOR - 4, 4));
        assertEquals(0, f.read(2L * SECTOR, 4));
    }

    @Test
    void bufferedProgram_writesCountPlusOneWordsAfterConfirm() {
        CfiFlash f = new CfiFlash(null, false, BANK);
        cmd(f, 0x200, 0xe8);
        assertEquals(0x00800080L, f.read(0x200, 4), "buffer available");
        f.write(0x200, 4, 0x00010001L);
        f.write(0x200, 4, 0x11111111L);
        f.write(0x204, 4, 0x22222222L);
        cmd(f, 0x200, 0xd0);
        assertEquals(0x00800080L, f.read(0x200, 4));
        cmd(f, 0, 0xff);
        assertEquals(0x2222222211111111L, f.read(0x200, 8));
        assertEquals(0, f.read(0x208, 8));
    }

    @Test
    void unknownCommand_returnsToReadArray() {
        CfiFlash f = new CfiFlash(null, false, BANK);
        cmd(f, 0, 0x90);
        cmd(f, 0, 0x33);
        assertTrue(f.inReadArrayMode());
    }

    @Test
    void programAndErase_persistToTheFile_andANewInstanceSeesThem() throws IOException {
        Path img = dir.resolve("flash.img");
        byte[] content = new byte[2 * SECTOR];
        Arrays.fill(content, (byte) 0xff);
        Files.write(img, content);
        try (CfiFlash f = new CfiFlash(img, false, BANK)) {
            cmd(f, 0x10, 0x40);
            f.write(0x10, 4, 0xcafef00dL);
            cmd(f, SECTOR, 0x20);
            f.write(SECTOR, 1, 0xd0);
        }
        byte[] onDisk = Files.readAllBytes(img);
        assertEquals(2 * SECTOR, onDisk.length, "the file does not grow for writes inside it");
        assertEquals((byte) 0x0d, onDisk[0x10]);
        assertEquals((byte) 0xca, onDisk[0x13]);
        try (CfiFlash again = new CfiFlash(img, false, BANK)) {
            assertEquals(0xcafef00dL, again.read(0x10, 4));
            assertEquals(0xffffffffL, again.read(SECTOR, 4));
        }
    }

    @Test
    void smallFile_isPaddedWithOnes_notedAndGrownOnlyWhenWrittenBeyond() throws IOException {
        Path img = dir.resolve("small.img");
        Files.write(img, new byte[] {1, 2, 3, 4});
        try (CfiFlash f = new CfiFlash(img, false, BANK)) {
            assertTrue(f.note().isPresent());
            assertTrue(f.note().get().contains("smaller"), f.note().get());
            assertEquals(0x04030201L, f.read(0, 4));
            assertEquals(0xffffffffL, f.read(4, 4));
            assertEquals(4, Files.size(img));
            cmd(f, 0x20, 0x40);
            f.write(0x20, 4, 0x55aa55aaL);
        }
        byte[] onDisk = Files.readAllBytes(img);
        assertEquals(0x24, onDisk.length);
        byte[] gap = Arrays.copyOfRange(onDisk, 4, 0x20);
        byte[] ones = new byte[gap.length];
        Arrays.fill(ones, (byte) 0xff);
        assertArrayEquals(ones, gap, "the padding written out is erased flash, not zeros");
        assertEquals((byte) 0x55, onDisk[0x23]);
    }

    @Test
    void oversizeFile_isRejectedWithAClearMessage() throws IOException {
        Path img = dir.resolve("big.img");
        Files.write(img, new byte[2 * SECTOR + 1]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CfiFlash(img, false, 2L * SECTOR));
        assertTrue(e.getMessage().contains("larger than"), e.getMessage());
        assertTrue(e.getMessage().contains("big.img"), e.getMessage());
    }

    @Test
    void readOnly_refusesProgramAndErase_withQemusStatusBits() throws IOException {
        Path img = dir.resolve("ro.img");
        byte[] content = new byte[SECTOR];
        Files.write(img, content);
        try (CfiFlash f = new CfiFlash(img, true, BANK)) {
            cmd(f, 0, 0x40);
            f.write(0, 4, 0x12345678L);
            assertEquals(0x00900090L, f.read(0, 4), "ready + program error");
            cmd(f, 0, 0x50);
            cmd(f, 0, 0x20);
            cmd(f, 0, 0xd0);
            assertEquals(0x00a000a0L, f.read(0, 4), "ready + erase error");
            cmd(f, 0, 0xff);
            assertEquals(0, f.read(0, 4));
        }
        assertArrayEquals(content, Files.readAllBytes(img));
    }

    @Test
    void smallerGeometry_changesSizeFieldsOfTheQueryTable() {
        CfiFlash f = new CfiFlash(null, false, 4L * SECTOR);
        assertEquals(19, f.cfiTable(0x27), "two 512 KiB devices: 2^19");
        assertEquals(3, f.cfiTable(0x2d), "four blocks");
    }

    @Test
    void readArrayFastPath_ignoresTheCommandState() {
        CfiFlash f = new CfiFlash(null, false, BANK);
        cmd(f, 0, 0x40);
        f.write(0, 4, 0x01020304);
        assertFalse(f.inReadArrayMode());
        assertEquals(0x01020304L, f.readArray(0, 4));
        byte[] dst = new byte[4];
        f.copyArray(0, dst, 0, 4);
        assertArrayEquals(new byte[] {4, 3, 2, 1}, dst);
    }

    @Test
    void reset_returnsToReadArrayWithReadyStatus() {
        CfiFlash f = new CfiFlash(null, false, BANK);
        cmd(f, 0, 0x50);
        cmd(f, 0, 0x98);
        f.reset();
        assertTrue(f.inReadArrayMode());
        assertEquals(CfiFlash.STATUS_READY, f.status());
    }
}
