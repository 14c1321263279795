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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Debug sessions that run a VM from a config file, so the language server (another process) can
 * find the live VM of the file it edits. One small JSON file per session: {@code {"pid", "config",
 * "socket"}} — the adapter's process id, the config's real path, the Unix domain socket of its
 * control channel (see {@link SessionControl}). Written by the adapter when the session starts,
 * removed when it ends; a file whose process is gone, or that cannot be read, is passed over.
 *
 * <p>The directory: {@code sessions} in the private {@link RuntimeDir} (0700, this user's), so no
 * other user can read the registry or reach the sockets; a registry in a directory that is not
 * private is neither written nor read.
 */
public final class LiveSessionRegistry {
    private static final AtomicInteger SOCKETS = new AtomicInteger();
    private final Path dir;

    /** One registered session. */
    public record Entry(long pid, Path config, Path socket, Path file) {
    }

    public LiveSessionRegistry(Path dir) {
        this.dir = dir;
    }

    /** The registry every hvscope process of this user shares. */
    public static LiveSessionRegistry standard() {
        return new LiveSessionRegistry(RuntimeDir.location().resolve("sessions"));
    }

    public Path dir() {
        return dir;
    }

    /** A fresh path for this process's next control socket, in the registry's (private) directory. */
    public Path newSocket() throws IOException {
        return openDir().resolve(ProcessHandle.current().pid() + "-" + SOCKETS.incrementAndGet() + ".sock");
    }

    /** Registers this process's session for {@code config}, reachable on {@code socket}; returns the entry's file, for {@link #remove}. */
    public Path register(Path config, Path socket) throws IOException {
        openDir();
        long pid = ProcessHandle.current().pid();
        JsonObject o = new JsonObject();
        o.addProperty("pid", pid);
        o.addProperty("config", realPath(config).toString());
        o.addProperty("socket", socket.toString());
        String name = socket.getFileName().toString().replace(".sock", "");
        Path file = dir.resolve(name + ".json");
        Path tmp = dir.resolve(name + ".json.tmp");
        Files.writeString(tmp, o.toString(), StandardCharsets.UTF_8);
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    /** The registry's directory, created private (it and its parent) or refused ({@link RuntimeDir#check}). */
    private Path openDir() throws IOException {
        RuntimeDir.createPrivate(dir.toAbsolutePath().getParent());
        return RuntimeDir.createPrivate(dir);
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
        try {
            RuntimeDir.check(dir.toAbsolutePath().getParent());
            RuntimeDir.check(dir);
        } catch (IOException | RuntimeException e) {
            return out; // none yet, or a directory someone else may have written: trust none of it
        }
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
            return new Entry(o.get("pid").getAsLong(), Path.of(o.get("config").getAsString()),
                    Path.of(o.get("socket").getAsString()), f);
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
