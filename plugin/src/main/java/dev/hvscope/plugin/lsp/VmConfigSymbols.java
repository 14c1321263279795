package dev.hvscope.plugin.lsp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.SymbolKind;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/** Document symbols: the tables, with their memory regions and devices inside. */
final class VmConfigSymbols {
    private VmConfigSymbols() {
    }

    static List<Either<SymbolInformation, DocumentSymbol>> symbols(Documents.Document doc) {
        Map<String, DocumentSymbol> tables = new LinkedHashMap<>();
        List<DocumentSymbol> loose = new ArrayList<>();
        Ranges ranges = doc.ranges();
        for (ConfigItem item : doc.analysis().items()) {
            DocumentSymbol s = new DocumentSymbol(item.name(), kind(item.kind()), ranges.of(item.range()),
                    ranges.of(item.selection()), item.detail());
            if (item.kind() == ConfigItem.Kind.TABLE) {
                s.setChildren(new ArrayList<>());
                tables.putIfAbsent(item.name(), s);
                continue;
            }
            DocumentSymbol parent = tables.get(item.kind() == ConfigItem.Kind.PFLASH ? "devices.pflash" : item.parent());
            if (parent == null) {
                parent = tables.get(item.parent());
            }
            if (parent != null) {
                parent.getChildren().add(s);
            } else {
                loose.add(s);
            }
        }
        List<Either<SymbolInformation, DocumentSymbol>> out = new ArrayList<>();
        tables.values().forEach(t -> out.add(Either.forRight(t)));
        loose.forEach(s -> out.add(Either.forRight(s)));
        return out;
    }

    private static SymbolKind kind(ConfigItem.Kind k) {
        return switch (k) {
            case TABLE -> SymbolKind.Namespace;
            case MEMORY_REGION -> SymbolKind.Array;
            case PASSTHROUGH_DEVICE, EMULATED_DEVICE -> SymbolKind.Struct;
            case PFLASH -> SymbolKind.Object;
        };
    }
}
