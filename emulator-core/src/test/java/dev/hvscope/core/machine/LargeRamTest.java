package dev.hvscope.core.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import dev.hvscope.core.bus.Bus;
import dev.hvscope.core.bus.Ram;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Guest RAM costs heap only where it is touched: a 16 GiB machine runs in a small JVM heap. */
class LargeRamTest {
    private static final long RAM = 0x8000_0000L;
    private static final long CHUNK = 1L << Ram.CHUNK_SHIFT;

    @Test
    void sixteenGibMachine_runsATestProgramToPowerOffTouchingLittleMemory() {
        Path elf = GuestRun.examples().resolve("tests/test_rv64i_alu.elf");
        MachineConfig config = MachineConfig.builder().bios(Bios.NONE).kernel(elf).serial(SerialMode.STDIO)
                .ramSize(MachineConfig.MAX_RAM_SIZE).build();
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (VirtMachine m = VirtMachine.create(config, null, out)) {
            assertTrue(m.runFor(10_000_000L), "powered off");
            assertEquals(0, m.exitStatus(), out.toString(StandardCharsets.ISO_8859_1));
            long touched = m.bus().ram().allocatedBytes();
            assertTrue(touched <= 4 * CHUNK, "guest RAM allocated: " + touched);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
        assertTrue(allocated < 64L << 20, "bytes allocated to build and run the machine: " + allocated);
        assertTrue(out.toString(StandardCharsets.ISO_8859_1).contains("PASS"), out.toString(StandardCharsets.ISO_8859_1));
    }

    @Test
    void heapNote_onlyWhenGuestRamCannotFitTheHeap() {
        assertEquals(null, VirtMachine.heapNote(128L << 20, 1L << 30));
        assertEquals(null, VirtMachine.heapNote(16L << 30, Long.MAX_VALUE));
        assertEquals("guest RAM (16384 MiB) is more than the JVM heap can hold (max 6000 MiB); a guest that touches"
                + " it all stops with OutOfMemoryError (./hvscope sizes the heap from -m; else pass -Xmx)",
                VirtMachine.heapNote(16L << 30, 6000L << 20));
    }

    @Test
    void elfSegmentAcrossAChunkBoundary_loadsFileBytesAndBssOnBothSides() {
        Bus bus = new Bus(new Ram(RAM, 4 * CHUNK));
        byte[] data = new byte[6000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 13 + 1);
        }
        long paddr = RAM + CHUNK - 4096;   // file bytes cross into the second chunk, bss into the third
        long memsz = CHUNK + 4096 + 64;
        for (long k = 0; k < memsz; k += 4096) {
            bus.ram().writeByte(paddr + k + 7, 0xee);   // left over from an earlier run
        }
        ElfImage img = ElfLoader.parse("x.elf", new TestElf().segment(paddr, data, memsz).build());
        ElfLoader.load(img, new BusPhysicalWriter(bus));
        for (int i = 0; i < data.length; i++) {
            assertEquals(data[i] & 0xff, bus.ram().readByte(paddr + i), "byte " + i);
        }
        for (long k = data.length; k < memsz; k += 4093) {
            assertEquals(0, bus.ram().readByte(paddr + k), "bss byte " + k);
        }
        for (long k = 8192; k < memsz; k += 4096) {   // past the file bytes
            assertEquals(0, bus.ram().readByte(paddr + k + 7), "bss byte " + (k + 7));
        }
    }
}
