package dev.hvscope.plugin.dap;

/**
 * Arguments of {@code hvscope/table}.
 * {@code space}: {@code gstage} (hgatp), {@code vsstage} (vsatp) or {@code satp};
 * {@code threadId}: the hart (default: the current one);
 * {@code start}/{@code count}: a page of leaf PTEs, in input-address order (none when count is
 * absent or 0); {@code regionStart}/{@code regionCount}: a page of regions (default: the first 1000).
 */
public class TableArguments {
    public String space;
    public Integer threadId;
    public Integer start;
    public Integer count;
    public Integer regionStart;
    public Integer regionCount;
}
