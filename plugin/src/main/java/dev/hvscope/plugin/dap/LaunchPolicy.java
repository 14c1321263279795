package dev.hvscope.plugin.dap;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which programs a launch request may start: hvscope itself (this JVM running hvscope's main class
 * from the adapter's class path, what {@link ProgramLaunch} writes by default) and the programs the
 * user named on the adapter's own command line ({@code hvscope dap --allow-program
 * /usr/bin/qemu-system-riscv64}), never one a client names on its own: whoever can send a launch
 * request could otherwise run anything as the adapter's user. Programs are compared by real path,
 * and the launch runs the path that was checked.
 */
public final class LaunchPolicy {
    /** The adapter option that allows a program, named in refusals. */
    public static final String OPTION = "--allow-program";
    private final List<Path> allowed;

    private LaunchPolicy(List<Path> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    /** Only hvscope itself. */
    public static LaunchPolicy hvscopeOnly() {
        return new LaunchPolicy(List.of());
    }

    /**
     * hvscope itself and these programs (paths, or names looked up on PATH).
     *
     * @throws IllegalArgumentException naming a program that is not an executable file
     */
    public static LaunchPolicy allowing(List<String> programs) {
        List<Path> out = new ArrayList<>();
        for (String p : programs) {
            Path real = resolve(p, null);
            if (real == null) {
                throw new IllegalArgumentException(OPTION + " " + p + ": no such executable file");
            }
            out.add(real);
        }
        return new LaunchPolicy(out);
    }

    /**
     * The command to start for a launch: {@code command} itself when it runs hvscope, else with its
     * program replaced by the allowed real path it names.
     *
     * @throws org.eclipse.lsp4j.jsonrpc.ResponseErrorException naming {@value #OPTION} when the program is not allowed
     */
    List<String> vet(List<String> command, Path cwd) {
        List<String> self = ProgramLaunch.self();
        if (self != null && command.size() >= self.size() && command.subList(0, self.size()).equals(self)) {
            return command;
        }
        Path real = resolve(command.get(0), cwd);
        if (real == null || !allowed.contains(real)) {
            throw DapError.badArgs("this debug adapter starts only hvscope itself and the programs named with "
                    + OPTION + " on its command line, not '" + command.get(0) + "'; to allow it, start the adapter"
                    + " as: hvscope dap " + OPTION + " " + (real != null ? real : command.get(0)));
        }
        List<String> out = new ArrayList<>(command);
        out.set(0, real.toString());
        return out;
    }

    /** The real path of the executable {@code program} names (as exec would find it: a path against cwd, a bare name on PATH), or null. */
    static Path resolve(String program, Path cwd) {
        List<Path> candidates = new ArrayList<>();
        if (program.isEmpty()) {
            return null;
        }
        if (program.contains(File.separator)) {
            Path p = Path.of(program);
            candidates.add(cwd == null || p.isAbsolute() ? p.toAbsolutePath() : cwd.resolve(p));
        } else {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    candidates.add(Path.of(dir, program));
                }
            }
        }
        for (Path c : candidates) {
            if (Files.isRegularFile(c) && Files.isExecutable(c)) {
                try {
                    return c.toRealPath();
                } catch (IOException e) {
                    // went away: try the next
                }
            }
        }
        return null;
    }
}
