package dev.hvscope.plugin.lsp;

import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;

/** Hover on a memory region or device: the G-stage mappings it produces (from the analysis). */
final class VmConfigHover {
    private VmConfigHover() {
    }

    static Hover hover(Documents.Document doc, HoverParams params) {
        Ranges ranges = doc.ranges();
        ConfigItem item = doc.analysis().itemAt(ranges.at(params.getPosition()));
        if (item == null || item.kind() == ConfigItem.Kind.TABLE) {
            return null;
        }
        return new Hover(new MarkupContent(MarkupKind.MARKDOWN, item.hover()), ranges.of(item.selection()));
    }
}
