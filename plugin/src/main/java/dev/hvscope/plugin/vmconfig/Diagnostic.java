package dev.hvscope.plugin.vmconfig;

import java.nio.file.Path;

/**
 * One problem in a VM config: where, how bad, what. {@code code} is a stable short name
 * ("toml-syntax", "region-overlap", ...) so editors and tests need not match message text;
 * {@link #format()} is the command line's form. The command and the language server show the
 * same diagnostics.
 */
public record Diagnostic(Path file, Span span, Severity severity, String code, String message) {
    public enum Severity { ERROR, WARNING }

    public static Diagnostic error(Path file, Span at, String code, String message) {
        return new Diagnostic(file, at, Severity.ERROR, code, message);
    }

    public static Diagnostic warning(Path file, Span at, String code, String message) {
        return new Diagnostic(file, at, Severity.WARNING, code, message);
    }

    /** Where it starts. */
    public Position position() {
        return span.start();
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** "vm.toml:12:3: memory region 0x80000000..." (warnings say so). */
    public String format() {
        return file + ":" + position().line() + ":" + position().column() + ": "
                + (severity == Severity.WARNING ? "warning: " : "") + message;
    }
}
