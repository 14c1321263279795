package dev.hvscope.plugin.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Log point text: {expr} interpolation and the {{ }} escapes. */
class LogMessageTest {
    private static final Map<String, String> VALUES = Map.of("$a0", "0x2a", "$pc", "0x80200000");

    private static String format(String t) {
        return LogMessage.format(t, e -> {
            String v = VALUES.get(e);
            if (v == null) {
                throw new IllegalArgumentException(e);
            }
            return v;
        });
    }

    @Test
    void expressionsAreReplaced_bracesEscaped() {
        assertEquals("a0=0x2a at 0x80200000", format("a0={$a0} at {$pc}"));
        assertEquals("{literal} and }", format("{{literal}} and }}"));
        assertEquals("{0x2a}", format("{{{$a0}}}"));
        assertEquals("a0 = 0x2a", format("a0 = { $a0 }"));
    }

    @Test
    void failingExpression_readsAsAnError_unclosedBraceIsText() {
        assertEquals("x=<$nope: error>", format("x={$nope}"));
        assertEquals("open {$a0", format("open {$a0"));
        assertEquals("lone } brace", format("lone } brace"));
    }
}
