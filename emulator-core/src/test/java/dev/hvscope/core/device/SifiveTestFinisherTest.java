package dev.hvscope.core.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hvscope.core.bus.BusFault;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SifiveTestFinisherTest {
    private final List<String> events = new ArrayList<>();
    private final SifiveTest test = new SifiveTest(new SystemControl() {
        @Override
        public void powerOff(int exitCode) {
            events.add("off " + exitCode);
        }

        @Override
        public void reset() {
            events.add("reset");
        }
    });

    @Test
    void pass_powersOffWithZero() {
        test.write(0, 4, 0x5555);
        assertEquals(List.of("off 0"), events);
    }

    @Test
    void fail_powersOffWithTheCodeInTheUpperHalf() {
        test.write(0, 4, (42 << 16) | 0x3333);
        test.write(0, 4, (0xffffL << 16) | 0x3333);
        assertEquals(List.of("off 42", "off 65535"), events);
    }

    @Test
    void reset_requestsReset() {
        test.write(0, 2, 0x7777);
        assertEquals(List.of("reset"), events);
    }

    @Test
    void otherValuesAndOffsets_areIgnored_andReadsReturnZero() {
        test.write(0, 4, 0x1234);
        test.write(4, 4, 0x5555);
        assertEquals(List.of(), events);
        assertEquals(0, test.read(0, 4));
    }

    @Test
    void byteAndDoublewordAccess_areBusFaults() {
        assertThrows(BusFault.class, () -> test.write(0, 1, 0x55));
        assertThrows(BusFault.class, () -> test.write(0, 8, 0x5555));
    }
}
