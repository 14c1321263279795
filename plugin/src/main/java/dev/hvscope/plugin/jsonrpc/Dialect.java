package dev.hvscope.plugin.jsonrpc;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import org.eclipse.lsp4j.jsonrpc.debug.messages.DebugRequestMessage;
import org.eclipse.lsp4j.jsonrpc.messages.RequestMessage;

/**
 * How a protocol names a request, so a message that failed to parse can still be answered: JSON-RPC
 * (LSP) has {@code id} and {@code method} and answers even an unreadable message (with id null);
 * DAP has {@code seq} and {@code command} and a response without them would be meaningless.
 */
public enum Dialect {
    JSON_RPC("id", "method", true),
    DAP("seq", "command", false);

    private final String idField;
    private final String methodField;
    /** Whether a message with no recoverable id still gets an error response (id null). */
    final boolean answersAnonymous;

    Dialect(String idField, String methodField, boolean answersAnonymous) {
        this.idField = idField;
        this.methodField = methodField;
        this.answersAnonymous = answersAnonymous;
    }

    /** The request {@code json} was meant to be, or null when it is no request (or names none). */
    RequestMessage requestIn(JsonElement json) {
        if (!(json instanceof JsonObject o) || !(o.get(idField) instanceof JsonPrimitive id)
                || !(o.get(methodField) instanceof JsonPrimitive method) || !method.isString()) {
            return null;
        }
        if (this == DAP && (!(o.get("type") instanceof JsonPrimitive type && "request".equals(type.getAsString()))
                || !isInt(id))) {
            return null; // a DAP response carries request_seq as an integer
        }
        RequestMessage request = this == DAP ? new DebugRequestMessage() : new RequestMessage();
        request.setMethod(method.getAsString());
        if (id.isNumber()) {
            request.setId(id.getAsNumber().intValue());
        } else {
            request.setId(id.getAsString());
        }
        return request;
    }

    private static boolean isInt(JsonPrimitive p) {
        if (!p.isNumber()) {
            return false;
        }
        double d = p.getAsDouble();
        return d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE;
    }

    /** A request with no id, answered as JSON-RPC answers what it cannot read. */
    RequestMessage anonymous() {
        return new RequestMessage();
    }
}
