package dev.hvscope.plugin.dap;

import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

/** Errors a handler reports to the client as an error response (the adapter keeps serving). */
final class DapError {
    private DapError() {
    }

    /** Malformed or missing arguments. */
    static ResponseErrorException badArgs(String message) {
        return new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidParams, message, null));
    }

    /** A request that cannot be served in the current state (not connected, running, ...). */
    static ResponseErrorException state(String message) {
        return new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidRequest, message, null));
    }

    /** The target or stub failed. */
    static ResponseErrorException failed(String message) {
        return new ResponseErrorException(new ResponseError(ResponseErrorCode.InternalError, message, null));
    }
}
