package dev.hvscope.core.device;

import dev.hvscope.core.bus.MmioDevice;
import dev.hvscope.core.bus.VirtMemoryMap;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.LongUnaryOperator;

/**
 * One bank of CFI parallel flash as QEMU's {@code cfi.pflash01} on the virt board: Intel/Sharp
 * command set, a 4-byte bank of two interleaved 16-bit devices (so every ID, query and status answer
 * is repeated in both halves of a bank word), manufacturer 0x89, device 0x18, uniform sectors.
 *
 * <p>Behaviour checked against qemu-system-riscv64 7.2 from a guest: without a backing file the
 * bank reads as zeros and still accepts commands; read-device-ID (0x90) and read-status (0x70) stay
 * until another command, CFI query (0x98) leaves only on 0xFF (any other write returns to read
 * array); clear-status (0x50) zeroes the status (including "ready") and returns to read array; a
 * program or erase in a read-only bank sets the program (0x10) or erase (0x20) error bit and
 * changes nothing; unknown commands return to read array. Programming stores the written value
 * (QEMU does not AND it into the old contents).
 *
 * <p>The array lives in memory; program and erase write through to the image file at once with
 * positional writes, so an acknowledged write survives the JVM being killed. A bank without a file
 * allocates its array on the first program or erase: the virt board always has two 32 MiB banks,
 * and most guests never touch them.
 */
public final class CfiFlash implements MmioDevice, Closeable {
    public static final int BANK_WIDTH = 4;
    public static final int DEVICE_WIDTH = 2;
    public static final int MANUFACTURER_ID = 0x89;
    public static final int DEVICE_ID = 0x18;

    public static final int STATUS_READY = 0x80;
    public static final int STATUS_ERASE_ERROR = 0x20;
    public static final int STATUS_PROGRAM_ERROR = 0x10;

    /** log2 of the write buffer per device (CFI 0x2A); the bank buffer is twice that. */
    private static final int WRITE_BUFFER_LOG2 = 11;

    private enum Mode { READ_ARRAY, STATUS, DEVICE_ID, QUERY }

    private enum Cycle { COMMAND, PROGRAM_DATA, ERASE_CONFIRM, BUFFER_COUNT, BUFFER_DATA, BUFFER_CONFIRM, LOCK_CONFIRM }

    private final String label;
    private byte[] array;   // null: a bank without a file that was never written (reads as zeros)
    private final long bankSize;
    private final int sectorSize;
    private final boolean readOnly;
    private final FileChannel channel;
    private final byte[] cfiTable;
    private final String note;
    private long fileLength;

    private Mode mode = Mode.READ_ARRAY;
    private Cycle cycle = Cycle.COMMAND;
    private int status = STATUS_READY;
    private int bufferRemaining;

    /** A bank of the virt board's geometry (256 KiB sectors). */
    public CfiFlash(Path file, boolean readOnly, long bankSize) {
        this(file, readOnly, bankSize, VirtMemoryMap.FLASH_SECTOR_SIZE);
    }

