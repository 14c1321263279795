package dev.hvscope.plugin.jsonrpc;

/**
 * The nesting depth of a JSON text, found without recursion, so a parser that recurses (gson)
 * is only handed texts it can finish. Brackets inside strings do not count; the text need not be
 * valid JSON.
 */
final class JsonNesting {
    private JsonNesting() {
    }

    /** Whether some bracket in {@code text} opens more than {@code limit} levels deep. */
    static boolean deeperThan(CharSequence text, int limit) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                if (++depth > limit) {
                    return true;
                }
            } else if ((c == ']' || c == '}') && depth > 0) {
                depth--;
            }
        }
        return false;
    }
}
