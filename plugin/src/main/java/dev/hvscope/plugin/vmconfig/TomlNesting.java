package dev.hvscope.plugin.vmconfig;

/**
 * The nesting depth of TOML arrays and inline tables, found without recursion so the parser (which
 * recurses once per level) is only handed text it can finish. Brackets in strings and comments do
 * not count; a triple-quoted string reads as three strings, which counts the same brackets.
 */
final class TomlNesting {
    private TomlNesting() {
    }

    /** Whether some bracket in {@code text} opens more than {@code limit} levels deep. */
    static boolean deeperThan(CharSequence text, int limit) {
        int depth = 0;
        char quote = 0;
        boolean comment = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (comment) {
                comment = c != '\n';
            } else if (quote != 0) {
                if (c == '\\' && quote == '"') {
                    i++;
                } else if (c == quote || c == '\n') {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '#') {
                comment = true;
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
