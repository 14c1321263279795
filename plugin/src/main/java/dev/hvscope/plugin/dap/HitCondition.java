package dev.hvscope.plugin.dap;

/** Hit conditions as gdb-based adapters read them: {@code N} or {@code == N}, {@code >= N}, {@code > N}, {@code % N}. */
final class HitCondition {
    private HitCondition() {
    }

    /** Whether the {@code hits}-th hit (counting from 1) stops. */
    static boolean matches(String condition, int hits) {
        String c = condition.trim();
        try {
            if (c.startsWith(">=")) {
                return hits >= Integer.parseInt(c.substring(2).trim());
            } else if (c.startsWith(">")) {
                return hits > Integer.parseInt(c.substring(1).trim());
            } else if (c.startsWith("%")) {
                int n = Integer.parseInt(c.substring(1).trim());
                return n > 0 && hits % n == 0;
            } else if (c.startsWith("==")) {
                return hits == Integer.parseInt(c.substring(2).trim());
            }
            return hits == Integer.parseInt(c);
        } catch (NumberFormatException e) {
            throw DapError.badArgs("bad hit condition '" + condition + "' (use N, >= N, > N or % N)");
        }
    }

    /** Throws a bad-arguments error unless the condition parses. */
    static void check(String condition) {
        if (condition != null && !condition.isBlank()) {
            matches(condition, 1);
        }
    }
}
