package dev.hvscope.core.hart;

import dev.hvscope.core.hart.jit.Jit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The block translator's global switches for one test: set before each test (or left as they are),
 * restored after it, so tests that change them never leak into others.
 */
final class JitSettings implements BeforeEachCallback, AfterEachCallback {
    private final Boolean enabled;
    private final Integer threshold;
    private boolean savedEnabled;
    private int savedThreshold;

    private JitSettings(Boolean enabled, Integer threshold) {
        this.enabled = enabled;
        this.threshold = threshold;
    }

    /** The translator on, translating a block head after {@code threshold} visits. */
    static JitSettings on(int threshold) {
        return new JitSettings(true, threshold);
    }

    /** The switches as they are; tests change them and they are restored afterwards. */
    static JitSettings restored() {
        return new JitSettings(null, null);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        savedEnabled = Jit.isEnabled();
        savedThreshold = Jit.threshold();
        if (enabled != null) {
            Jit.setEnabled(enabled);
        }
        if (threshold != null) {
            Jit.setThreshold(threshold);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Jit.setEnabled(savedEnabled);
        Jit.setThreshold(savedThreshold);
    }
}
