package dev.hvscope.gdb;

import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Puts a listening Unix domain socket at a path so that only this user can ever connect to it.
 * A socket file gets its mode from the umask when it is bound, so it is bound in a fresh 0700
 * directory next to the path ({@link #staged()}), made 0600 there, and then renamed into place
 * ({@link #publish()}): it is connectable at the path only once it is private. The path's directory
 * must be this user's and writable by no one else, or another user could swap the file; a file
 * already at the path is replaced only when it is a stale socket (nothing listening).
 */
final class PrivateSocketFile implements AutoCloseable {
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;

    private final Path path;
    private final Path staging;

    private PrivateSocketFile(Path path, Path staging) {
        this.path = path;
        this.staging = staging;
    }

    /**
     * Checks {@code path}'s directory and any file already there, and makes the staging directory.
     *
     * @throws IOException with a one-line message saying what is wrong
     */
    static PrivateSocketFile prepare(Path path) throws IOException {
        Path file = path.toAbsolutePath().normalize();
        Path dir = file.getParent();
        if (dir == null || file.getFileName() == null) {
            throw new IOException(path + ": not a file path");
        }
        checkDirectory(dir);
        checkExisting(file);
        return new PrivateSocketFile(file, Files.createTempDirectory(dir, ".hvscope-gdb-")); // mode 0700
    }

    /** Where to bind: inside the private staging directory. */
    Path staged() {
        return staging.resolve("s");
    }

    /** Makes the bound socket 0600 and renames it to the path (atomically, replacing a stale socket). */
    Path publish() throws IOException {
        Files.setPosixFilePermissions(staged(), PosixFilePermissions.fromString("rw-------"));
        Files.move(staged(), path, StandardCopyOption.ATOMIC_MOVE);
        return path;
    }

    /** Removes the staging directory (and the socket, when it was never published). */
    @Override
    public void close() throws IOException {
        Files.deleteIfExists(staged());
        Files.deleteIfExists(staging);
    }

    private static void checkDirectory(Path dir) throws IOException {
        PosixFileAttributes a;
        try {
            a = Files.readAttributes(dir, PosixFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new IOException(dir + ": no such directory");
        } catch (UnsupportedOperationException e) {
            throw new IOException(dir + ": a Unix socket needs a POSIX file system");
        }
        if (!a.isDirectory()) {
            throw new IOException(dir + ": not a directory");
        }
        long owner = ((Number) Files.getAttribute(dir, "unix:uid")).longValue();
        if (owner != LocalUser.uid()) {
            throw new IOException(dir + " belongs to uid " + owner + ", not to you (uid " + LocalUser.uid()
                    + "): put the gdb socket in a directory of your own");
        }
        Set<PosixFilePermission> p = a.permissions();
        if (p.contains(PosixFilePermission.GROUP_WRITE) || p.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new IOException(dir + " is writable by other users (" + PosixFilePermissions.toString(p)
                    + "): put the gdb socket in a directory only you can write to");
        }
    }

    private static void checkExisting(Path file) throws IOException {
        int mode;
        try {
            mode = (Integer) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return;
        }
        if ((mode & S_IFMT) != S_IFSOCK) {
            throw new IOException(file + " exists and is not a socket: hvscope will not overwrite it");
        }
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(file));
        } catch (ConnectException stale) {
            return;   // nobody listens: a socket left behind by a stub that died, replaced
        }
        throw new IOException(file + ": another program is listening on this socket");
    }
}
