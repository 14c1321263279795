package dev.hvscope.plugin.vmconfig;

import java.nio.file.Path;

/** One problem in a VM config: where, how bad, what. {@link #format()} is the command line's form. */
public record Diagnostic(Path file, Position position, Severity severity, String message) {
    public enum Severity { ERROR, WARNING }

    public static Diagnostic error(Path file, Position at, String message) {
        return new Diagnostic(file, at, Severity.ERROR, message);
    }

    public static Diagnostic warning(Path file, Position at, String message) {
        return new Diagnostic(file, at, Severity.WARNING, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** "vm.toml:12:3: memory region 0x80000000..." (warnings say so). */
    public String format() {
        return file + ":" + position.line() + ":" + position.column() + ": "
                + (severity == Severity.WARNING ? "warning: " : "") + message;
    }
}
