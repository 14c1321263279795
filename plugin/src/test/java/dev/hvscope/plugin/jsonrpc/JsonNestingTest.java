package dev.hvscope.plugin.jsonrpc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JsonNestingTest {
    @Test
    void depthAtTheLimit_passes() {
        assertFalse(JsonNesting.deeperThan("[".repeat(3) + "]".repeat(3), 3));
        assertFalse(JsonNesting.deeperThan("{\"a\":[{}]}", 3));
    }

    @Test
    void oneLevelMore_isTooDeep() {
        assertTrue(JsonNesting.deeperThan("{\"a\":[{\"b\":[]}]}", 3));
        assertTrue(JsonNesting.deeperThan("[".repeat(100_000), 128));
    }

    @Test
    void bracketsInsideStrings_doNotCount() {
        assertFalse(JsonNesting.deeperThan("{\"s\":\"" + "[".repeat(1000) + "\"}", 2));
        assertFalse(JsonNesting.deeperThan("[\"\\\"[[[[\"]", 1));
    }

    @Test
    void closingBracketsBeyondOpened_doNotGoNegative() {
        assertTrue(JsonNesting.deeperThan("]]]][[", 1));
    }
}
