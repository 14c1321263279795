package dev.hvscope.plugin.lsp.analysis;

/**
 * One problem in a VM config: where, how bad, what. {@code code} is a stable short name
 * ("toml-syntax", "region-overlap", ...) so clients and tests need not match message text.
 */
public record Finding(TextRange range, Severity severity, String code, String message) {

    public enum Severity { ERROR, WARNING, INFORMATION }
}
