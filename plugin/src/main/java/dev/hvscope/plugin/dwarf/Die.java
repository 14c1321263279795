package dev.hvscope.plugin.dwarf;

import java.util.HashMap;
import java.util.Map;

/** One debugging information entry as read: its offset, tag, depth in the unit and attribute values. */
final class Die {
    final long offset;
    final int tag;
    final int depth;
    final Map<Integer, Object> attrs = new HashMap<>();

    Die(long offset, int tag, int depth) {
        this.offset = offset;
        this.tag = tag;
        this.depth = depth;
    }

    String string(int attr) {
        Object v = attrs.get(attr);
        return v instanceof String ? (String) v : null;
    }

    /** A constant attribute, or {@code dflt} when absent or not a constant (an expression, a reference). */
    long constant(int attr, long dflt) {
        Object v = attrs.get(attr);
        return v instanceof Long ? (Long) v : dflt;
    }

    Long ref(int attr) {
        Object v = attrs.get(attr);
        return v instanceof FormValue.Ref ? ((FormValue.Ref) v).offset() : null;
    }

    boolean flag(int attr) {
        return Boolean.TRUE.equals(attrs.get(attr));
    }
}
