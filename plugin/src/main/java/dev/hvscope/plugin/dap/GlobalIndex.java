package dev.hvscope.plugin.dap;

import dev.hvscope.core.machine.ElfImage;
import dev.hvscope.plugin.dwarf.DebugInfo;
import dev.hvscope.plugin.dwarf.GlobalVariable;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.lsp4j.debug.OutputEventArgumentsCategory;

/**
 * The DWARF global variables of the loaded ELFs, read from each ELF's {@code .debug_info} the
 * first time they are asked for. Which ELFs apply follows {@link SourceLines#current}: the
 * guest's at V=1 and the host's at V=0 when both are loaded, every ELF when one space is.
 */
final class GlobalIndex {
    private final Map<ElfImage, DebugInfo> infos = new IdentityHashMap<>();

    private synchronized DebugInfo info(DebugSession session, ElfImage image) {
        DebugInfo d = infos.get(image);
        if (d == null) {
            d = DebugInfo.read(image);
            infos.put(image, d);
            for (String problem : d.errors()) {
                session.output(OutputEventArgumentsCategory.CONSOLE, "debug info: " + problem + "\n");
            }
        }
        return d;
    }

    /** The globals that apply at this stop, by name (the first ELF defining a name wins). */
    List<GlobalVariable> current(DebugSession session) {
        Map<String, GlobalVariable> out = new LinkedHashMap<>();
        for (SourceLines.Loaded l : session.sourceLines().current(session)) {
            for (GlobalVariable g : info(session, l.image()).globals()) {
                out.putIfAbsent(g.name(), g);
            }
        }
        return new ArrayList<>(out.values());
    }

    /** The debug info of the ELFs that apply at this stop (for functions and their locals). */
    List<DebugInfo> infos(DebugSession session) {
        List<DebugInfo> out = new ArrayList<>();
        for (SourceLines.Loaded l : session.sourceLines().current(session)) {
            out.add(info(session, l.image()));
        }
        return out;
    }

    Optional<GlobalVariable> find(DebugSession session, String name) {
        for (SourceLines.Loaded l : session.sourceLines().current(session)) {
            Optional<GlobalVariable> g = info(session, l.image()).global(name);
            if (g.isPresent()) {
                return g;
            }
        }
        return Optional.empty();
    }
}
