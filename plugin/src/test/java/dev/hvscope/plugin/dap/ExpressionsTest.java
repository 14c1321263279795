package dev.hvscope.plugin.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.junit.jupiter.api.Test;

/** The condition language, hit conditions, exit-filter ranges and address syntax, without a target. */
class ExpressionsTest {
    private final DebugSession session = new DebugSession();

    private long eval(String e) {
        return Expressions.evaluate(session, e);
    }

    @Test
    void arithmetic_wrapsAt64Bits() {
        assertEquals(9, eval("1 + 2 + 6"));
        assertEquals(-1, eval("0 - 1"));
        assertEquals(0, eval("0xffffffffffffffff + 1"));
    }

    @Test
    void comparisonsAndLogic() {
        assertEquals(1, eval("0x10 == 16"));
        assertEquals(1, eval("-1 > 0"));           // unsigned: 0xffff_ffff_ffff_ffff
        assertEquals(0, eval("1 < 1 || 2 <= 1"));
        assertEquals(1, eval("(1 << 4 | 1) == 0x11 && 0x30 >> 4 == 3"));
        assertEquals(0xf0, eval("0xff & 0xf0"));
        assertEquals(0x2200_0000L, eval("0x2200_0000"));
    }

    @Test
    void registersAndLoads_needATarget() {
        ResponseErrorException e = assertThrows(ResponseErrorException.class, () -> eval("$pc"));
        assertTrue(e.getMessage().contains("not connected"));
    }

    @Test
    void malformedExpressions_areBadArguments() {
        assertThrows(ResponseErrorException.class, () -> eval(""));
        assertThrows(ResponseErrorException.class, () -> eval("1 +"));
        assertThrows(ResponseErrorException.class, () -> eval("(1"));
        assertThrows(ResponseErrorException.class, () -> eval("nosuchsymbol"));
        assertThrows(ResponseErrorException.class, () -> eval("1 2"));
    }

    @Test
    void logMessages_interpolateAndReportErrorsInline() {
        assertEquals("x=0x2a y=<$pc: error>", LogMessage.format(session, "x={40 + 2} y={$pc}"));
    }

    @Test
    void hitConditions() {
        assertTrue(HitCondition.matches("3", 3));
        assertFalse(HitCondition.matches("3", 4));
        assertTrue(HitCondition.matches(">= 2", 5));
        assertFalse(HitCondition.matches("> 5", 5));
        assertTrue(HitCondition.matches("% 4", 8));
        assertFalse(HitCondition.matches("%4", 6));
        assertThrows(ResponseErrorException.class, () -> HitCondition.check("sometimes"));
    }

    @Test
    void exitFilterRanges_areHalfOpen() {
        assertTrue(VmExitClassifier.inRange("0x22000000..0x22001000", 0x2200_0000L));
        assertTrue(VmExitClassifier.inRange("0x22000000..0x22001000", 0x2200_0fffL));
        assertFalse(VmExitClassifier.inRange("0x22000000..0x22001000", 0x2200_1000L));
        assertTrue(VmExitClassifier.inRange(null, 5));
        assertTrue(VmExitClassifier.inRange("0x10", 0x10));
    }

    @Test
    void memoryReferences_acceptRawHex() {
        assertEquals(0x8000_0000L, Addresses.memoryReference("80000000"));
        assertEquals(0x8000_0000L, Addresses.memoryReference("0x80000000"));
        assertThrows(ResponseErrorException.class, () -> Addresses.memoryReference("main"));
        assertThrows(ResponseErrorException.class, () -> MemoryAccess.parse(session, "xpa:0x10", 0));
    }
}
