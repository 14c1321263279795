package dev.hvscope.app;

import java.io.File;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Puts an interactive terminal into raw mode while a guest owns the console (as QEMU does with
 * -nographic), so keys reach the guest at once and Ctrl-C goes to the guest, and restores it after.
 * Does nothing when stdin is not a terminal (pipes, CI).
 */
final class TerminalMode implements AutoCloseable {
    private static final File TTY = new File("/dev/tty");
    private final String saved;

    private TerminalMode(String saved) {
        this.saved = saved;
    }

    static TerminalMode raw() {
        if (System.console() == null || !TTY.exists()) {
            return new TerminalMode(null);
        }
        String saved = stty("-g");
        if (saved == null || stty("raw", "-echo") == null) {
            return new TerminalMode(null);
        }
        TerminalMode mode = new TerminalMode(saved.strip());
        Runtime.getRuntime().addShutdownHook(new Thread(mode::close));
        return mode;
    }

    private static String stty(String... args) {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "stty";
        System.arraycopy(args, 0, cmd, 1, args.length);
        try {
            Process p = new ProcessBuilder(cmd).redirectInput(TTY).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Override
    public synchronized void close() {
        if (saved != null) {
            stty(saved);
        }
    }
}
