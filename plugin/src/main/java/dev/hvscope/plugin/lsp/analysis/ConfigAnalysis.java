package dev.hvscope.plugin.lsp.analysis;

import java.util.List;

/** What the analysis of one document found: problems, items to show, pflash mode sites. */
public record ConfigAnalysis(List<Finding> findings, List<ConfigItem> items, List<PflashSite> pflash) {

    public ConfigAnalysis {
        findings = List.copyOf(findings);
        items = List.copyOf(items);
        pflash = List.copyOf(pflash);
    }

    /** The innermost non-table item under the cursor, else the table, else null. */
    public ConfigItem itemAt(int line, int column) {
        ConfigItem table = null;
        for (ConfigItem item : items) {
            if (item.range().contains(line, column)) {
                if (item.kind() != ConfigItem.Kind.TABLE) {
                    return item;
                }
                table = item;
            }
        }
        return table;
    }
}
