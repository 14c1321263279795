package dev.hvscope.plugin.lsp;

import com.google.gson.JsonPrimitive;

/** Command arguments arrive as gson elements (or plain values in-process): read either. */
final class Json {
    private Json() {
    }

    static String string(Object o) {
        if (o instanceof JsonPrimitive p && p.isString()) {
            return p.getAsString();
        }
        return o instanceof String s ? s : null;
    }

    static int integer(Object o) {
        if (o instanceof JsonPrimitive p && p.isNumber()) {
            return p.getAsInt();
        }
        return o instanceof Number n ? n.intValue() : 0;
    }
}
