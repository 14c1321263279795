package dev.hvscope.plugin.lsp;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;

/** Completion of table names, keys, enumerated values, device entries and names, flags. */
final class VmConfigCompletion {
    private VmConfigCompletion() {
    }

    static CompletionList complete(Documents.Document doc, CompletionParams params) {
        List<CompletionItem> items = new ArrayList<>();
        int line = params.getPosition().getLine();
        for (Completions.Candidate c : Completions.at(doc.lines(), line, doc.ranges().index(params.getPosition()))) {
            CompletionItem item = new CompletionItem(c.label());
            item.setInsertText(c.insert());
            item.setDetail(c.detail());
            item.setKind(kind(c.kind()));
            items.add(item);
        }
        return new CompletionList(false, items);
    }

    private static CompletionItemKind kind(Completions.Kind k) {
        return switch (k) {
            case TABLE -> CompletionItemKind.Module;
            case KEY -> CompletionItemKind.Property;
            case VALUE -> CompletionItemKind.Value;
            case DEVICE -> CompletionItemKind.Struct;
            case FLAG -> CompletionItemKind.EnumMember;
        };
    }
}
