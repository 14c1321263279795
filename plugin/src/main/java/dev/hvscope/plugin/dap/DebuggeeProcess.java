package dev.hvscope.plugin.dap;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;

/** A launched debuggee (hvscope or QEMU with its stub): its output goes to the client as output events. */
final class DebuggeeProcess {
    private final Process process;
    private volatile Path socket;

    private DebuggeeProcess(Process process) {
        this.process = process;
    }

    /**
     * Starts the command; {@code output} receives (category, text) for stdout and stderr.
     *
     * @throws IOException when it cannot be started
     */
    static DebuggeeProcess start(List<String> command, Path cwd, BiConsumer<String, String> output) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        if (cwd != null) {
            pb.directory(cwd.toFile());
        }
        pb.redirectInput(ProcessBuilder.Redirect.PIPE);
        Process p = pb.start();
        pump(p.getInputStream(), "stdout", output);
        pump(p.getErrorStream(), "stderr", output);
        return new DebuggeeProcess(p);
    }

    private static void pump(InputStream in, String category, BiConsumer<String, String> output) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[4096];
            try {
                int n;
                while ((n = in.read(buf)) > 0) {
                    output.accept(category, new String(buf, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "debuggee-" + category);
        t.setDaemon(true);
        t.start();
    }

    /** The socket file the process's stub was told to listen on, removed after the process ends (a killed stub leaves it). */
    void removeAfterExit(Path socketFile) {
        this.socket = socketFile;
    }

    /**
     * The exit status once the process has ended, waiting up to {@code millis} for it: QEMU 7.2 closes
     * the gdb connection at a sifive_test power-off without a {@code W} packet, so its status is the code.
     */
    java.util.OptionalInt exitCode(long millis) {
        try {
            if (process.waitFor(millis, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                return java.util.OptionalInt.of(process.exitValue());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return java.util.OptionalInt.empty();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Ends the process (and waits briefly so no zombie outlives the session). */
    void destroy() {
        process.destroy();
        try {
            if (!process.waitFor(2, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(2, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Path s = socket;
        if (s != null && !process.isAlive()) {
            try {
                Files.deleteIfExists(s);
            } catch (IOException e) {
                // left behind in the private directory: the next stub on a fresh path does not mind
            }
        }
    }
}
