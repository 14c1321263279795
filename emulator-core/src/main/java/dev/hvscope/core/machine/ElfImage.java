package dev.hvscope.core.machine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A parsed and checked ELF64 little-endian RISC-V executable: its loadable segments, entry point
 * and symbols. Built by {@link ElfLoader#parse}; every offset in it has been checked against the
 * file, so loading cannot read past the bytes.
 */
public final class ElfImage {
    private final String name;
    private final byte[] bytes;
    private final long entry;
    private final List<ElfSegment> segments;
    private final List<ElfSymbol> symbols;
    private final List<ElfSection> sections;
    /** Symbols usable for address lookup, sorted by value. */
    private final ElfSymbol[] byAddress;

    ElfImage(String name, byte[] bytes, long entry, List<ElfSegment> segments, List<ElfSymbol> symbols) {
        this(name, bytes, entry, segments, symbols, List.of());
    }

    ElfImage(String name, byte[] bytes, long entry, List<ElfSegment> segments, List<ElfSymbol> symbols,
             List<ElfSection> sections) {
        this.name = name;
        this.sections = List.copyOf(sections);
        this.bytes = bytes;
        this.entry = entry;
        this.segments = List.copyOf(segments);
        this.symbols = List.copyOf(symbols);
        List<ElfSymbol> sorted = new ArrayList<>();
        for (ElfSymbol s : symbols) {
            if (s.type() != ElfSymbol.STT_SECTION && s.type() != ElfSymbol.STT_FILE) {
                sorted.add(s);
            }
        }
        sorted.sort(Comparator.comparingLong(ElfSymbol::value));
        this.byAddress = sorted.toArray(new ElfSymbol[0]);
    }

    /** The file name, for messages. */
    public String name() {
        return name;
    }

    /** The whole file (segments point into it). */
    byte[] bytes() {
        return bytes;
    }

    public long entry() {
        return entry;
    }

    public List<ElfSegment> segments() {
        return segments;
    }

    public List<ElfSymbol> symbols() {
        return symbols;
    }

    /** The section headers, in file order (empty for a stripped file without them). */
    public List<ElfSection> sections() {
        return sections;
    }

    /**
     * A copy of the file bytes of the first section with this name (for example {@code
     * .debug_line}), or empty when there is none or it holds no file bytes (SHT_NOBITS).
     */
    public Optional<byte[]> sectionBytes(String sectionName) {
        for (ElfSection s : sections) {
            if (s.name().equals(sectionName)) {
                if (s.type() == ElfSection.SHT_NOBITS) {
                    return Optional.empty();
                }
                return Optional.of(Arrays.copyOfRange(bytes, (int) s.offset(), (int) (s.offset() + s.size())));
            }
        }
        return Optional.empty();
    }

    /** Lowest physical address of any loadable segment. */
    public long lowAddress() {
        long lo = -1L;
        for (ElfSegment s : segments) {
            if (Long.compareUnsigned(s.paddr(), lo) < 0) {
                lo = s.paddr();
            }
        }
        return lo;
    }

    /** First physical address past every loadable segment. */
    public long highAddress() {
        long hi = 0;
        for (ElfSegment s : segments) {
            if (Long.compareUnsigned(s.paddrEnd(), hi) > 0) {
                hi = s.paddrEnd();
            }
        }
        return hi;
    }

    /**
     * The symbol an address belongs to, with the offset into it. A sized symbol (a C function or
     * object) covers [value, value + size); an unsized one (an assembly label) covers everything up
     * to the next symbol, within its loadable segment. When several symbols share an address, a function wins, then a global.
     */
    public Optional<SymbolLocation> symbolAt(long addr) {
        int lo = 0;
        int hi = byAddress.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(byAddress[mid].value(), addr) <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (found < 0) {
            return Optional.empty();
        }
        ElfSymbol best = null;
        long value = byAddress[found].value();
        for (int i = found; i >= 0 && byAddress[i].value() == value; i--) {
            if (best == null || rank(byAddress[i]) > rank(best)) {
                best = byAddress[i];
            }
        }
        if (best.size() != 0 ? !best.covers(addr) : !sameSegment(best.value(), addr)) {
            return Optional.empty();
        }
        return Optional.of(new SymbolLocation(best.name(), addr - best.value()));
    }

    /** Whether both addresses lie in one loadable segment (an unsized label ends where its segment does). */
    private boolean sameSegment(long a, long b) {
        for (ElfSegment s : segments) {
            if (Long.compareUnsigned(a - s.vaddr(), s.memsz()) < 0 && Long.compareUnsigned(b - s.vaddr(), s.memsz()) < 0) {
                return true;
            }
        }
        return segments.isEmpty();
    }

    private static int rank(ElfSymbol s) {
        return (s.isFunction() ? 4 : 0) + (s.size() != 0 ? 2 : 0) + (s.bind() != ElfSymbol.STB_LOCAL ? 1 : 0);
    }

    /** The value of the symbol with this name (a global one if several), or empty. */
    public OptionalLong address(String symbolName) {
        ElfSymbol best = null;
        for (ElfSymbol s : symbols) {
            if (s.name().equals(symbolName) && (best == null || best.bind() == ElfSymbol.STB_LOCAL)) {
                best = s;
            }
        }
        return best == null ? OptionalLong.empty() : OptionalLong.of(best.value());
    }

    @Override
    public String toString() {
        return name + " (entry 0x" + Long.toHexString(entry) + ", " + segments.size() + " segments, "
                + symbols.size() + " symbols)";
    }
}