    /**
     * @param file     raw image, or null for a bank without backing (reads zero, like QEMU without a drive)
     * @param readOnly refuse program/erase (status error bits), never open the file for writing
     * @throws IllegalArgumentException when the image is larger than the bank
     * @throws UncheckedIOException when the image cannot be read or opened
     */
    public CfiFlash(Path file, boolean readOnly, long bankSize, int sectorSize) {
        if (bankSize <= 0 || bankSize > Integer.MAX_VALUE - 8 || bankSize % sectorSize != 0
                || Integer.bitCount(sectorSize) != 1) {
            throw new IllegalArgumentException("pflash bank size " + bankSize
                    + " must be a positive multiple of the sector size " + sectorSize + " below 2 GiB");
        }
        this.label = file == null ? "pflash" : file.toString();
        this.bankSize = bankSize;
        this.sectorSize = sectorSize;
        this.readOnly = readOnly;
        this.cfiTable = buildCfiTable(bankSize, sectorSize);
        if (file == null) {
            this.channel = null;
            this.note = null;
            return;
        }
        try {
            long length = Files.size(file);
            if (length > bankSize) {
                throw new IllegalArgumentException("pflash image " + file + " is " + length
                        + " bytes, larger than the " + bankSize + "-byte flash bank");
            }
            this.fileLength = length;
            this.array = new byte[(int) bankSize];
            this.channel = readOnly
                    ? null
                    : FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
                ByteBuffer buf = ByteBuffer.wrap(array, 0, (int) length);
                while (buf.hasRemaining() && in.read(buf) >= 0) {
                    // keep reading
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open pflash image " + file + ": " + e.getMessage(), e);
        }
        Arrays.fill(array, (int) fileLength, array.length, (byte) 0xff);
        this.note = fileLength < bankSize
                ? "pflash image " + file + " is " + fileLength + " bytes, smaller than the " + bankSize
                        + "-byte bank; the rest reads as erased (0xFF) and the file grows only when written"
                : null;
    }

    /** Machine reset: back to read-array mode with a ready status; contents are kept. */
    public void reset() {
        readArrayMode();
        status = STATUS_READY;
    }

    /** A remark for the user about the image (padding), if any. */
    public Optional<String> note() {
        return Optional.ofNullable(note);
    }

    public boolean readOnly() {
        return readOnly;
    }

    /** True while reads return array contents, so a caller may use {@link #readArray}. */
    public boolean inReadArrayMode() {
        return mode == Mode.READ_ARRAY;
    }

    /** Reads 1..8 bytes of the array, little-endian, whatever the command state (fast path, debuggers). */
    public long readArray(long offset, int size) {
        if (array == null) {
            return 0;
        }
        long v = 0;
        int at = (int) offset;
        for (int k = size - 1; k >= 0; k--) {
            v = (v << 8) | (array[at + k] & 0xffL);
        }
        return v;
    }

    /** Copies array bytes out (hypervisor pflash emulation fills a frame from it). */
    public void copyArray(long offset, byte[] dst, int dstOffset, int length) {
        if (array == null) {
            Arrays.fill(dst, dstOffset, dstOffset + length, (byte) 0);
        } else {
            System.arraycopy(array, (int) offset, dst, dstOffset, length);
        }
    }

    public int status() {
        return status;
    }

    @Override
    public long size() {
        return bankSize;
    }

    @Override
    public long read(long offset, int size) {
        long value;
        switch (mode) {
            case READ_ARRAY -> {
                return readArray(offset, size);
            }
            case STATUS -> value = replicateDevices(status, size);
            case DEVICE_ID -> value = perBankWord(offset, size, this::deviceIdAnswer);
            default -> value = perBankWord(offset, size, this::queryAnswer);
        }
        return size == 8 ? value : value & ((1L << (8 * size)) - 1);
    }

    /** A device answer repeated in each 16-bit device lane of the access. */
    private static long replicateDevices(int answer, int size) {
        long v = answer & 0xffffL;
        for (int shift = 16; shift < 8 * size; shift += 16) {
            v |= (answer & 0xffffL) << shift;
        }
        return v;
    }

    /** Reads wider than a bank word combine the answers for consecutive bank words. */
    private static long perBankWord(long offset, int size, LongUnaryOperator answer) {
        long v = 0;
        for (int i = 0; i < Math.max(size, BANK_WIDTH); i += BANK_WIDTH) {
            v |= answer.applyAsLong(offset + i) << (8 * i);
        }
        return v;
    }

    /** The bank word of a device-ID read: the query index is the bank word number. */
    private long deviceIdAnswer(long offset) {
        int index = (int) ((offset >>> 2) & 0xff);
        int answer = index == 0 ? MANUFACTURER_ID : index == 1 ? DEVICE_ID : 0;
        return replicateDevices(answer, BANK_WIDTH);
    }

    private long queryAnswer(long offset) {
        long index = offset >>> 2;
        int answer = index < cfiTable.length ? cfiTable[(int) index] & 0xff : 0;
        return replicateDevices(answer, BANK_WIDTH);
    }

    /** The CFI query table of one 16-bit device (half of the bank), per the CFI specification. */
    private static byte[] buildCfiTable(long bankSize, int sectorSize) {
        long deviceSize = bankSize / (BANK_WIDTH / DEVICE_WIDTH);
        int deviceSector = sectorSize / (BANK_WIDTH / DEVICE_WIDTH);
        int blocks = (int) (bankSize / sectorSize);
        byte[] t = new byte[0x40];
        t[0x10] = 'Q';
        t[0x11] = 'R';
        t[0x12] = 'Y';
        t[0x13] = 0x01; // primary command set: Intel/Sharp extended
        t[0x15] = 0x31; // primary extended table at 0x31
        t[0x1b] = 0x45; // Vcc min 4.5 V
        t[0x1c] = 0x55; // Vcc max 5.5 V
        t[0x1f] = 0x07; // typical word program time 2^7 us
        t[0x20] = 0x07; // typical buffer write time 2^7 us
        t[0x21] = 0x0a; // typical block erase time 2^10 ms
        t[0x23] = 0x04; // max word program time 2^4 times typical
        t[0x24] = 0x04; // max buffer write time
        t[0x25] = 0x04; // max block erase time
        t[0x27] = (byte) Long.numberOfTrailingZeros(deviceSize); // device size 2^n bytes
        t[0x28] = 0x02; // interface: x8/x16
        t[0x2a] = WRITE_BUFFER_LOG2; // max bytes in a buffered write 2^n
        t[0x2c] = 0x01; // one erase block region
        t[0x2d] = (byte) (blocks - 1);
        t[0x2e] = (byte) ((blocks - 1) >>> 8);
        t[0x2f] = (byte) (deviceSector >>> 8);
        t[0x30] = (byte) (deviceSector >>> 16);
        t[0x31] = 'P';
        t[0x32] = 'R';
        t[0x33] = 'I';
        t[0x34] = '1';
        t[0x35] = '0';
        t[0x3f] = 0x01; // number of protection register fields
        return t;
    }

    /** The CFI query table value at index (tests, tools). */
    public int cfiTable(int index) {
        return index < cfiTable.length ? cfiTable[index] & 0xff : 0;
    }

    @Override
    public void write(long offset, int size, long value) {
        int cmd = (int) value & 0xff;
        switch (cycle) {
            case COMMAND -> command(offset, cmd);
            case PROGRAM_DATA -> {
                program(offset, size, value);
                status |= STATUS_READY;
                cycle = Cycle.COMMAND;
            }
            case ERASE_CONFIRM -> {
                if (cmd == 0xd0) {
                    erase(offset);
                    status |= STATUS_READY;
                    cycle = Cycle.COMMAND;
                } else {
                    readArrayMode();
                }
            }
            case BUFFER_COUNT -> {
                // The count of bank words minus one, per device lane (16 bits).
                bufferRemaining = (int) (value & 0xffff) + 1;
                long maxWords = (2L << WRITE_BUFFER_LOG2) / BANK_WIDTH;
                if (bufferRemaining > maxWords) {
                    status |= STATUS_PROGRAM_ERROR | STATUS_ERASE_ERROR; // command sequence error
                    readArrayMode();
                } else {
                    cycle = Cycle.BUFFER_DATA;
                }
            }
            case BUFFER_DATA -> {
                program(offset, size, value);
                status |= STATUS_READY;
                if (--bufferRemaining == 0) {
                    cycle = Cycle.BUFFER_CONFIRM;
                }
            }
            case BUFFER_CONFIRM -> {
                if (cmd == 0xd0) {
                    status |= STATUS_READY;
                    cycle = Cycle.COMMAND;
                    mode = Mode.STATUS;
                } else {
                    status |= STATUS_PROGRAM_ERROR | STATUS_ERASE_ERROR;
                    readArrayMode();
                }
            }
            case LOCK_CONFIRM -> {
                // Block lock bits are not modelled: lock, unlock and lock-down succeed silently.
                status |= STATUS_READY;
                cycle = Cycle.COMMAND;
                mode = Mode.STATUS;
            }
        }
    }

    private void command(long offset, int cmd) {
        if (mode == Mode.QUERY) {
            // QEMU leaves query mode only on read-array; anything else is a failed sequence.
            readArrayMode();
            return;
        }
        switch (cmd) {
            case 0x00, 0xf0, 0xff -> readArrayMode();
            case 0x10, 0x40 -> {
                cycle = Cycle.PROGRAM_DATA;
                mode = Mode.STATUS;
            }
            case 0x20 -> {
                cycle = Cycle.ERASE_CONFIRM;
                mode = Mode.STATUS;
            }
            case 0x50 -> {
                status = 0;
                readArrayMode();
            }
            case 0x60 -> {
                cycle = Cycle.LOCK_CONFIRM;
                mode = Mode.STATUS;
            }
            case 0x70 -> mode = Mode.STATUS;
            case 0x90 -> mode = Mode.DEVICE_ID;
            case 0x98 -> mode = Mode.QUERY;
            case 0xb0, 0xd0 -> { } // suspend / resume: operations complete at once, nothing to do
            case 0xe8 -> {
                status |= STATUS_READY; // write buffer available
                cycle = Cycle.BUFFER_COUNT;
                mode = Mode.STATUS;
            }
            default -> readArrayMode();
        }
    }

    private byte[] array() {
        if (array == null) {
            array = new byte[(int) bankSize];
        }
        return array;
    }

    private void readArrayMode() {
        mode = Mode.READ_ARRAY;
        cycle = Cycle.COMMAND;
    }

    private void program(long offset, int size, long value) {
        if (readOnly) {
            status |= STATUS_PROGRAM_ERROR;
            return;
        }
        int at = (int) offset;
        byte[] array = array();
        for (int k = 0; k < size; k++) {
            array[at + k] = (byte) (value >>> (8 * k));
        }
        persist(at, size);
    }

    private void erase(long offset) {
        if (readOnly) {
            status |= STATUS_ERASE_ERROR;
            return;
        }
        int start = (int) (offset & ~(long) (sectorSize - 1));
        Arrays.fill(array(), start, start + sectorSize, (byte) 0xff);
        persist(start, sectorSize);
    }

    /**
     * Writes array bytes [at, at + len) to the image. Writing past the file's end also writes the
     * padding in between, which is erased flash (0xFF), not the zeros a sparse file would hold.
     */
    private void persist(int at, int len) {
        if (channel == null) {
            return;
        }
        int from = (int) Math.min(at, fileLength);
        int end = at + len;
        try {
            ByteBuffer buf = ByteBuffer.wrap(array, from, end - from);
            long pos = from;
            while (buf.hasRemaining()) {
                pos += channel.write(buf, pos);
            }
            fileLength = Math.max(fileLength, end);
        } catch (IOException e) {
            // The guest sees a failed program/erase, as a worn-out device would report it.
            status |= STATUS_PROGRAM_ERROR | STATUS_ERASE_ERROR;
        }
    }

    /** Forces written data to the storage device and closes the image. */
    @Override
    public void close() throws IOException {
        if (channel != null && channel.isOpen()) {
            channel.force(true);
            channel.close();
        }
    }

    @Override
    public String name() {
        return label;
    }
}
