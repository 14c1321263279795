package dev.hvscope.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The pflash demo packaged in the jar (see app/pom.xml): copied to a temporary directory with its
 * layout (pflash/vm.toml refers to ../pflash-guest/pflash-guest.elf), so `hvscope vm` with no
 * config runs from any directory. The copies are deleted when the JVM exits.
 */
final class DemoFiles {
    private static final String BASE = "/dev/hvscope/app/demo/";
    private static final List<String> FILES = List.of("pflash/vm.toml", "pflash/pflash.img",
            "pflash/pflash-emulate.img", "pflash-guest/pflash-guest.elf");
    /** How messages name the embedded config. */
    static final String NAME = "(embedded) examples/pflash/vm.toml";

    private DemoFiles() {
    }

    /** Extracts the demo; returns the path of its vm.toml. */
    static Path extract() {
        try {
            Path dir = Files.createTempDirectory("hvscope-demo");
            dir.toFile().deleteOnExit();
            for (String f : FILES) {
                Path target = dir.resolve(f);
                if (Files.notExists(target.getParent())) {
                    Files.createDirectories(target.getParent());
                    target.getParent().toFile().deleteOnExit();
                }
                try (InputStream in = DemoFiles.class.getResourceAsStream(BASE + f)) {
                    if (in == null) {
                        throw new IOException("the jar lacks the embedded demo file " + f + " (rebuild hvscope)");
                    }
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                target.toFile().deleteOnExit();
            }
            return dir.resolve("pflash/vm.toml");
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }
}
