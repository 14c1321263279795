package dev.hvscope.plugin.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The guest console, arriving a byte at a time, reaches the client as whole lines. */
class ConsoleLinesTest {
    private final List<String> events = new CopyOnWriteArrayList<>();

    @Test
    void bytesOfOneLineBecomeOneEvent() {
        ConsoleLines console = new ConsoleLines(events::add);
        for (char c : "hello\nworld\n".toCharArray()) {
            console.append(String.valueOf(c));
        }
        assertEquals(List.of("hello\n", "world\n"), events);
    }

    @Test
    void aChunkWithSeveralLinesKeepsTheTailForLater() {
        ConsoleLines console = new ConsoleLines(events::add);
        console.append("a\nb\nc");
        assertEquals(List.of("a\nb\n"), events);
        console.flush();
        assertEquals(List.of("a\nb\n", "c"), events);
    }

    @Test
    void aStopFlushesAPromptWithoutNewline() {
        ConsoleLines console = new ConsoleLines(events::add);
        console.append("$");
        console.append(" ");
        console.flush();
        console.flush();
        assertEquals(List.of("$ "), events);
    }

    @Test
    void aPromptAppearsAfterIdleTimeWithoutAStop() throws InterruptedException {
        CountDownLatch shown = new CountDownLatch(1);
        ConsoleLines console = new ConsoleLines(text -> {
            events.add(text);
            shown.countDown();
        });
        console.append("login:");
        console.append(" ");
        assertTrue(shown.await(30, TimeUnit.SECONDS), "the idle flush never came");
        assertEquals(List.of("login: "), events);
    }
}
