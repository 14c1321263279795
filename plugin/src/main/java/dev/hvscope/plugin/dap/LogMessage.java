package dev.hvscope.plugin.dap;

/**
 * A log point's text (DAP {@code logMessage}): {@code {expr}} is replaced by the expression's value
 * ({@link Expressions}, hex), {@code {{} and {@code }}} stand for literal braces. An expression
 * that fails reads {@code <expr: error>}; an unclosed brace is kept as text.
 */
final class LogMessage {
    private LogMessage() {
    }

    static String format(String template, java.util.function.Function<String, String> eval) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        int n = template.length();
        while (i < n) {
            char c = template.charAt(i);
            if (c == '{' && i + 1 < n && template.charAt(i + 1) == '{') {
                sb.append('{');
                i += 2;
            } else if (c == '}' && i + 1 < n && template.charAt(i + 1) == '}') {
                sb.append('}');
                i += 2;
            } else if (c == '{') {
                int close = template.indexOf('}', i + 1);
                if (close < 0) {
                    sb.append(template, i, n);
                    break;
                }
                String expr = template.substring(i + 1, close).trim();
                String value;
                try {
                    value = eval.apply(expr);
                } catch (RuntimeException e) {
                    value = "<" + expr + ": error>";
                }
                sb.append(value);
                i = close + 1;
            } else {
                sb.append(c);
                i++;
            }
        }
        return sb.toString();
    }

    /** The text at a stop of the session's current thread. */
    static String format(DebugSession session, String template) {
        return format(template, expr -> Addresses.hex(Expressions.evaluate(session, expr)));
    }
}
