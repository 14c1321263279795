package dev.hvscope.app;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of a whole process, timed from creation to exit as a user waits for it: stdin empty,
 * stdout and stderr together in a file (not a pipe, so a chatty guest never waits on us).
 *
 * @param seconds    wall time from start to exit
 * @param exitStatus the process's exit status
 * @param output     what it printed
 * @param timedOut   whether it was killed at the deadline (then exitStatus is meaningless)
 */
record WholeProcessRun(double seconds, int exitStatus, String output, boolean timedOut) {
    static WholeProcessRun run(List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile("hvscope-bench-", ".log");
        try {
            ProcessBuilder pb = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            long t0 = System.nanoTime();
            Process p = pb.start();
            boolean finished = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            if (!finished) {
                p.destroyForcibly().waitFor();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            return new WholeProcessRun(seconds, finished ? p.exitValue() : -1,
                    Files.readString(log, StandardCharsets.ISO_8859_1), !finished);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** The last lines of a console log, for an error message. */
    static String tail(String output) {
        String[] lines = output.split("\r?\n");
        int from = Math.max(0, lines.length - 10);
        return String.join("\n", List.of(lines).subList(from, lines.length));
    }
}
