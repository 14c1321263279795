package dev.hvscope.app;

import java.util.Random;

/** Line- and character-level mutations of a TOML config. */
final class TomlFuzz {
    private static final String[] TOKENS = {
        "[", "]", "{", "}", "=", "\"", "'", "#", ",", "\n", "0x", "-1", "0xffff_ffff_ffff_ffff", "1e999", "[[", "]]",
        "\"\"\"", "\\u0000", "nan", "inf", "true", "99999999999999999999",
    };

    private TomlFuzz() {
    }

    static String mutate(String toml, Random random) {
        StringBuilder s = new StringBuilder(toml);
        int edits = 1 + random.nextInt(5);
        for (int e = 0; e < edits; e++) {
            int at = random.nextInt(s.length() + 1);
            int span = Math.min(s.length() - at, random.nextInt(16));
            switch (random.nextInt(4)) {
                case 0 -> s.delete(at, at + span);
                case 1 -> s.insert(at, TOKENS[random.nextInt(TOKENS.length)]);
                case 2 -> s.replace(at, at + span, TOKENS[random.nextInt(TOKENS.length)]);
                default -> s.insert(at, s.substring(at, at + span));
            }
        }
        return s.toString();
    }
}
