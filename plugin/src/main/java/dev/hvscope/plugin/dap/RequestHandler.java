package dev.hvscope.plugin.dap;

/**
 * One DAP request [java-debug]: takes the typed arguments and the session, returns the response
 * body (null for requests without one). Throw {@link DapError} exceptions for error responses.
 */
@FunctionalInterface
interface RequestHandler<A, R> {
    R handle(A args, DebugSession session);
}
