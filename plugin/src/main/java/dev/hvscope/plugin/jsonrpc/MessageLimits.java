package dev.hvscope.plugin.jsonrpc;

/** What one incoming LSP or DAP message may be; larger or deeper ones are answered with an error. */
public final class MessageLimits {
    /** Bytes of one message body (Content-Length); the body of a larger one is skipped unread. */
    public static final int MAX_BYTES = 16 << 20;
    /** Nesting of arrays and objects; far beyond any real request, far below gson's stack need. */
    public static final int MAX_DEPTH = 128;

    private MessageLimits() {
    }
}
