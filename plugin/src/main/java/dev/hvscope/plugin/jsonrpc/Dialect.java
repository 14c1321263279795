package dev.hvscope.plugin.jsonrpc;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
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

    /**
     * What a body that did not parse as a message says about itself: the request it was meant to
     * be (null when it names none), whether it is a notification (a method, no id: never
     * answered) and whether it is JSON at all.
     */
    record Recovered(RequestMessage request, boolean notification, boolean json) {
    }

    /**
     * Reads only the top level of {@code text}, skipping every value but the id, method and type
     * (gson skips without recursion), so this works on bodies too deep or too malformed to parse:
     * what was read before the text went wrong still names the request.
     */
    Recovered recover(String text) {
        Object id = null;
        String method = null;
        String type = null;
        boolean idPresent = false;
        boolean json = false;
        try (JsonReader r = new JsonReader(new StringReader(text))) {
            if (r.peek() == JsonToken.BEGIN_OBJECT) {
                r.beginObject();
                while (r.hasNext()) {
                    String name = r.nextName();
                    JsonToken token = r.peek();
                    idPresent |= name.equals(idField);
                    if (name.equals(idField) && token == JsonToken.NUMBER) {
                        id = r.nextString();
                    } else if (name.equals(idField) && token == JsonToken.STRING && this == JSON_RPC) {
                        id = r.nextString();
                    } else if (name.equals(methodField) && token == JsonToken.STRING) {
                        method = r.nextString();
                    } else if (name.equals("type") && token == JsonToken.STRING) {
                        type = r.nextString();
                    } else {
                        r.skipValue();
                    }
                }
                r.endObject();
            } else {
                r.skipValue();
            }
            json = r.peek() == JsonToken.END_DOCUMENT;
        } catch (IOException | RuntimeException e) {
            // not JSON past this point: what was read so far stands
        }
        return new Recovered(request(id, method, type), !idPresent && method != null, json);
    }

    private RequestMessage request(Object id, String method, String type) {
        if (id == null || method == null) {
            return null;
        }
        if (this == JSON_RPC) {
            RequestMessage request = new RequestMessage();
            request.setMethod(method);
            Integer n = asInt((String) id);
            if (n != null && id.equals(n.toString())) {
                request.setId(n);
            } else {
                request.setId((String) id);
            }
            return request;
        }
        Integer seq = asInt((String) id);
        if (!"request".equals(type) || seq == null) {
            return null; // a DAP response carries request_seq as an integer
        }
        RequestMessage request = new DebugRequestMessage();
        request.setMethod(method);
        request.setId(seq);
        return request;
    }

    private static Integer asInt(String number) {
        try {
            return Integer.valueOf(number);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A request with no id, answered as JSON-RPC answers what it cannot read. */
    RequestMessage anonymous() {
        return new RequestMessage();
    }
}
