package dev.hvscope.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs an ELF on hvscope as a user does: a new process through the {@code hvscope} launcher at the
 * repository root (so JVM start-up, the class-data archive and the heap the launcher picks are all
 * in the time), with QEMU's command line for the same run.
 */
final class HvscopeProcess {
    private final Path launcher;
    private final long timeoutSeconds;

    private HvscopeProcess(Path launcher, long timeoutSeconds) {
        this.launcher = launcher;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** The launcher next to the running jar (the launcher passes its directory), or null. */
    static HvscopeProcess find(long timeoutSeconds) {
        Path launcher = HvscopeHome.resolve("hvscope");
        return System.getProperty(HvscopeHome.PROPERTY) != null && Files.isExecutable(launcher)
                ? new HvscopeProcess(launcher, timeoutSeconds) : null;
    }

    List<String> command(Path elf, String ram) {
        return List.of(launcher.toString(), "-machine", "virt", "-m", ram, "-nographic", "-bios", "none",
                "-kernel", elf.toString());
    }

    ProcessTimer.Timing run(Path elf, String ram) throws IOException, InterruptedException {
        return ProcessTimer.run(command(elf, ram), timeoutSeconds);
    }
}
