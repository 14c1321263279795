package dev.hvscope.core.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MonitorEscapeTest {
    private final List<Character> commands = new ArrayList<>();
    private final MonitorEscape escape = new MonitorEscape(commands::add);

    @Test
    void ctrlAThenLetter_isACommandAndNeverReachesTheGuest() {
        assertEquals('a', escape.filter('a'));
        assertEquals(-1, escape.filter(MonitorEscape.CTRL_A));
        assertEquals(-1, escape.filter('x'));
        assertEquals(List.of('x'), commands);
        assertEquals('b', escape.filter('b'));
    }

    @Test
    void ctrlATwice_sendsOneCtrlA() {
        assertEquals(-1, escape.filter(MonitorEscape.CTRL_A));
        assertEquals(MonitorEscape.CTRL_A, escape.filter(MonitorEscape.CTRL_A));
        assertEquals(List.of(), commands);
    }

    @Test
    void ctrlC_passesToTheGuest() {
        assertEquals(3, escape.filter(3));
    }
}
