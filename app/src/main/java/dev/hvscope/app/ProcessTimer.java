package dev.hvscope.app;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command as a user would, without a console (stdin from /dev/null; output to a file, never
 * a pipe, so a chatty guest never waits on us), and measures its wall time from start to exit and,
 * through GNU time when installed, its peak resident set (the kernel's maximum RSS of the child,
 * from wait4).
 */
final class ProcessTimer {
    static final Path GNU_TIME = Path.of("/usr/bin/time");

    /**
     * Wall time, exit status, peak RSS in KiB (-1 when GNU time is not installed) and what the
     * process printed on stdout and stderr together.
     */
    record Timing(double seconds, int exitStatus, long peakRssKiB, String output) {
    }

    private ProcessTimer() {
    }

    static boolean measuresRss() {
        return Files.isExecutable(GNU_TIME);
    }

    static Timing run(List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        return run(command, Map.of(), timeoutSeconds);
    }

    /** As {@link #run(List, long)}, with extra environment variables for the command. */
    static Timing run(List<String> command, Map<String, String> environment, long timeoutSeconds)
            throws IOException, InterruptedException {
        Path rssFile = measuresRss() ? Files.createTempFile("hvscope-bench", ".rss") : null;
        Path log = Files.createTempFile("hvscope-bench", ".log");
        try {
            List<String> full = new ArrayList<>();
            if (rssFile != null) {
                full.addAll(List.of(GNU_TIME.toString(), "-f", "%M", "-o", rssFile.toString()));
            }
            full.addAll(command);
            ProcessBuilder pb = new ProcessBuilder(full)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            pb.environment().putAll(environment);
            long t0 = System.nanoTime();
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor();
                throw new IOException(String.join(" ", command) + " did not finish within " + timeoutSeconds
                        + " s; it printed last:\n" + tail(Files.readString(log, StandardCharsets.ISO_8859_1)));
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            return new Timing(seconds, p.exitValue(), rssFile == null ? -1 : peakRss(Files.readString(rssFile)),
                    Files.readString(log, StandardCharsets.ISO_8859_1));
        } finally {
            if (rssFile != null) {
                Files.deleteIfExists(rssFile);
            }
            Files.deleteIfExists(log);
        }
    }

    /** The last lines of a console log, for an error message. */
    static String tail(String output) {
        String[] lines = output.split("\r?\n");
        int from = Math.max(0, lines.length - 10);
        return String.join("\n", List.of(lines).subList(from, lines.length));
    }

    /** GNU time's %M output: its last line (an earlier one reports a non-zero exit status). */
    static long peakRss(String output) {
        String[] lines = output.strip().split("\n");
        try {
            return Long.parseLong(lines[lines.length - 1].strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
