package dev.hvscope.plugin.live;

import dev.hvscope.gdb.LocalUser;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The per-user private directory of hvscope's local endpoints (session registry, control sockets,
 * debug adapter tokens), kept the way ssh-agent and gpg-agent keep theirs: {@code
 * $XDG_RUNTIME_DIR/hvscope} when that runtime dir exists, else {@code <java.io.tmpdir>/hvscope-<uid>}.
 * It must be a real directory (no symbolic link) owned by this user with mode 0700: created so
 * atomically, and refused otherwise, since another local user could have made it first. The system
 * property {@value #PROPERTY} names another place (tests, sandboxes), checked the same way.
 */
public final class RuntimeDir {
    public static final String PROPERTY = "hvscope.runtimeDir";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private RuntimeDir() {
    }

    /** Where the directory is; nothing is created or checked. */
    public static Path location() {
        String override = System.getProperty(PROPERTY);
        if (override != null && !override.isEmpty()) {
            return Path.of(override);
        }
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isEmpty() && Files.isDirectory(Path.of(runtime))) {
            return Path.of(runtime, "hvscope");
        }
        return Path.of(System.getProperty("java.io.tmpdir", "/tmp"), "hvscope-" + currentUid());
    }

    /** The directory (its {@code child} when given), created private when missing. @throws IOException when it is not private */
    public static Path open(String... child) throws IOException {
        Path dir = createPrivate(location());
        for (String c : child) {
            dir = createPrivate(dir.resolve(c));
        }
        return dir;
    }

    /** Creates {@code dir} with mode 0700 unless it exists; then checks it ({@link #check}). */
    static Path createPrivate(Path dir) throws IOException {
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            Files.createDirectories(parent);
        }
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY)); // mkdir(dir, 0700)
        } catch (FileAlreadyExistsException e) {
            // made earlier, by us or by someone else: the check says which
        }
        check(dir);
        return dir;
    }

    /** Throws, naming what is wrong, unless {@code dir} is a directory (not a link) of this user that no one else may enter. */
    public static void check(Path dir) throws IOException {
        PosixFileAttributes a;
        try {
            a = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException e) {
            throw new IOException("hvscope needs a POSIX file system for its private directory " + dir);
        }
        if (a.isSymbolicLink() || !a.isDirectory()) {
            throw new IOException(dir + " is " + (a.isSymbolicLink() ? "a symbolic link" : "not a directory")
                    + ", not hvscope's private directory: remove it");
        }
        int owner = (Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        if (owner != currentUid()) {
            throw new IOException(dir + " belongs to uid " + owner + ", not to you (uid " + currentUid()
                    + "): another user may have made it; hvscope will not use it");
        }
        if (!OWNER_ONLY.containsAll(a.permissions())) {
            throw new IOException(dir + " is open to other users (" + PosixFilePermissions.toString(a.permissions())
                    + "): hvscope needs it private (chmod 700 " + dir + ")");
        }
    }

    /** This process's user id. */
    public static long currentUid() {
        return LocalUser.uid();
    }
}
