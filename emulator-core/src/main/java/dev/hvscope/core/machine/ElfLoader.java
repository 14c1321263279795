package dev.hvscope.core.machine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses ELF64 little-endian RISC-V executables (System V gABI, "ELF-64 Object File Format") and
 * loads their PT_LOAD segments. Every field that points into the file is range-checked before use,
 * with unsigned arithmetic that cannot overflow, so malformed input gives an
 * {@link ImageFormatException} naming the file and the problem, never an index exception.
 */
public final class ElfLoader {
    static final int EHDR_SIZE = 64;
    static final int PHDR_SIZE = 56;
    static final int SHDR_SIZE = 64;
    static final int SYM_SIZE = 24;
    static final int ELFCLASS32 = 1;
    static final int ELFCLASS64 = 2;
    static final int ELFDATA2LSB = 1;
    static final int ELFDATA2MSB = 2;
    static final int ET_EXEC = 2;
    static final int ET_DYN = 3;
    static final int EM_RISCV = 243;
    static final int PT_LOAD = 1;
    static final int SHT_SYMTAB = 2;
    static final int SHT_STRTAB = 3;
    static final int SHN_UNDEF = 0;

    private static final byte[] ZEROS = new byte[64 * 1024];

    private ElfLoader() {
    }

    /** Reads and parses a file. */
    public static ElfImage read(Path file) {
        return parse(file.toString(), ImageLoader.readFile(file));
    }

    public static boolean hasElfMagic(byte[] b) {
        return b.length >= 4 && b[0] == 0x7f && b[1] == 'E' && b[2] == 'L' && b[3] == 'F';
    }

    /** Parses and checks an image; name is used in messages. */
    public static ElfImage parse(String name, byte[] b) {
        return new Parser(name, b).parse();
    }

    /**
     * Copies every PT_LOAD segment to its paddr and zero-fills its bss; returns the entry point.
     * Every segment is checked before anything is written.
     */
    public static long load(ElfImage image, PhysicalWriter memory) {
        for (ElfSegment s : image.segments()) {
            if (s.memsz() != 0 && !memory.isRam(s.paddr(), s.memsz()) && headBelowRam(s, memory) == 0) {
                throw new ImageFormatException(
                        ImageLoader.outsideRam("segment", s.paddr(), s.memsz(), image.name(), memory));
            }
        }
        for (ElfSegment s : image.segments()) {
            long skip = s.memsz() == 0 || memory.isRam(s.paddr(), s.memsz()) ? 0 : headBelowRam(s, memory);
            memory.write(s.paddr() + skip, image.bytes(), (int) (s.fileOffset() + skip), (int) (s.filesz() - skip));
            for (long done = s.filesz(); done < s.memsz(); ) {
                int n = (int) Math.min(ZEROS.length, s.memsz() - done);
                memory.write(s.paddr() + done, ZEROS, 0, n);
                done += n;
            }
        }
        return image.entry();
    }

    /**
     * The length of a segment's head that lies below RAM when the rest lies inside it, or 0 when
     * the segment is not of that shape. {@code gcc -nostdlib -Ttext=0x80000000} puts the ELF
     * header page in the first segment, at 0x7ffff000; QEMU's loader writes only what lands in
     * RAM or ROM and drops the rest, so such a program runs there. We drop the head too, but only
     * a head read from the file (not bss) that lands on no device.
     */
    private static long headBelowRam(ElfSegment s, PhysicalWriter memory) {
        long head = memory.ramBase() - s.paddr();
        boolean startsBelow = Long.compareUnsigned(s.paddr(), memory.ramBase()) < 0;
        if (!startsBelow || Long.compareUnsigned(head, s.filesz()) > 0 || Long.compareUnsigned(head, s.memsz()) >= 0
                || !memory.isRam(memory.ramBase(), s.memsz() - head) || memory.deviceAt(s.paddr(), head) != null) {
            return 0;
        }
        return head;
    }

    /** One parse; holds the bytes and the file name for messages. */
    private static final class Parser {
        private final String name;
        private final byte[] b;

        Parser(String name, byte[] b) {
            this.name = name;
            this.b = b;
        }

        ElfImage parse() {
            checkIdent();
            int type = u16(16);
            if (type != ET_EXEC) {
                throw bad(type == ET_DYN
                        ? "is a shared object or PIE (ET_DYN); hvscope loads ET_EXEC executables"
                        : "is not an executable (e_type " + type + ")");
            }
            int machine = u16(18);
            if (machine != EM_RISCV) {
                throw bad("is for " + machineName(machine) + ", not RISC-V (e_machine " + machine + ")");
            }
            long entry = u64(24);
            List<ElfSegment> segments = programHeaders(u64(32), u16(54), u16(56));
            List<ElfSymbol> symbols = symbols(u64(40), u16(58), u16(60));
            List<ElfSection> sections = sections(u64(40), u16(58), u16(60), u16(62));
            return new ElfImage(name, b, entry, segments, symbols, sections);
        }

