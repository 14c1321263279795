package dev.hvscope.plugin.dap;

import dev.hvscope.core.machine.ElfImage;
import dev.hvscope.core.machine.SymbolLocation;
import dev.hvscope.plugin.dwarf.LineMatch;
import dev.hvscope.plugin.dwarf.LineTable;
import dev.hvscope.plugin.dwarf.SourceLocation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The line tables of the loaded ELFs, each with the address space its code runs in: the
 * hypervisor's (host, V=0) and a guest's (V=1). With ELFs of both spaces loaded, a lookup at a
 * stop uses the ELFs of the hart's current V, and a source breakpoint from one space only stops
 * there; with one space only, every ELF applies everywhere.
 */
final class SourceLines {
    enum Space {
        HOST, GUEST;

        static Space of(String s) {
            if (s == null || s.equals("host")) {
                return HOST;
            }
            if (s.equals("guest")) {
                return GUEST;
            }
            throw DapError.badArgs("'space' must be \"host\" or \"guest\", not '" + s + "'");
        }
    }

    record Loaded(ElfImage image, Space space, LineTable lines) {
    }

    /** One address a source line resolved to. */
    record Target(long address, Space space, Path file, int line) {
    }

    private final List<Loaded> loaded = new CopyOnWriteArrayList<>();
    /** The space of each source breakpoint address (absent: any). */
    private final Map<PlacedAt, Space> breakpointSpaces = new ConcurrentHashMap<>();

    private record PlacedAt(int id, long address) {
    }

    void clear() {
        loaded.clear();
    }

    void add(ElfImage image, Space space, LineTable lines) {
        loaded.add(new Loaded(image, space, lines));
    }

    List<Loaded> loaded() {
        return loaded;
    }

    /** Whether ELFs of both spaces are loaded (then V decides which apply). */
    boolean mixed() {
        return loaded.stream().anyMatch(l -> l.space == Space.HOST) && loaded.stream().anyMatch(l -> l.space == Space.GUEST);
    }

    /** The ELFs that apply to the current stop: by the selected hart's V when both spaces are loaded. */
    List<Loaded> current(DebugSession session) {
        if (!mixed()) {
            return loaded;
        }
        Space s = currentSpace(session);
        List<Loaded> out = new ArrayList<>();
        for (Loaded l : loaded) {
            if (s == null || l.space == s) {
                out.add(l);
            }
        }
        return out;
    }

    /** The selected hart's space from the stub's {@code priv} register (bit 2 is V); null when the stub has none. */
    static Space currentSpace(DebugSession session) {
        Long priv = HypervisorScope.csr(session, "priv");
        if (priv == null) {
            return null;
        }
        return (priv & 4) != 0 ? Space.GUEST : Space.HOST;
    }

    /** The source location of pc in the ELFs that apply now. */
    Optional<SourceLocation> lineAt(DebugSession session, long pc) {
        for (Loaded l : current(session)) {
            Optional<SourceLocation> s = l.lines.lineAt(pc);
            if (s.isPresent()) {
                return s;
            }
        }
        return Optional.empty();
    }

    /** Whether an is_stmt row starts at pc in the ELFs that apply now. */
    boolean isStatement(DebugSession session, long pc) {
        for (Loaded l : current(session)) {
            if (l.lines.isStatement(pc)) {
                return true;
            }
        }
        return false;
    }

    /** {@code name+0x10} from the ELFs that apply now, or null. */
    String symbolAt(DebugSession session, long pc) {
        for (Loaded l : current(session)) {
            Optional<SymbolLocation> s = l.image.symbolAt(pc);
            if (s.isPresent()) {
                return s.get().toString();
            }
        }
        return null;
    }

    /** The start address of the function holding pc (ELF symbols of the ELFs that apply now), or null. */
    Long functionStart(DebugSession session, long pc) {
        for (Loaded l : current(session)) {
            Optional<SymbolLocation> s = l.image.symbolAt(pc);
            if (s.isPresent()) {
                return pc - s.get().offset();
            }
        }
        return null;
    }

    /**
     * The addresses of a source line in every loaded ELF that has the file: one per function
     * holding the line (an inlined copy counts in its caller), at the line that has code.
     */
    List<Target> resolve(Path file, int line) {
        List<Target> out = new ArrayList<>();
        for (Loaded l : loaded) {
            Optional<LineMatch> m = l.lines.addressesFor(file, line, addr -> {
                Optional<SymbolLocation> s = l.image.symbolAt(addr);
                return s.isPresent() ? (Object) (addr - s.get().offset()) : null;
            });
            if (m.isPresent()) {
                for (long a : m.get().addresses()) {
                    out.add(new Target(a, l.space, m.get().file(), m.get().line()));
                }
            }
        }
        return out;
    }

    void rememberSpace(int breakpointId, long address, Space space) {
        breakpointSpaces.put(new PlacedAt(breakpointId, address), space);
    }

    /** Whether a source breakpoint may stop here: its ELF's space matches V (always when one space is loaded). */
    boolean stopsHere(DebugSession session, int breakpointId, long address) {
        Space want = breakpointSpaces.get(new PlacedAt(breakpointId, address));
        if (want == null || !mixed()) {
            return true;
        }
        Space now = currentSpace(session);
        return now == null || now == want;
    }
}
