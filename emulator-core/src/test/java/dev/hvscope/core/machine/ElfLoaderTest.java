package dev.hvscope.core.machine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hvscope.core.bus.Bus;
import dev.hvscope.core.bus.MmioDevice;
import dev.hvscope.core.bus.Ram;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElfLoaderTest {
    static final long RAM = 0x8000_0000L;
    static final byte[] CODE = {0x13, 0, 0, 0, 0x6f, 0, 0, 0}; // nop; j .

    static TestElf twoSegmentProgram() {
        return new TestElf()
                .segment(RAM, CODE, 0x200)
                .segment(RAM + 0x1000, new byte[] {1, 2, 3, 4}, 0x20)
                .symbol("_start", RAM, 0, ElfSymbol.STT_NOTYPE)
                .symbol("main", RAM + 0x100, 0x40, ElfSymbol.STT_FUNC)
                .localSymbol("loop", RAM + 0x100, 0, ElfSymbol.STT_NOTYPE)
                .symbol("counter", RAM + 0x1000, 8, ElfSymbol.STT_OBJECT)
                .localSymbol("$x", RAM, 0, ElfSymbol.STT_NOTYPE)
                .localSymbol("start.c", 0, 0, ElfSymbol.STT_FILE);
    }

    static Bus bus(long ramSize) {
        return new Bus(new Ram(RAM, ramSize));
    }

    static ImageFormatException rejects(byte[] bytes) {
        ImageFormatException e = assertThrows(ImageFormatException.class, () -> ElfLoader.parse("bad.elf", bytes));
        assertTrue(e.getMessage().startsWith("bad.elf "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e;
    }

    @Test
    void parse_readsEntrySegmentsAndSymbols() {
        TestElf t = twoSegmentProgram();
        t.entry = RAM + 4;
        ElfImage img = ElfLoader.parse("p.elf", t.build());
        assertEquals(RAM + 4, img.entry());
        assertEquals(2, img.segments().size());
        ElfSegment data = img.segments().get(1);
        assertEquals(RAM + 0x1000, data.paddr());
        assertEquals(4, data.filesz());
        assertEquals(0x20, data.memsz());
        assertEquals(RAM, img.lowAddress());
        assertEquals(RAM + 0x1020, img.highAddress());
        List<String> names = img.symbols().stream().map(ElfSymbol::name).collect(Collectors.toList());
        assertEquals(List.of("_start", "main", "loop", "counter", "start.c"), names, "mapping symbols are dropped");
    }

    @Test
    void load_copiesFileBytesAndZeroFillsBss() {
        Bus bus = bus(1 << 20);
        for (int i = 0; i <= 0x20; i++) {
            bus.ram().writeByte(RAM + 0x1000 + i, 0xee); // left over from an earlier run
        }
        ElfImage img = ElfLoader.parse("p.elf", twoSegmentProgram().build());
        long entry = ElfLoader.load(img, new BusPhysicalWriter(bus));
        assertEquals(RAM, entry);
        assertEquals(0x0000006f_00000013L, bus.read(RAM, 8));
        assertEquals(0x04030201L, bus.read(RAM + 0x1000, 4));
        for (int i = 4; i < 0x20; i++) {
            assertEquals(0, bus.ram().readByte(RAM + 0x1000 + i), "bss byte " + i);
        }
        assertEquals(0xee, bus.ram().readByte(RAM + 0x1020), "nothing written past memsz");
    }

    @Test
    void symbolAt_givesNameAndOffset_preferringFunctions() {
        ElfImage img = ElfLoader.parse("p.elf", twoSegmentProgram().build());
        assertEquals("_start+0x8", img.symbolAt(RAM + 8).orElseThrow().toString());
        assertEquals("_start", img.symbolAt(RAM).orElseThrow().toString());
        assertEquals(new SymbolLocation("main", 0x3c), img.symbolAt(RAM + 0x13c).orElseThrow());
        assertEquals("main", img.symbolAt(RAM + 0x100).orElseThrow().name(), "FUNC beats the local label");
        assertEquals("counter+0x4", img.symbolAt(RAM + 0x1004).orElseThrow().toString());
    }

    @Test
    void symbolAt_isEmptyBeforeFirstSymbolAndPastASizedOne() {
        ElfImage img = ElfLoader.parse("p.elf", twoSegmentProgram().build());
        assertTrue(img.symbolAt(RAM - 1).isEmpty());
        assertTrue(img.symbolAt(RAM + 0x140).isEmpty(), "main is 0x40 bytes");
        assertTrue(img.symbolAt(RAM + 0x1008).isEmpty(), "counter is 8 bytes");
    }

    @Test
    void symbolAt_unsizedLabelEndsWithItsSegment() {
        ElfImage img = ElfLoader.parse("l.elf", new TestElf()
                .segment(RAM, new byte[16], 16)
                .symbol("_start", RAM, 0, ElfSymbol.STT_NOTYPE)
                .build());
        assertEquals("_start+0xc", img.symbolAt(RAM + 12).orElseThrow().toString());
        assertTrue(img.symbolAt(RAM + 16).isEmpty(), "past the segment");
        assertTrue(img.symbolAt(0xffff_ffc0_8020_0000L).isEmpty(), "another image's address");
    }

    @Test
    void address_findsSymbolValueByName() {
        ElfImage img = ElfLoader.parse("p.elf", twoSegmentProgram().build());
        assertEquals(OptionalLong.of(RAM + 0x100), img.address("main"));
        assertEquals(OptionalLong.of(RAM + 0x100), img.address("loop"));
        assertTrue(img.address("nothing").isEmpty());
    }

    @Test
    void parse_acceptsStrippedFileWithoutSections() {
        byte[] b = twoSegmentProgram().build();
        TestElf.putU64(b, 40, 0); // e_shoff
        TestElf.putU16(b, 60, 0); // e_shnum
        assertTrue(ElfLoader.parse("s.elf", b).symbols().isEmpty());
    }

    @Test
    void parse_rejectsEmptyAndTruncatedHeaders() {
        assertTrue(rejects(new byte[0]).getMessage().contains("not an ELF file"));
        byte[] full = twoSegmentProgram().build();
        assertTrue(rejects(java.util.Arrays.copyOf(full, 40)).getMessage().contains("truncated"));
    }

    @Test
    void parse_rejectsBadMagic() {
        byte[] b = twoSegmentProgram().build();
        b[1] = 'X';
        assertTrue(rejects(b).getMessage().contains("bad magic"));
    }

    @Test
    void parse_rejects32BitElf() {
        byte[] b = twoSegmentProgram().build();
        b[4] = 1;
        assertTrue(rejects(b).getMessage().contains("32-bit"));
    }

    @Test
    void parse_rejectsBigEndian() {
        byte[] b = twoSegmentProgram().build();
        b[5] = 2;
        assertTrue(rejects(b).getMessage().contains("big-endian"));
    }

    @Test
    void parse_rejectsOtherMachines() {
        TestElf t = twoSegmentProgram();
        t.machine = 62;
        assertTrue(rejects(t.build()).getMessage().contains("x86-64, not RISC-V"));
    }

    @Test
    void parse_rejectsNonExecutables() {
        TestElf t = twoSegmentProgram();
        t.type = 1; // ET_REL, an object file
        assertTrue(rejects(t.build()).getMessage().contains("not an executable"));
        t.type = ElfLoader.ET_DYN;
        assertTrue(rejects(t.build()).getMessage().contains("ET_DYN"));
    }

    @Test
    void parse_rejectsSegmentBeyondEndOfFile() {
        TestElf t = twoSegmentProgram();
        byte[] b = t.build();
        TestElf.putU64(b, TestElf.phdrField(1, 32), 0x10000); // filesz
        TestElf.putU64(b, TestElf.phdrField(1, 40), 0x10000); // memsz
        assertTrue(rejects(b).getMessage().contains("segment 1 (paddr 0x80001000)"));
    }

    @Test
    void parse_rejectsOffsetThatWrapsAround() {
        byte[] b = twoSegmentProgram().build();
        TestElf.putU64(b, TestElf.phdrField(0, 8), -4L); // p_offset near 2^64: offset + size wraps
        assertTrue(rejects(b).getMessage().contains("extends beyond the end of the file"));
    }

    @Test
    void parse_rejectsFileSizeLargerThanMemorySize() {
        byte[] b = twoSegmentProgram().build();
        TestElf.putU64(b, TestElf.phdrField(1, 40), 2);
        assertTrue(rejects(b).getMessage().contains("larger than p_memsz"));
    }

    @Test
    void parse_rejectsSegmentWhoseEndOverflowsTheAddressSpace() {
        byte[] b = twoSegmentProgram().build();
        TestElf.putU64(b, TestElf.phdrField(1, 40), -0x1000L);
        assertTrue(rejects(b).getMessage().contains("overflows the address space"));
    }

    @Test
    void parse_rejectsProgramHeaderTableBeyondFile() {
        byte[] b = twoSegmentProgram().build();
        TestElf.putU16(b, 56, 0xffff); // e_phnum
        assertTrue(rejects(b).getMessage().contains("program header table"));
        byte[] c = twoSegmentProgram().build();
        TestElf.putU64(c, 32, Long.MIN_VALUE); // e_phoff
        assertTrue(rejects(c).getMessage().contains("program header table"));
    }

    @Test
    void parse_rejectsShortProgramHeaderEntries() {
        byte[] b = twoSegmentProgram().build();
        TestElf.putU16(b, 54, 32);
        assertTrue(rejects(b).getMessage().contains("program header size 32"));
    }

    @Test
    void parse_rejectsFileWithoutLoadableSegment() {
        byte[] b = twoSegmentProgram().build();
        TestElf.putU32(b, TestElf.phdrField(0, 0), 4); // PT_NOTE
        TestElf.putU32(b, TestElf.phdrField(1, 0), 6); // PT_PHDR
        assertTrue(rejects(b).getMessage().contains("no loadable"));
    }

    @Test
    void parse_rejectsBrokenSymbolTables() {
        TestElf t = twoSegmentProgram();
        byte[] b = t.build();
        TestElf.putU64(b, t.shoff + ElfLoader.SHDR_SIZE + 32, 0x7fff_0000L); // .symtab size
        assertTrue(rejects(b).getMessage().contains("symbol table"));

        byte[] c = t.build();
        TestElf.putU32(c, t.shoff + ElfLoader.SHDR_SIZE + 40, 9); // sh_link out of range
        assertTrue(rejects(c).getMessage().contains("linked to section 9"));

        byte[] d = t.build();
        TestElf.putU32(d, t.symtabOffset + ElfLoader.SYM_SIZE, 0x7000); // st_name past .strtab
        assertTrue(rejects(d).getMessage().contains("past its string table"));

        byte[] e = t.build();
        TestElf.putU64(e, t.shoff + 2 * ElfLoader.SHDR_SIZE + 32, 3); // .strtab cut inside "_start"
        assertTrue(rejects(e).getMessage().contains("runs past its string table"));
    }

    @Test
    void parse_everyTruncationIsAFormatError() {
        byte[] full = twoSegmentProgram().build();
        for (int len = 0; len < full.length; len++) {
            byte[] cut = java.util.Arrays.copyOf(full, len);
            try {
                ElfLoader.parse("cut.elf", cut);
                // a cut inside the trailing alignment padding is still a whole file
                assertTrue(len >= full.length - 3 * ElfLoader.SHDR_SIZE - 8, "parsed at length " + len);
            } catch (ImageFormatException expected) {
                assertTrue(expected.getMessage().startsWith("cut.elf "));
            }
        }
    }

    @Test
    void parse_randomCorruptionNeverEscapesAsAnotherException() {
        byte[] full = twoSegmentProgram().build();
        Random rnd = new Random(42);
        for (int round = 0; round < 20_000; round++) {
            byte[] b = full.clone();
            for (int k = 0; k < 1 + rnd.nextInt(4); k++) {
                b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
            }
            try {
                ElfLoader.parse("fuzz.elf", b);
            } catch (ImageFormatException expected) {
                // the only allowed failure
            }
        }
    }

    @Test
    void parse_rejectsOverlappingLoadableSegments() {
        byte[] b = new TestElf().segment(RAM, CODE, 0x2000).segment(RAM + 0x1000, CODE, 0x10).build();
        assertTrue(rejects(b).getMessage().contains("overlapping loadable segments at paddr 0x80000000"));
    }

    @Test
    void parse_rejectsAFileSizeOf2To63() {
        byte[] b = twoSegmentProgram().build();
        TestElf.putU64(b, TestElf.phdrField(1, 32), 1L << 63);
        TestElf.putU64(b, TestElf.phdrField(1, 40), 1L << 63);
        assertTrue(rejects(b).getMessage().contains("segment 1"));
    }

    @Test
    void load_rejectsA2To48ByteSegmentBeforeWritingAnything() {
        Bus bus = bus(1 << 20);
        byte[] b = twoSegmentProgram().build();
        TestElf.putU64(b, TestElf.phdrField(1, 40), 1L << 48);
        ElfImage img = ElfLoader.parse("huge.elf", b);
        ImageFormatException e = assertThrows(ImageFormatException.class,
                () -> ElfLoader.load(img, new BusPhysicalWriter(bus)));
        assertTrue(e.getMessage().startsWith("segment 0x80001000 +0x1000000000000 of huge.elf is outside RAM"), e.getMessage());
        assertEquals(0, bus.ram().readByte(RAM), "the first segment was not loaded either");
    }

    /** Header and program-header fields of a real example set to values that break naive loaders. */
    @Test
    void fuzzedHeadersOfAnExampleElf_giveCleanErrorsOrANormalLoad() throws IOException {
        Path examples = Path.of(System.getProperty("hvscope.examples", "../examples"));
        byte[] original = Files.readAllBytes(examples.resolve("hv-baremetal/hv-fault-loop.elf"));
        long seed = Long.getLong("hvscope.fuzz.seed", System.nanoTime());
        System.out.println("ElfLoaderTest fuzz seed: -Dhvscope.fuzz.seed=" + seed);
        Random rnd = new Random(seed);
        long[] nasty = {0, 1, -1, 1L << 48, 1L << 63, original.length, original.length + 1, RAM, RAM - 1, -RAM,
            0x7fff_ffffL, 0xffff_ffffL};
        int phoff = (int) java.nio.ByteBuffer.wrap(original).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong(32);
        int phnum = (original[56] & 0xff) | (original[57] & 0xff) << 8;
        long end = System.nanoTime() + 3_000_000_000L;
        for (int round = 0; round < 5000 && System.nanoTime() < end; round++) {
            byte[] b = original.clone();
            for (int k = 0; k < 1 + rnd.nextInt(3); k++) {
                if (rnd.nextBoolean()) {
                    // one 64-bit field of one program header (offset, vaddr, paddr, filesz, memsz)
                    int at = phoff + rnd.nextInt(Math.max(1, phnum)) * 56 + 8 + 8 * rnd.nextInt(5);
                    long v = nasty[rnd.nextInt(nasty.length)] + (rnd.nextInt(3) - 1);
                    if (at + 8 <= b.length) {
                        TestElf.putU64(b, at, v);
                    }
                } else {
                    b[rnd.nextInt(64 + Math.max(1, phnum) * 56)] = (byte) rnd.nextInt(256);
                }
            }
            Bus bus = bus(1 << 20);
            try {
                ElfLoader.load(ElfLoader.parse("fuzz.elf", b), new BusPhysicalWriter(bus));
            } catch (ImageFormatException expected) {
                assertFalse(expected.getMessage().contains("\n"), expected.getMessage());
            }
        }
    }

    @Test
    void load_rejectsSegmentOutsideRamNamingRangeAndDevice() {
        Bus bus = bus(1 << 20);
        bus.attach(0x10_0000L, new NamedDevice("sifive_test", 0x1000));
        ElfImage img = ElfLoader.parse("x.elf", new TestElf().segment(0x10_0000L, CODE, 0x10).build());
        ImageFormatException e = assertThrows(ImageFormatException.class,
                () -> ElfLoader.load(img, new BusPhysicalWriter(bus)));
        assertEquals("segment 0x100000 +0x10 of x.elf is outside RAM [0x80000000, 0x80100000) (it overlaps sifive_test)",
                e.getMessage());
    }

    @Test
    void load_rejectsSegmentCrossingTheEndOfRam() {
        Bus bus = bus(1 << 20);
        ElfImage img = ElfLoader.parse("x.elf", new TestElf().segment(RAM + 0xff000, CODE, 0x2000).build());
        ImageFormatException e = assertThrows(ImageFormatException.class,
                () -> ElfLoader.load(img, new BusPhysicalWriter(bus)));
        assertEquals("segment 0x800ff000 +0x2000 of x.elf is outside RAM [0x80000000, 0x80100000)", e.getMessage());
        assertEquals(0, bus.ram().readByte(RAM + 0xff000), "nothing is written when a segment does not fit");
    }

    @Test
    void load_dropsAFileBackedHeadBelowRam_asQemuDoes() {
        // gcc -nostdlib -Ttext=0x80000000: the first segment holds the ELF header page at 0x7ffff000
        Bus bus = bus(1 << 20);
        byte[] data = new byte[0x1000 + CODE.length];
        Arrays.fill(data, 0, 0x1000, (byte) 0x55);
        System.arraycopy(CODE, 0, data, 0x1000, CODE.length);
        ElfImage img = ElfLoader.parse("low.elf", new TestElf().segment(RAM - 0x1000, data, data.length + 0x10).build());
        assertEquals(RAM, ElfLoader.load(img, new BusPhysicalWriter(bus)));
        for (int i = 0; i < CODE.length; i++) {
            assertEquals(CODE[i] & 0xff, bus.ram().readByte(RAM + i), "byte " + i);
        }
        for (int i = 0; i < 0x10; i++) {
            assertEquals(0, bus.ram().readByte(RAM + CODE.length + i), "bss byte " + i);
        }
    }

    @Test
    void load_stillRejectsHeadsBelowRamThatAreBssOnADeviceOrTheWholeSegment() {
        Bus bus = bus(1 << 20);
        bus.attach(RAM - 0x1000, new NamedDevice("mmio", 0x1000));
        byte[] page = new byte[0x1000 + CODE.length];
        ElfImage onDevice = ElfLoader.parse("d.elf", new TestElf().segment(RAM - 0x1000, page, page.length).build());
        assertThrows(ImageFormatException.class, () -> ElfLoader.load(onDevice, new BusPhysicalWriter(bus)));

        Bus plain = bus(1 << 20);
        ElfImage bssHead = ElfLoader.parse("b.elf", new TestElf().segment(RAM - 0x2000, CODE, 0x3000).build());
        assertThrows(ImageFormatException.class, () -> ElfLoader.load(bssHead, new BusPhysicalWriter(plain)));
        ElfImage allBelow = ElfLoader.parse("a.elf", new TestElf().segment(RAM - 0x1000, new byte[0x1000], 0x1000).build());
        assertThrows(ImageFormatException.class, () -> ElfLoader.load(allBelow, new BusPhysicalWriter(plain)));
        ElfImage pastTheEnd = ElfLoader.parse("e.elf",
                new TestElf().segment(RAM - 0x1000, new byte[0x2000], (1 << 20) + 0x1000 + 1).build());
        assertThrows(ImageFormatException.class, () -> ElfLoader.load(pastTheEnd, new BusPhysicalWriter(plain)));
    }

    @Test
    void imageLoader_loadsRawFileAtTheGivenAddress(@TempDir Path dir) throws IOException {
        Path raw = dir.resolve("fw.bin");
        Files.write(raw, CODE);
        Bus bus = bus(1 << 20);
        LoadedImage li = ImageLoader.load(raw, RAM + 0x200, new BusPhysicalWriter(bus));
        assertFalse(li.isElf());
        assertEquals(RAM + 0x200, li.entry());
        assertEquals(RAM + 0x208, li.highAddress());
        assertEquals(0x13, bus.ram().readByte(RAM + 0x200));
    }

    @Test
    void imageLoader_loadsElfAtItsOwnAddresses(@TempDir Path dir) throws IOException {
        Path elf = dir.resolve("k.elf");
        TestElf t = twoSegmentProgram();
        t.entry = RAM + 0x100;
        Files.write(elf, t.build());
        Bus bus = bus(1 << 20);
        LoadedImage li = ImageLoader.load(elf, RAM + 0x20_0000L, new BusPhysicalWriter(bus));
        assertTrue(li.isElf());
        assertEquals(RAM + 0x100, li.entry());
        assertEquals(0x13, bus.ram().readByte(RAM));
        assertEquals("main", li.elf().symbolAt(li.entry()).orElseThrow().name());
    }

    @Test
    void imageLoader_reportsMissingEmptyAndMisplacedFiles(@TempDir Path dir) throws IOException {
        PhysicalWriter mem = new BusPhysicalWriter(bus(1 << 20));
        MachineException missing = assertThrows(MachineException.class,
                () -> ImageLoader.load(dir.resolve("nope.bin"), RAM, mem));
        assertEquals("cannot read " + dir.resolve("nope.bin") + ": no such file", missing.getMessage());
        Path empty = Files.createFile(dir.resolve("empty.bin"));
        assertTrue(assertThrows(ImageFormatException.class, () -> ImageLoader.load(empty, RAM, mem))
                .getMessage().endsWith("is empty"));
        Path raw = Files.write(dir.resolve("r.bin"), CODE);
        assertTrue(assertThrows(ImageFormatException.class, () -> ImageLoader.load(raw, RAM + 0xffffc, mem))
                .getMessage().contains("outside RAM"));
    }

    @Test
    void systemOpenSbiFirmware_parsesAndLoads() {
        Path fw = Bios.DEFAULT_FIRMWARE_CANDIDATES.get(0);
        Assumptions.assumeTrue(Files.isRegularFile(fw), "OpenSBI not installed");
        ElfImage img = ElfLoader.read(fw);
        assertEquals(RAM, img.entry());
        Bus bus = bus(128L << 20);
        ElfLoader.load(img, new BusPhysicalWriter(bus));
        ElfSegment first = img.segments().get(0);
        byte[] file = ImageLoader.readFile(fw);
        assertEquals(file[(int) first.fileOffset()] & 0xff, bus.ram().readByte(first.paddr()));
    }

    @Test
    void committedExampleElfs_allParse() throws IOException {
        Path examples = Path.of(System.getProperty("hvscope.examples", "examples"));
        Assumptions.assumeTrue(Files.isDirectory(examples), "examples/ not present yet");
        List<Path> elfs;
        try (Stream<Path> s = Files.walk(examples)) {
            elfs = s.filter(p -> p.toString().endsWith(".elf")).collect(Collectors.toList());
        }
        Assumptions.assumeFalse(elfs.isEmpty(), "no committed ELFs yet");
        for (Path p : elfs) {
            ElfImage img = ElfLoader.read(p);
            // test_elf_header_below_ram's segment starts below RAM on purpose; none lies wholly below
            assertTrue(img.segments().stream().allMatch(seg -> Long.compareUnsigned(seg.paddrEnd(), RAM) > 0),
                    p + " loads below RAM");
        }
    }

    @Test
    void gccBuiltElf_symbolsMatchTheToolchain(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(onPath("riscv64-unknown-elf-gcc"), "riscv64-unknown-elf-gcc not installed");
        Path src = Files.writeString(dir.resolve("t.S"), String.join("\n",
                ".globl _start", "_start:", "  nop", "  nop", "spin:", "  j spin",
                ".data", ".globl value", "value: .dword 0x1122334455667788", ".bss", "buf: .space 64", ""));
        Path lds = Files.writeString(dir.resolve("t.ld"), "SECTIONS { . = 0x80000000; .text : { *(.text*) }"
                + " .data : { *(.data*) } .bss : { *(.bss*) } }\n");
        Path elf = dir.resolve("t.elf");
        Process p = new ProcessBuilder("riscv64-unknown-elf-gcc", "-nostdlib", "-march=rv64gc", "-mabi=lp64d",
                "-T", lds.toString(), "-o", elf.toString(), src.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);

        ElfImage img = ElfLoader.read(elf);
        assertEquals(OptionalLong.of(RAM), img.address("_start"));
        assertEquals(img.entry(), RAM);
        assertEquals("spin", img.symbolAt(img.address("spin").getAsLong()).orElseThrow().toString());
        Bus bus = bus(1 << 20);
        ElfLoader.load(img, new BusPhysicalWriter(bus));
        assertEquals(0x1122334455667788L, bus.read(img.address("value").getAsLong(), 8));
        assertArrayEquals(new byte[] {0x01, 0x00}, new byte[] {(byte) bus.ram().readByte(RAM),
                (byte) bus.ram().readByte(RAM + 1)}, "c.nop at _start");
    }

    static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(d.isEmpty() ? "." : d, tool))) {
                return true;
            }
        }
        return false;
    }

    /** A device that only has a name and a size, for overlap messages. */
    record NamedDevice(String name, long size) implements MmioDevice {
        public long read(long offset, int size) {
            return 0;
        }

        public void write(long offset, int size, long value) {
        }
    }
}