        private void checkIdent() {
            if (!hasElfMagic(b)) {
                throw bad(b.length < 4 ? "is not an ELF file (only " + b.length + " bytes)" : "is not an ELF file (bad magic)");
            }
            if (b.length < 7) {
                throw bad("is truncated: " + b.length + " bytes, an ELF header needs " + EHDR_SIZE);
            }
            if (b[4] == ELFCLASS32) {
                throw bad("is a 32-bit ELF (ELFCLASS32); hvscope loads ELF64 (riscv64) only");
            }
            if (b[4] != ELFCLASS64) {
                throw bad("has an invalid ELF class " + b[4]);
            }
            if (b[5] == ELFDATA2MSB) {
                throw bad("is big-endian (ELFDATA2MSB); RISC-V images are little-endian");
            }
            if (b[5] != ELFDATA2LSB) {
                throw bad("has an invalid ELF data encoding " + b[5]);
            }
            if (b[6] != 1) {
                throw bad("has an invalid ELF version " + b[6]);
            }
            if (b.length < EHDR_SIZE) {
                throw bad("is truncated: " + b.length + " bytes, an ELF header needs " + EHDR_SIZE);
            }
        }

        private List<ElfSegment> programHeaders(long phoff, int entsize, int count) {
            List<ElfSegment> out = new ArrayList<>();
            if (count == 0) {
                throw bad("has no program headers");
            }
            if (entsize < PHDR_SIZE) {
                throw bad("has program header size " + entsize + ", ELF64 needs " + PHDR_SIZE);
            }
            checkRange(phoff, (long) entsize * count, "the program header table");
            for (int i = 0; i < count; i++) {
                int p = (int) phoff + i * entsize;
                if (u32(p) != PT_LOAD) {
                    continue;
                }
                long offset = u64(p + 8);
                long vaddr = u64(p + 16);
                long paddr = u64(p + 24);
                long filesz = u64(p + 32);
                long memsz = u64(p + 40);
                String seg = "segment " + i + " (paddr 0x" + Long.toHexString(paddr) + ")";
                if (Long.compareUnsigned(filesz, memsz) > 0) {
                    throw bad(seg + " has p_filesz 0x" + Long.toHexString(filesz) + " larger than p_memsz 0x"
                            + Long.toHexString(memsz));
                }
                checkRange(offset, filesz, seg);
                if (Long.compareUnsigned(memsz, -1L - paddr) > 0) {
                    throw bad(seg + " size 0x" + Long.toHexString(memsz) + " overflows the address space");
                }
                out.add(new ElfSegment(paddr, vaddr, offset, filesz, memsz, u32(p + 4)));
            }
            if (out.isEmpty()) {
                throw bad("has no loadable (PT_LOAD) segment");
            }
            checkNoOverlap(out);
            return out;
        }

        /** Two loadable segments on the same bytes: which one wins would depend on the load order. */
        private void checkNoOverlap(List<ElfSegment> segments) {
            List<ElfSegment> sorted = new ArrayList<>(segments);
            sorted.removeIf(s -> s.memsz() == 0);
            sorted.sort((x, y) -> Long.compareUnsigned(x.paddr(), y.paddr()));
            for (int i = 1; i < sorted.size(); i++) {
                ElfSegment prev = sorted.get(i - 1);
                ElfSegment next = sorted.get(i);
                // no wrap: the address-space check above holds for each segment
                if (Long.compareUnsigned(next.paddr(), prev.paddr() + prev.memsz()) < 0) {
                    throw bad("has overlapping loadable segments at paddr 0x" + Long.toHexString(prev.paddr())
                            + " (0x" + Long.toHexString(prev.memsz()) + " bytes) and 0x" + Long.toHexString(next.paddr()));
                }
            }
        }

        private List<ElfSymbol> symbols(long shoff, int entsize, int count) {
            List<ElfSymbol> out = new ArrayList<>();
            if (shoff == 0 || count == 0) {
                return out; // stripped: no section headers
            }
            if (entsize < SHDR_SIZE) {
                throw bad("has section header size " + entsize + ", ELF64 needs " + SHDR_SIZE);
            }
            checkRange(shoff, (long) entsize * count, "the section header table");
            for (int i = 0; i < count; i++) {
                int sh = (int) shoff + i * entsize;
                if (u32(sh + 4) != SHT_SYMTAB) {
                    continue;
                }
                long symOff = u64(sh + 24);
                long symSize = u64(sh + 32);
                long link = u32(sh + 40) & 0xffff_ffffL;
                long symEnt = u64(sh + 56);
                checkRange(symOff, symSize, "the symbol table");
                if (symEnt != 0 && symEnt < SYM_SIZE || symEnt > SYM_SIZE * 16) {
                    throw bad("has symbol entry size " + symEnt + ", ELF64 needs " + SYM_SIZE);
                }
                int step = symEnt == 0 ? SYM_SIZE : (int) symEnt;
                if (link >= count) {
                    throw bad("has a symbol table linked to section " + link + " of " + count);
                }
                int str = (int) shoff + (int) link * entsize;
                if (u32(str + 4) != SHT_STRTAB) {
                    throw bad("has a symbol table whose string table (section " + link + ") is not SHT_STRTAB");
                }
                long strOff = u64(str + 24);
                long strSize = u64(str + 32);
                checkRange(strOff, strSize, "the symbol string table");
                for (long s = symOff; s + step <= symOff + symSize; s += step) {
                    readSymbol((int) s, (int) strOff, (int) strSize, out);
                }
            }
            return out;
        }

