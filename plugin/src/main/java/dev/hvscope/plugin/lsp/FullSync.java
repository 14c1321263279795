package dev.hvscope.plugin.lsp;

import java.util.List;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;

/** The server asks for full sync: the last change event carries the whole new text. */
final class FullSync {
    private FullSync() {
    }

    static String text(DidChangeTextDocumentParams p) {
        List<TextDocumentContentChangeEvent> changes = p.getContentChanges();
        return changes == null || changes.isEmpty() ? "" : changes.get(changes.size() - 1).getText();
    }
}
