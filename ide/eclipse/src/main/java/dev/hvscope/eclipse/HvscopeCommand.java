package dev.hvscope.eclipse;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the hvscope launcher is: the system property {@code hvscope.command} (eclipse.ini:
 * {@code -Dhvscope.command=/path/to/hvscope}), else the environment variable {@code HVSCOPE},
 * else {@code hvscope} on the PATH.
 */
public final class HvscopeCommand {
    private HvscopeCommand() {
    }

    public static String launcher() {
        String configured = System.getProperty("hvscope.command");
        if (configured == null || configured.isBlank()) {
            configured = System.getenv("HVSCOPE");
        }
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                File f = new File(dir, "hvscope");
                if (f.canExecute()) {
                    return f.getAbsolutePath();
                }
            }
        }
        return "hvscope";
    }

    /** The launcher followed by a subcommand ("lsp", "dap"). */
    public static List<String> of(String subcommand) {
        List<String> cmd = new ArrayList<>();
        cmd.add(launcher());
        cmd.add(subcommand);
        return cmd;
    }
}
