package dev.hvscope.app;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command as a user would, without a console (stdin from /dev/null, output discarded), and
 * measures its wall time from start to exit and, through GNU time when installed, its peak resident
 * set (the kernel's maximum RSS of the child, from wait4).
 */
final class ProcessTimer {
    static final Path GNU_TIME = Path.of("/usr/bin/time");

    /** Wall time, exit status and peak RSS in KiB (-1 when GNU time is not installed). */
    record Timing(double seconds, int exitStatus, long peakRssKiB) {
    }

    private ProcessTimer() {
    }

    static boolean measuresRss() {
        return Files.isExecutable(GNU_TIME);
    }

    static Timing run(List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        Path rssFile = measuresRss() ? Files.createTempFile("hvscope-bench", ".rss") : null;
        try {
            List<String> full = new ArrayList<>();
            if (rssFile != null) {
                full.addAll(List.of(GNU_TIME.toString(), "-f", "%M", "-o", rssFile.toString()));
            }
            full.addAll(command);
            ProcessBuilder pb = new ProcessBuilder(full)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            long t0 = System.nanoTime();
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor();
                throw new IOException(command.get(0) + " did not finish " + command.get(command.size() - 1)
                        + " within " + timeoutSeconds + " s (does the program write the sifive_test finisher?)");
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            return new Timing(seconds, p.exitValue(), rssFile == null ? -1 : peakRss(Files.readString(rssFile)));
        } finally {
            if (rssFile != null) {
                Files.deleteIfExists(rssFile);
            }
        }
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