        /**
         * The section headers named from e_shstrndx's table; none when there is no table. A section
         * whose bytes lie outside the file is left out (only debuggers read sections).
         */
        private List<ElfSection> sections(long shoff, int entsize, int count, int shstrndx) {
            List<ElfSection> out = new ArrayList<>();
            if (shoff == 0 || count == 0 || shstrndx == SHN_UNDEF || shstrndx >= count) {
                return out;
            }
            // symbols() has checked entsize and the table's range
            int str = (int) shoff + shstrndx * entsize;
            long strOff = u64(str + 24);
            long strSize = u64(str + 32);
            if (!inFile(strOff, strSize)) {
                return out; // sections are for debuggers: a broken name table hides them, the image still loads
            }
            for (int i = 0; i < count; i++) {
                int sh = (int) shoff + i * entsize;
                long nameIdx = u32(sh) & 0xffff_ffffL;
                int type = u32(sh + 4);
                long addr = u64(sh + 16);
                long offset = u64(sh + 24);
                long size = u64(sh + 32);
                String secName = nameIdx < strSize ? cString((int) strOff, (int) strSize, (int) nameIdx) : "";
                if (type == ElfSection.SHT_NOBITS || inFile(offset, size)) {
                    out.add(new ElfSection(secName, type, addr, offset, size));
                }
            }
            return out;
        }

        /** The NUL-terminated string at idx of the table [strOff, strOff + strSize); cut at the table's end. */
        private String cString(int strOff, int strSize, int idx) {
            int start = strOff + idx;
            int end = start;
            while (end < strOff + strSize && b[end] != 0) {
                end++;
            }
            return new String(b, start, end - start, java.nio.charset.StandardCharsets.UTF_8);
        }

        private void readSymbol(int s, int strOff, int strSize, List<ElfSymbol> out) {
            long nameIdx = u32(s) & 0xffff_ffffL;
            int info = b[s + 4] & 0xff;
            int shndx = u16(s + 6);
            long value = u64(s + 8);
            long size = u64(s + 16);
            if (nameIdx == 0 || shndx == SHN_UNDEF) {
                return;
            }
            if (nameIdx >= strSize) {
                throw bad("has a symbol name at 0x" + Long.toHexString(nameIdx) + " past its string table");
            }
            int start = strOff + (int) nameIdx;
            int end = start;
            while (end < strOff + strSize && b[end] != 0) {
                end++;
            }
            if (end == strOff + strSize) {
                throw bad("has a symbol name that runs past its string table");
            }
            String symName = new String(b, start, end - start, java.nio.charset.StandardCharsets.UTF_8);
            // "$x"/"$d" are RISC-V mapping symbols and ".L" local labels: not names a person looks for
            if (symName.startsWith("$") || symName.startsWith(".L")) {
                return;
            }
            out.add(new ElfSymbol(symName, value, size, info & 0xf, info >>> 4));
        }

        private boolean inFile(long off, long len) {
            return Long.compareUnsigned(off, b.length) <= 0 && Long.compareUnsigned(len, b.length - off) <= 0;
        }

        /** [off, off + len) must lie inside the file; both are unsigned 64-bit values from the file. */
        private void checkRange(long off, long len, String what) {
            if (Long.compareUnsigned(off, b.length) > 0 || Long.compareUnsigned(len, b.length - off) > 0) {
                throw bad("is truncated or corrupt: " + what + " (offset 0x" + Long.toHexString(off) + ", size 0x"
                        + Long.toHexString(len) + ") extends beyond the end of the file (0x"
                        + Integer.toHexString(b.length) + " bytes)");
            }
        }

        private ImageFormatException bad(String problem) {
            return new ImageFormatException(name + " " + problem);
        }

        private int u16(int off) {
            return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8;
        }

        private int u32(int off) {
            return u16(off) | u16(off + 2) << 16;
        }

        private long u64(int off) {
            return (u32(off) & 0xffff_ffffL) | (long) u32(off + 4) << 32;
        }

        private static String machineName(int machine) {
            switch (machine) {
                case 3: return "x86";
                case 40: return "ARM";
                case 62: return "x86-64";
                case 183: return "AArch64";
                case 8: return "MIPS";
                case 21: return "PowerPC64";
                case 258: return "LoongArch";
                default: return "another architecture";
            }
        }
    }
}
