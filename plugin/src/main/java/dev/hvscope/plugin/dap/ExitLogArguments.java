package dev.hvscope.plugin.dap;

/** Arguments of {@code hvscope/exitLog}: a page of the log, latest first ({@code start} 0 = the latest; {@code count} default 100). */
public class ExitLogArguments {
    public Integer start;
    public Integer count;
}
