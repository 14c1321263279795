package dev.hvscope.plugin.dap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Argument checks shared by the handlers: missing or mistyped arguments become error responses. */
final class Args {
    private Args() {
    }

    static <T> T require(T args, String request) {
        if (args == null) {
            throw DapError.badArgs("'" + request + "' needs arguments");
        }
        return args;
    }

    static String string(Map<String, Object> m, String key, String dflt) {
        Object v = m.get(key);
        if (v == null) {
            return dflt;
        }
        if (!(v instanceof String) && !(v instanceof Number) && !(v instanceof Boolean)) {
            throw DapError.badArgs("'" + key + "' must be a string");
        }
        return v instanceof Number && ((Number) v).doubleValue() == Math.rint(((Number) v).doubleValue())
                ? Long.toString(((Number) v).longValue()) : v.toString();
    }

    static int integer(Map<String, Object> m, String key, int dflt) {
        String s = string(m, key, null);
        if (s == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw DapError.badArgs("'" + key + "' must be an integer, not '" + s + "'");
        }
    }

    static boolean bool(Map<String, Object> m, String key, boolean dflt) {
        Object v = m.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Boolean) {
            return (Boolean) v;
        }
        throw DapError.badArgs("'" + key + "' must be true or false");
    }

    /** A string or an array of strings, as a list (empty when absent). */
    static List<String> strings(Map<String, Object> m, String key) {
        Object v = m.get(key);
        List<String> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (v instanceof String) {
            out.add((String) v);
            return out;
        }
        if (v instanceof List) {
            for (Object o : (List<?>) v) {
                if (!(o instanceof String)) {
                    throw DapError.badArgs("'" + key + "' must hold strings");
                }
                out.add((String) o);
            }
            return out;
        }
        throw DapError.badArgs("'" + key + "' must be a string or an array of strings");
    }
}
