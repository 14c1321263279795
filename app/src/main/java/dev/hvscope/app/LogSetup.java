package dev.hvscope.app;

import dev.hvscope.core.machine.MachineConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Points slf4j-simple (the app's one slf4j binding) at the {@code -d}/{@code -D} choices. Each trace
 * flag is a logger {@code hvscope.trace.<flag>} (e.g. {@code hvscope.trace.mmu}) that the core
 * writes at DEBUG; the flags given are enabled, and {@code -D FILE} becomes the log file. Must run
 * before the first logger is created; properties the user set with {@code -D...} on the JVM win.
 */
final class LogSetup {
    static final String PREFIX = "org.slf4j.simpleLogger.";
    /** Logger name of a trace flag; the core should use the same names. */
    static final String TRACE_LOGGER = "hvscope.trace.";

    private LogSetup() {
    }

    static Map<String, String> properties(MachineConfig config) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(PREFIX + "showThreadName", "false");
        p.put(PREFIX + "showShortLogName", "true");
        if (config.logFile() != null) {
            p.put(PREFIX + "logFile", config.logFile().toString());
        }
        for (String flag : config.traceFlags()) {
            p.put(PREFIX + "log." + TRACE_LOGGER + flag, "debug");
        }
        return p;
    }

    static void apply(MachineConfig config) {
        properties(config).forEach((k, v) -> {
            if (System.getProperty(k) == null) {
                System.setProperty(k, v);
            }
        });
    }
}
