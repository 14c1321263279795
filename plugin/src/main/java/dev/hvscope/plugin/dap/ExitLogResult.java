package dev.hvscope.plugin.dap;

/** Result of {@code hvscope/exitLog}: how many exits the VM took in all, and the page asked for, latest first. */
public class ExitLogResult {
    public long total;
    public ExitEntry[] entries;
}
