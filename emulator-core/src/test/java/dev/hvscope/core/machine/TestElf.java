package dev.hvscope.core.machine;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes small ELF64 little-endian RISC-V executables for tests: header, program headers, segment
 * bytes, then .symtab/.strtab and the section header table (null, .symtab, .strtab). The offsets
 * of each part are exposed so tests can corrupt exactly one field.
 */
final class TestElf {
    record Segment(long paddr, long vaddr, byte[] data, long memsz) {
    }

    record Symbol(String name, long value, long size, int type, int bind) {
    }

    long entry = 0x8000_0000L;
    int machine = ElfLoader.EM_RISCV;
    int type = ElfLoader.ET_EXEC;
    final List<Segment> segments = new ArrayList<>();
    final List<Symbol> symbols = new ArrayList<>();

    // offsets filled by build()
    static final int PHOFF = 64;
    int shoff;
    int symtabOffset;
    int strtabOffset;
    final List<Integer> segmentOffsets = new ArrayList<>();

    TestElf segment(long paddr, byte[] data, long memsz) {
        segments.add(new Segment(paddr, paddr, data, memsz));
        return this;
    }

    TestElf symbol(String name, long value, long size, int type) {
        symbols.add(new Symbol(name, value, size, type, ElfSymbol.STB_GLOBAL));
        return this;
    }

    TestElf localSymbol(String name, long value, long size, int type) {
        symbols.add(new Symbol(name, value, size, type, ElfSymbol.STB_LOCAL));
        return this;
    }

    byte[] build() {
        int phnum = segments.size();
        int pos = PHOFF + phnum * ElfLoader.PHDR_SIZE;
        segmentOffsets.clear();
        for (Segment s : segments) {
            segmentOffsets.add(pos);
            pos += s.data().length;
        }
        ByteArrayOutputStream strtab = new ByteArrayOutputStream();
        strtab.write(0);
        List<Integer> nameIdx = new ArrayList<>();
        for (Symbol s : symbols) {
            nameIdx.add(strtab.size());
            strtab.writeBytes(s.name().getBytes(StandardCharsets.UTF_8));
            strtab.write(0);
        }
        symtabOffset = pos;
        int symtabSize = (symbols.size() + 1) * ElfLoader.SYM_SIZE;
        pos += symtabSize;
        strtabOffset = pos;
        pos += strtab.size();
        pos = (pos + 7) & ~7;
        shoff = pos;
        int total = shoff + 3 * ElfLoader.SHDR_SIZE;

        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
        b.putShort(16, (short) type).putShort(18, (short) machine).putInt(20, 1);
        b.putLong(24, entry).putLong(32, PHOFF).putLong(40, shoff);
        b.putShort(52, (short) 64).putShort(54, (short) ElfLoader.PHDR_SIZE).putShort(56, (short) phnum);
        b.putShort(58, (short) ElfLoader.SHDR_SIZE).putShort(60, (short) 3).putShort(62, (short) 0);
        for (int i = 0; i < phnum; i++) {
            Segment s = segments.get(i);
            int p = PHOFF + i * ElfLoader.PHDR_SIZE;
            b.putInt(p, ElfLoader.PT_LOAD).putInt(p + 4, ElfSegment.PF_R | ElfSegment.PF_X);
            b.putLong(p + 8, segmentOffsets.get(i)).putLong(p + 16, s.vaddr()).putLong(p + 24, s.paddr());
            b.putLong(p + 32, s.data().length).putLong(p + 40, s.memsz()).putLong(p + 48, 8);
            b.put(segmentOffsets.get(i), s.data());
        }
        for (int i = 0; i < symbols.size(); i++) {
            Symbol s = symbols.get(i);
            int p = symtabOffset + (i + 1) * ElfLoader.SYM_SIZE;
            b.putInt(p, nameIdx.get(i)).put(p + 4, (byte) (s.bind() << 4 | s.type())).putShort(p + 6, (short) 1);
            b.putLong(p + 8, s.value()).putLong(p + 16, s.size());
        }
        b.put(strtabOffset, strtab.toByteArray());
        int sh1 = shoff + ElfLoader.SHDR_SIZE;
        b.putInt(sh1 + 4, ElfLoader.SHT_SYMTAB).putLong(sh1 + 24, symtabOffset).putLong(sh1 + 32, symtabSize)
                .putInt(sh1 + 40, 2).putLong(sh1 + 56, ElfLoader.SYM_SIZE);
        int sh2 = shoff + 2 * ElfLoader.SHDR_SIZE;
        b.putInt(sh2 + 4, ElfLoader.SHT_STRTAB).putLong(sh2 + 24, strtabOffset).putLong(sh2 + 32, strtab.size());
        return b.array();
    }

    /** Offset of field {@code fieldOffset} in program header {@code index}. */
    static int phdrField(int index, int fieldOffset) {
        return PHOFF + index * ElfLoader.PHDR_SIZE + fieldOffset;
    }

    static void putU16(byte[] b, int off, int v) {
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putShort(off, (short) v);
    }

    static void putU32(byte[] b, int off, int v) {
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(off, v);
    }

    static void putU64(byte[] b, int off, long v) {
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(off, v);
    }
}
