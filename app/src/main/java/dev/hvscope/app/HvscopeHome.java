package dev.hvscope.app;

import java.nio.file.Path;

/**
 * The repository root: the launcher passes its own directory as {@code -Dhvscope.home}, so default
 * file names (examples/...) work from any current directory; without it, the current directory.
 */
final class HvscopeHome {
    static final String PROPERTY = "hvscope.home";

    private HvscopeHome() {
    }

    static Path root() {
        String home = System.getProperty(PROPERTY);
        return Path.of(home == null || home.isEmpty() ? "." : home);
    }

    /** A path under the repository root. */
    static Path resolve(String relative) {
        return root().resolve(relative).normalize();
    }
}
