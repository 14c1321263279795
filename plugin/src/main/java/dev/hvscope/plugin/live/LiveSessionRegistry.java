package dev.hvscope.plugin.live;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Debug sessions that run a VM from a config file, so the language server (another process) can
 * find the live VM of the file it edits. One small JSON file per session: {@code {"pid", "config",
 * "port"}} — the adapter's process id, the config's real path, its loopback control port (see
 * {@link SessionControl}). Written by the adapter when the session starts, removed when it ends;
 * a file whose process is gone, or that cannot be read, is passed over.
 *
 * <p>The directory: {@code $XDG_RUNTIME_DIR/hvscope/sessions} when that runtime dir exists (per
 * user, private), else {@code java.io.tmpdir/hvscope-$USER/sessions}; the system property
 * {@value #DIR_PROPERTY} overrides both (tests, sandboxes).
 */
public final class LiveSessionRegistry {
    public static final String DIR_PROPERTY = "hvscope.sessions";
    private final Path dir;

    /** One registered session. */
    public record Entry(long pid, Path config, int port, Path file) {
    }

    public LiveSessionRegistry(Path dir) {
        this.dir = dir;
    }

    /** The registry every hvscope process of this user shares. */
    public static LiveSessionRegistry standard() {
        String override = System.getProperty(DIR_PROPERTY);
        if (override != null && !override.isEmpty()) {
            return new LiveSessionRegistry(Path.of(override));
        }
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isEmpty() && Files.isDirectory(Path.of(runtime))) {
            return new LiveSessionRegistry(Path.of(runtime, "hvscope", "sessions"));
        }
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
        return new LiveSessionRegistry(Path.of(System.getProperty("java.io.tmpdir"), "hvscope-" + user, "sessions"));
    }

    public Path dir() {
        return dir;
    }

    /** Registers this process's session for {@code config}; returns the entry's file, for {@link #remove}. */
    public Path register(Path config, int port) throws IOException {
        Files.createDirectories(dir);
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------")); // the sessions dir only
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system, or not ours to change: the entries still work
        }
        long pid = ProcessHandle.current().pid();
        JsonObject o = new JsonObject();
        o.addProperty("pid", pid);
        o.addProperty("config", realPath(config).toString());
        o.addProperty("port", port);
        Path file = dir.resolve(pid + "-" + port + ".json");
        Path tmp = dir.resolve(pid + "-" + port + ".json.tmp");
        Files.writeString(tmp, o.toString(), StandardCharsets.UTF_8);
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    public void remove(Path entry) {
        try {
            Files.deleteIfExists(entry);
        } catch (IOException e) {
            // gone already, or not ours: a dead process's entry is ignored anyway
        }
    }

    /** The live sessions running {@code config} (compared by real path). Never throws. */
    public List<Entry> sessionsFor(Path config) {
        List<Entry> out = new ArrayList<>();
        Path wanted = realPath(config);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
            for (Path f : files) {
                Entry e = read(f);
                if (e != null && e.config().equals(wanted) && alive(e.pid())) {
                    out.add(e);
                }
            }
        } catch (IOException | RuntimeException e) {
            // no registry yet, or unreadable: no live sessions
        }
        return out;
    }

    private static Entry read(Path f) {
        try {
            JsonObject o = JsonParser.parseString(Files.readString(f, StandardCharsets.UTF_8)).getAsJsonObject();
            return new Entry(o.get("pid").getAsLong(), Path.of(o.get("config").getAsString()), o.get("port").getAsInt(), f);
        } catch (IOException | RuntimeException e) {
            return null; // half-written, foreign or broken: not a session
        }
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The path with links and ".." resolved when the file exists, else made absolute and normalized. */
    public static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException | RuntimeException e) {
            return p.toAbsolutePath().normalize();
        }
    }
}
