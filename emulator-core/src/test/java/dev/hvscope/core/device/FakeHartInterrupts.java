package dev.hvscope.core.device;

import java.util.HashMap;
import java.util.Map;

/** Records the last level set for each (hart, mip bit). */
final class FakeHartInterrupts implements HartInterrupts {
    private final Map<Long, Boolean> levels = new HashMap<>();
    int calls;

    @Override
    public void setPending(int hartId, int mipBit, boolean level) {
        levels.put(((long) hartId << 32) | mipBit, level);
        calls++;
    }

    boolean pending(int hartId, int mipBit) {
        return levels.getOrDefault(((long) hartId << 32) | mipBit, false);
    }
}
