package dev.hvscope.plugin.rspclient;

/** A failed exchange with the stub: an {@code E..} reply, a timeout, a malformed reply, a lost connection. */
public class RspException extends RuntimeException {
    public RspException(String message) {
        super(message);
    }

    public RspException(String message, Throwable cause) {
        super(message, cause);
    }
}
