package dev.hvscope.plugin.dap;

/**
 * Arguments of {@code hvscope/translate}.
 * {@code address}: hex or decimal; {@code space}: {@code gva} (through vsatp, then hgatp; the
 * default) or {@code gpa} (hgatp only); {@code threadId}: the hart (default: the current one).
 */
public class TranslateArguments {
    public String address;
    public String space;
    public Integer threadId;
}
